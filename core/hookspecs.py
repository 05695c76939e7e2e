"""The contract between examenbureau and a rule pack, in one place.

A rule pack is a Python module (or distribution) that implements some of these hooks with
`@hookimpl` and is registered through the entry-point group `examenbureau.rulepacks`. The
statutory pack `wvo2020` implements every hook with `trylast=True`; a board pack implements
only what its regulation changes, and wins where both answer (pluggy calls the board pack
first; `firstresult` hooks stop at the first answer that is not None).

Each hook's docstring says what it decides, what it receives, what it returns and which
article of which document governs it. Change this file only together with the packs and
`docs/rulepacks.md`.
"""

from __future__ import annotations

from typing import Any

import attrs
import pluggy

PROJECT = "examenbureau"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@attrs.frozen
class Source:
    """A document a pack cites: its file in the seeds and what it is."""

    document: str          # e.g. "Uitvoeringsbesluit WVO 2020"
    reference: str         # file name in the seeds or a public identifier (BWBR...)
    description: str = ""


@attrs.frozen
class PackInfo:
    """Who a pack is and what it covers; shown by `examenbureau pack list`."""

    name: str              # entry-point name, e.g. "ozhw"
    title: str             # Dutch, e.g. "Stichting OZHW (Willem de Zwijger College)"
    board: str | None      # None for the statutory pack
    sources: tuple[Source, ...] = ()
    statutory: bool = False
    implemented: tuple[str, ...] = ()   # hooks that carry rules; empty: identity only
    status: str = ""                    # Dutch sentence on what the pack does (not) do yet


class RulePackSpec:
    """Hook specifications. See the module docstring for the override order."""

    @hookspec
    def rulepack_info(self) -> PackInfo:
        """Identity and sources of the pack. Every pack implements this; not firstresult,
        so `pack list` sees every registered pack."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def rulepack_settings(self) -> dict[str, Any] | None:
        """The board's policy choices that are parameters rather than rules (rounding of
        SE-only final grades, which SE attempt counts, ...), as a dict; None: no opinion.
        Governed by the board's exam regulation (examenreglement)."""
        raise NotImplementedError
