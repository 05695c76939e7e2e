"""The contract suite `examenbureau pack check NAME` runs on any installed pack.

Why more than "does it load": a pack answers questions during a results day; a hook that
raises, returns the wrong type or a decision without its article would surface only then. So
every hook the pack implements is called here with well-formed input (several school types,
both sides of the usual boundaries) and its answer must have the type the hookspec declares,
with reasons that name their rule, source and a Dutch sentence, and sources that name the
document. Each problem names the hook. Nothing here reads files or the clock.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pluggy

from . import hookspecs
from .hookspecs import (
    CandidateView,
    CarryOver,
    CeResitRules,
    CumLaudeRules,
    Deadline,
    Forfeit,
    PackInfo,
    PassRules,
    PromotionRules,
    Reason,
    RepeaterSubject,
    RepeaterTest,
    RepeaterView,
    ResitDecision,
    ResitHistory,
    ResitRequest,
    SchoolRule,
    SittingRules,
    UsedResit,
)
from .packs import STATUTORY
from .reference import LEVELS

CUM_LAUDE_KEYS = ("vwo", "havo", "vmbo-gt/tl", "vmbo-gt/gl", "vmbo-kb", "vmbo-bb")


def _views() -> Iterator[CandidateView]:
    for level, passed, pws in (("havo", True, 7), ("vwo", True, 3), ("havo", False, 4),
                               ("vmbo-kb", True, None), ("vmbo-gt", False, None)):
        finals = {"netl": 7, "entl": 6, "wisA": 5, "biol": 8, "econ": 9}
        comps = {"maat": 7, "ckv": 6, **({"pws": pws} if pws is not None else {})}
        yield CandidateView(
            level=level, leerweg="tl" if level == "vmbo-gt" else None, final_grades=finals,
            parts={"netl": "gd", "entl": "gd", "wisA": "pd", "biol": "pd", "econ": "vd"},
            ce_grades={k: Decimal("6.4") for k in finals},
            combination_grade=7 if level in ("havo", "vwo") else None,
            combination_components=comps if level in ("havo", "vwo") else {},
            assessments={"lo": "voldoende"}, passed=passed,
            all_final_grades={**finals, "fatl": 8}, exam_year=2025,
            lo_assessed_on=date(2025, 4, 20), ce_resits=("netl",) if not passed else ())


def _resit_questions() -> Iterator[tuple[ResitHistory, ResitRequest]]:
    used = (UsedResit("netl", "NE-T1", 1), UsedResit("entl", "EN-T2", 1))
    forfeits = (Forfeit(2, "absent_zonder_geldige_reden"),)
    for level, year in (("havo", 5), ("havo", 4), ("vwo", 6), ("vmbo-kb", 4), ("vmbo-gt", 3)):
        for kind, subject in (("schriftelijk", "wisA"), ("mondeling", "entl"),
                              ("handelingsdeel", "lo"), ("pws", "pws"),
                              ("herexamen", "maat")):
            yield (ResitHistory(level, year, year == (6 if level == "vwo" else
                                                      5 if level == "havo" else 4),
                                used, forfeits),
                   ResitRequest(subject, f"{subject.upper()}-T3", kind, resittable=True, period=2,
                                test_period=2, final_grade=5))


def _repeaters() -> Iterator[RepeaterView]:
    subjects = (RepeaterSubject("netl", True, Decimal("6.1"), 6),
                RepeaterSubject("maat", False, Decimal("6.6"), 7),
                RepeaterSubject("pws", False, Decimal("5.9"), 6))
    tests = (RepeaterTest("ges", "GS-PO", "praktische_opdracht", Decimal("7.2")),)
    yield RepeaterView("havo", 5, True, failed_exam=True, subjects=subjects, tests=tests,
                       combination_grade=6)
    yield RepeaterView("vwo", 5, False, promoted=False, subjects=subjects, tests=tests,
                       early_ce=("biol",))
    yield RepeaterView("vmbo-kb", 4, True, failed_exam=True, subjects=subjects)


# hook -> the keyword arguments of every call made
INPUTS: dict[str, Callable[[], Iterable[dict[str, Any]]]] = {
    "rulepack_info": lambda: [{}],
    "rulepack_settings": lambda: [{}],
    "pass_rules": lambda: [{"level": lv} for lv in LEVELS],
    "cum_laude_rules": lambda: [{"level": k} for k in CUM_LAUDE_KEYS],
    "extra_pass_conditions": lambda: [{"candidate": v} for v in _views()],
    "cum_laude_school_rule": lambda: [{"candidate": v} for v in _views()],
    "se_resit_check": lambda: [{"history": h, "request": r} for h, r in _resit_questions()],
    "ce_resit_rules": lambda: [{"level": lv} for lv in LEVELS],
    "sitting_rules": lambda: [{"sitting": s, "kind": k, "level": lv}
                              for s in ("ce", "se") for k in ("schriftelijk", "mondeling")
                              for lv in ("havo", None)],
    "promotion_rules": lambda: [{"level": lv, "leerjaar": y}
                                for lv, y in (("havo", 4), ("vwo", 4), ("vwo", 5), ("havo", 3),
                                              ("vmbo-kb", 3))],
    "carry_over": lambda: [{"repeater": r} for r in _repeaters()],
    "deadlines": lambda: [{}],
}


def _declared(hook: str) -> Any:
    spec = getattr(hookspecs.RulePackSpec, hook)
    return typing.get_type_hints(spec, globalns=vars(hookspecs))["return"]


def _type_problem(value: Any, declared: Any) -> str | None:
    """Why `value` does not fit the declared return type, or None."""
    origin = typing.get_origin(declared)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(declared)
        if any(_type_problem(value, o) is None for o in options):
            return None
        return f"gaf {type(value).__name__} terug, verwacht {_name(declared)}"
    if declared is type(None):
        return None if value is None else f"gaf {type(value).__name__}, verwacht None"
    if origin is list:
        if not isinstance(value, list):
            return f"gaf {type(value).__name__} terug, verwacht {_name(declared)}"
        (item,) = typing.get_args(declared)
        return next((p for p in (_type_problem(v, item) for v in value) if p), None)
    if origin is tuple:
        if not isinstance(value, tuple):
            return f"gaf {type(value).__name__} terug, verwacht {_name(declared)}"
        item = typing.get_args(declared)[0]
        return next((p for p in (_type_problem(v, item) for v in value) if p), None)
    if origin is dict:
        return None if isinstance(value, dict) else (
            f"gaf {type(value).__name__} terug, verwacht dict")
    if declared is Any:
        return None
    return None if isinstance(value, declared) else (
        f"gaf {type(value).__name__} terug, verwacht {_name(declared)}")


def _name(declared: Any) -> str:
    if typing.get_origin(declared) in (typing.Union, types.UnionType):
        return " of ".join(_name(a) for a in typing.get_args(declared))
    if declared is type(None):
        return "None"
    return getattr(declared, "__name__", str(declared))


def _reason_problems(reasons: Iterable[Any], name: str) -> Iterator[str]:
    for r in reasons:
        if not isinstance(r, Reason):
            yield f"een reden is {type(r).__name__}, verwacht Reason"
            continue
        for field in ("rule", "source", "text"):
            if not isinstance(getattr(r, field), str) or not getattr(r, field).strip():
                yield f"reden '{r.rule}' heeft geen {field}"
        if r.pack not in (name, STATUTORY):
            yield f"reden '{r.rule}' noemt pakket '{r.pack}', verwacht '{name}'"


def _source_problems(value: Any, name: str) -> Iterator[str]:
    """Every decision names its article; every reason is complete."""
    if isinstance(value, PackInfo):
        if value.name != name:
            yield f"noemt '{value.name}', het entry point heet '{name}'"
        if not value.sources:
            yield "noemt geen bronnen (document en artikel)"
    elif isinstance(value, PassRules | CeResitRules | PromotionRules):
        if not value.sources or not all(isinstance(s, str) and s for s in value.sources.values()):
            yield "sources is leeg of heeft een lege bron"
    elif isinstance(value, CumLaudeRules):
        if not value.source_mean or not value.source_min:
            yield "source_mean of source_min is leeg"
    elif isinstance(value, SchoolRule):
        if not value.source or not value.text:
            yield "source of text is leeg"
    elif isinstance(value, ResitDecision):
        if not value.reasons:
            yield "een beslissing zonder redenen"
        yield from _reason_problems(value.reasons, name)
    elif isinstance(value, SittingRules):
        if not value.late_source:
            yield "late_source is leeg"
        if value.late_admission not in ("limit", "always", "open"):
            yield f"late_admission is '{value.late_admission}', verwacht limit, always of open"
        if value.late_admission == "limit" and value.late_limit_min is None:
            yield "late_admission 'limit' zonder late_limit_min"
        if value.late_admission == "open" and not value.decider:
            yield "late_admission 'open' zonder decider (wie beslist)"
        for et in value.extra_time:
            if not et.source:
                yield "extra_time zonder bron"
    elif isinstance(value, CarryOver):
        for item in value.items:
            if item.choice not in hookspecs.CARRY_CHOICES:
                yield f"keuze '{item.choice}' bij {item.subject}, verwacht keep, redo, choose of open"
            yield from _reason_problems([item.reason], name)
        yield from _reason_problems(value.reasons, name)
    elif isinstance(value, list):
        yield from _reason_problems(value, name)
    elif isinstance(value, tuple):
        for d in value:
            if isinstance(d, Deadline):
                if not d.source:
                    yield f"termijn '{d.key}' zonder bron"
                if d.offset is None and not d.alternatives and not d.decider:
                    yield f"termijn '{d.key}' zonder getal en zonder decider (wie bepaalt)"


def _manager(module: Any, name: str, law: Any | None) -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    if law is not None and name != STATUTORY:
        pm.register(law, name=STATUTORY)
    pm.register(module, name=name)
    pm.check_pending()
    return pm


def check_module(module: Any, name: str, law: Any | None = None) -> list[str]:
    """Contract problems of `module` as pack `name`, each "hook: problem", in Dutch.

    `law` is the statutory pack, registered underneath so that a wrapper gets the law's answer
    (as it will in use); the answers checked are the stack's, which for a hook the pack
    implements is the pack's.
    """
    try:
        pm = _manager(module, name, law)
    except pluggy.PluginValidationError as exc:
        found = re.search(r"hook '([A-Za-z_0-9]+)'|hookimpl definition: ([A-Za-z_0-9]+)\(", str(exc))
        hook = next((g for g in found.groups() if g), None) if found else None
        prefix = f"{hook}: " if hook else ""
        return [f"{prefix}regelpakket '{name}' houdt zich niet aan het contract (een hook die "
                f"RulePackSpec niet kent, of een argument dat de hookspec niet heeft): {exc}"]
    own = {impl_name for impl_name in INPUTS
           if any(i.plugin_name == name for i in getattr(pm.hook, impl_name).get_hookimpls())}
    problems: list[str] = []
    if "rulepack_info" not in own:
        problems.append(f"rulepack_info: regelpakket '{name}' implementeert deze hook niet")
    for hook in sorted(own, key=list(INPUTS).index):
        declared = _declared(hook)
        caller = getattr(pm.hook, hook)
        impl = next(i for i in caller.get_hookimpls() if i.plugin_name == name)
        for kwargs in INPUTS[hook]():
            try:
                if _is_wrapper(impl):   # a wrapper adjusts the law's answer: ask the stack
                    answer = caller(**kwargs)
                else:                   # a plain implementation: its own answer
                    answer = impl.function(*[kwargs[a] for a in impl.argnames])
            except Exception as exc:  # the pack's bug: report it, never crash the check
                problems.append(f"{hook}: faalt bij invoer {_shown(kwargs)}: "
                                f"{type(exc).__name__}: {exc}")
                break
            problem = _type_problem(answer, declared)
            if problem is None:
                bad = list(_source_problems(answer, name))
                problem = bad[0] if bad else None
            if problem:
                problems.append(f"{hook}: {problem} (invoer {_shown(kwargs)})")
                break
    return problems


def _is_wrapper(impl: Any) -> bool:
    return bool(getattr(impl, "wrapper", False) or getattr(impl, "hookwrapper", False))


def _shown(kwargs: dict[str, Any]) -> str:
    parts = []
    for key, value in kwargs.items():
        if isinstance(value, str | int) or value is None:
            parts.append(f"{key}={value!r}")
        else:
            parts.append(f"{key}={type(value).__name__}"
                         + (f"({value.level})" if hasattr(value, "level") else ""))
    return ", ".join(parts) or "geen"


def hook_signatures() -> dict[str, inspect.Signature]:
    """Every hook of the contract and its signature (for the documentation check)."""
    return {name: inspect.signature(getattr(hookspecs.RulePackSpec, name))
            for name in INPUTS}
