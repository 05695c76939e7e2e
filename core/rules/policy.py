"""What the active rule packs say, asked once and then kept.

`core` reaches packs only through `examenbureau.core.packs.manager(pack)`; building a plugin
manager reads entry points (milliseconds), so the engine keeps one `Policy` per pack name.
Parameters are static for a pack, so they are cached too; per-candidate hooks (a board's extra
conditions and cum laude rule) are called only when a pack other than the statutory one
implements them (the statutory answer to both is "nothing").
"""

from __future__ import annotations

import functools
from typing import Any

import pluggy

from examenbureau.core import packs
from examenbureau.core.hookspecs import CandidateView, CumLaudeRules, PassRules, SchoolRule
from examenbureau.core.reasons import Reason

from .errors import CalcInputError


class Policy:
    """The rules of one pack stack (the law plus at most one board pack)."""

    def __init__(self, pm: pluggy.PluginManager, name: str) -> None:
        self.pm = pm
        self.name = name
        self._pass: dict[str, tuple[PassRules, str]] = {}
        self._cum: dict[str, tuple[CumLaudeRules, str]] = {}
        self._settings: dict[str, Any] | None = None
        self.board_conditions = self._has_board_impl("extra_pass_conditions")
        self.board_cum_laude = self._has_board_impl("cum_laude_school_rule")

    def _has_board_impl(self, hook: str) -> bool:
        caller = getattr(self.pm.hook, hook)
        return any(impl.plugin_name != packs.STATUTORY for impl in caller.get_hookimpls())

    def _decider(self, hook: str, result: Any, **kwargs: Any) -> str:
        """Name of the plugin whose answer a firstresult hook returned as `result`.

        The first plain implementation (in call order) that answers decides. A board may also
        wrap the hook (`@hookimpl(wrapper=True)`: take the law's answer and adjust it, without
        copying it); when the result differs from that plain answer, the wrapper decided.
        """
        caller = getattr(self.pm.hook, hook)
        impls = caller.get_hookimpls()
        name, plain = packs.STATUTORY, None
        for impl in reversed([i for i in impls if not _is_wrapper(i)]):  # call order
            # an implementation may take a subset of the arguments (pluggy allows it)
            answer = impl.function(*[kwargs[a] for a in impl.argnames])
            if answer is not None:
                name, plain = impl.plugin_name, answer
                break
        wrappers = [i for i in impls if _is_wrapper(i)]
        if wrappers and result != plain:
            return wrappers[-1].plugin_name  # the outermost wrapper: called first, returns last
        return name

    @property
    def settings(self) -> dict[str, Any]:
        """Settings of the statutory pack overlaid with the board's: a board that names only
        its rounding keeps the law's answer for everything else."""
        if self._settings is None:
            try:
                self._settings = packs.merged_settings(self.pm)   # the one path (core.packs)
            except packs.PackError as exc:
                raise CalcInputError(str(exc)) from exc
        return self._settings

    @property
    def se_only_rounding_steps(self) -> int:
        steps = self.settings.get("se_only_rounding_steps")
        if steps not in (1, 2):
            raise CalcInputError(f"regelpakket '{self.name}': se_only_rounding_steps is "
                                 f"{steps!r}, verwacht 1 of 2")
        return steps

    def pass_rules(self, level: str) -> PassRules:
        return self._pass_entry(level)[0]

    def pass_rules_pack(self, level: str) -> str:
        """Which pack's pass rules decide for this level (the law unless a board replaced them)."""
        return self._pass_entry(level)[1]

    def _pass_entry(self, level: str) -> tuple[PassRules, str]:
        entry = self._pass.get(level)
        if entry is None:
            rules = self.pm.hook.pass_rules(level=level)
            if rules is None:
                raise CalcInputError(f"regelpakket '{self.name}' kent geen uitslagregels voor "
                                     f"'{level}'")
            entry = self._pass[level] = (rules, self._decider("pass_rules", rules, level=level))
        return entry

    def cum_laude_rules(self, key: str) -> CumLaudeRules:
        return self._cum_entry(key)[0]

    def cum_laude_rules_pack(self, key: str) -> str:
        return self._cum_entry(key)[1]

    def _cum_entry(self, key: str) -> tuple[CumLaudeRules, str]:
        entry = self._cum.get(key)
        if entry is None:
            rules = self.pm.hook.cum_laude_rules(level=key)
            if rules is None:
                raise CalcInputError(f"regelpakket '{self.name}' kent geen cum-laude-regels voor "
                                     f"'{key}'")
            entry = self._cum[key] = (rules, self._decider("cum_laude_rules", rules, level=key))
        return entry

    def extra_pass_conditions(self, view: CandidateView) -> list[Reason]:
        found: list[Reason] = []
        for answer in self.pm.hook.extra_pass_conditions(candidate=view):
            found.extend(answer or [])
        return found

    def cum_laude_school_rule(self, view: CandidateView) -> SchoolRule | None:
        return self.pm.hook.cum_laude_school_rule(candidate=view)


def _is_wrapper(impl: Any) -> bool:
    return bool(getattr(impl, "wrapper", False) or getattr(impl, "hookwrapper", False))


@functools.cache
def for_pack(name: str) -> Policy:
    try:
        return Policy(packs.manager(name), name)
    except packs.PackError as exc:
        raise CalcInputError(f"veld 'pack': {exc}") from exc
