"""One file to print: every candidate's PDF of a batch after the other.

Why: the secretary files one PDF per candidate (mailed, archived per pupil), but prints a class
at once; opening two hundred files to print them is how a page gets lost. The combined file
holds the very same pages (each candidate's own "pagina 1 van 2" stays true), so what is
printed is what is filed. pypdf copies the pages as they are: nothing is drawn twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..store.files import open_private


def combined_name(kind: str, exam_year: int, scope: str | None) -> str:
    """`cijferlijst_2025_5H1_afdrukken.pdf` (scope: a class, "selectie"; None: the whole
    school): never the name of one candidate's file, which ends in the exam number."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in scope or "") or "school"
    return f"{kind}_{exam_year}_{safe}_afdrukken.pdf"


def combine(paths: Sequence[Path], target: Path, *, group: str | None = None) -> Path:
    """Write `target` (private, replaced whole) with the pages of `paths` in their order."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for path in paths:
        writer.append(str(path))
    part = target.with_name(target.name + ".part")
    with open_private(part, "wb", group=group) as handle:
        writer.write(handle)
    part.replace(target)
    return target
