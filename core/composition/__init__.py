"""Is this set of subjects a complete eindexamen? And what role does each subject play?

Uvb 3.33 lid 1 makes the rector check, before any uitslag, that the candidate sat the
subjects that articles 3.1-3.7 prescribe; lid 3 lets subjects be left out only when the rest
still forms an exam. Both questions are answered here from the research tables
`exam_composition.toml` and `subjects.csv` (package data), not from how the school labelled
the subjects: a school's "extra" label does not decide what may be left out (README
interpretation 8), the matching of subjects to the slots of the law does.

The algorithm is the one of the composition README: fill every slot of the gemeenschappelijk
deel and the profieldeel with distinct subjects (backtracking; packages have at most ~15
subjects), then check the vrije deel / beroepsgericht programme with what is left, then the
constraints on the whole set (maths combinations, kunst exclusions, ...). Every problem
sentence is Dutch and names its article.

The tables are parsed once and every answer is cached: the uitslag engine asks the same
question for every subset it considers leaving out, thousands of times per second.
"""

from __future__ import annotations

import functools
import itertools
import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from ..reference import (
    LEVELS,
    TABLE_TYPES,
    SubjectInfo,
    canonical_code,
    canonical_in,
    info_in,
    normalize_level,
    subject_by_code,
    subject_info,
    subjects_of,
    table_types,
)

__all__ = [
    "LEVELS",
    "CandidateRoles",
    "CompositionResult",
    "SubjectInfo",
    "SubjectRole",
    "canonical_code",
    "check_complete",
    "from_programme_code",
    "normalize_level",
    "profile_keys",
    "subject_by_code",
    "subject_info",
    "subject_roles",
]

LAW = "Uitvoeringsbesluit WVO 2020"

# Items that are on a candidate's list but are no exam subject at all (Uvb 3.10: maatschappelijke
# stage; schoolexamen rekenen never counts, rules_spec §3.3).
NON_SUBJECTS = frozenset({"msst", "rekenen", "rek", "re"})

_MATHS_HAVO_VWO = ("wisA", "wisB", "wisC")


# ------------------------------------------------------------------------------------------
# Public result types
# ------------------------------------------------------------------------------------------
@attrs.frozen
class CompositionResult:
    """Answer to "is this a complete exam?"; `problems` are Dutch sentences with the article."""

    complete: bool
    problems: tuple[str, ...]
    source: str
    notes: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()          # profile key(s) the answer is about (the matched ones)
    variant: str | None = None              # vwo: atheneum | gymnasium (as checked)
    leerweg: str | None = None              # vmbo-gt: gl | tl (as checked)
    witness: tuple[tuple[str, str, str], ...] = ()   # (code as given, part, slot) used


@attrs.frozen
class SubjectRole:
    """What one subject is in the candidate's exam, for the uitslag engine (calc `outcome`)."""

    subject: str                 # the code as given
    canonical: str | None        # DUO abbreviation it was recognised as; None: unknown here
    part: str                    # gd | pd | vd | extra (calc `part`)
    slot: str                    # which slot it fills ("wiskunde", "profielvak", "keuzevak", ...)
    kernvak: bool                # havo/vwo: netl, entl, profile maths; vmbo: ne (calc `kernvak`)
    in_combination: bool         # its final grade counts only inside the combinatiecijfer
    combination_weight: int      # weight as a combination component; 0: not a component
    numeric: bool                # gets a number (False: lo, kv1, vmbo pws, non-subjects)
    has_ce: bool                 # has a central exam for this level (subjects.csv)
    se_only: bool
    assessment_only: bool
    counts: bool                 # takes part in the uitslag at all (False: msst, rekenen, unknown)


@attrs.frozen
class CandidateRoles:
    """Roles of every subject of one candidate, derived from the composition rules."""

    composition: CompositionResult
    level: str
    leerweg: str | None
    variant: str | None
    profile: str | None          # the profile the roles follow ("EM", "NT_NG", "ZW", "ECONOMIE")
    roles: Mapping[str, SubjectRole]
    combination: tuple[tuple[str, int], ...]   # (code as given, weight), in package order

    @property
    def complete(self) -> bool:
        return self.composition.complete

    @property
    def kernvakken(self) -> tuple[str, ...]:
        return tuple(code for code, role in self.roles.items() if role.kernvak)


# ------------------------------------------------------------------------------------------
# Parsed tables (cached)
# ------------------------------------------------------------------------------------------
@attrs.frozen
class _Slot:
    key: str
    part: str                    # gd | pd
    codes: frozenset[str]
    order: tuple[str, ...]       # codes in table order (for messages)
    choose: int
    article: str


@attrs.frozen
class _Profile:
    key: str
    name: str
    article: str
    slots: tuple[_Slot, ...]
    new_codes: Mapping[str, tuple[str, ...]]   # slot key -> codes added by the 2026-08-01 text
    profielvak: str | None = None
    pg_vakken: tuple[str, ...] = ()


@attrs.frozen
class _Kind:
    key: str                     # vwo.atheneum | vwo.gymnasium | havo | vmbo_tl | vmbo_gl | ...
    csv_type: str                # vwo | havo | vmbo-tl | vmbo-gl | vmbo-kb | vmbo-bb
    name: str
    article: str                 # the exam article, e.g. "Uvb 3.1"
    gd: tuple[_Slot, ...]
    profiles: Mapping[str, _Profile]
    part_article: Mapping[str, str]
    pws_required: bool
    pws_article: str
    constraints: tuple[Mapping[str, Any], ...]
    vd_sources: frozenset[str]
    vd_sources_new: frozenset[str]
    vd_article: str
    vd_min_hours: int
    vd_count: int
    keuzevakken_min: int
    opleidingscodes: Mapping[str, str]


@attrs.frozen
class _Tables:
    kinds: Mapping[str, _Kind]
    groups: Mapping[str, tuple[str, ...]]
    # DUO opleidingscode -> (level, vwo variant, profile keys)
    programme_codes: Mapping[str, tuple[str, str | None, tuple[str, ...]]]


def _data_text(name: str) -> str:
    return resources.files("examenbureau.data").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def _tables() -> _Tables:
    """Parse the composition table once per process."""
    subjects = {t: subjects_of(t) for t in TABLE_TYPES}
    toml = tomllib.loads(_data_text("exam_composition.toml"))
    raw_groups = toml["groups"]
    groups: dict[str, tuple[str, ...]] = {}
    for name, value in raw_groups.items():
        if isinstance(value, list):
            groups[name] = tuple(value)
    for t in ("vmbo-bb", "vmbo-kb", "vmbo-gl"):
        groups[f"keuzevakken:{t}"] = tuple(c for c, i in subjects[t].items() if i.is_keuzevak)

    def codes(value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            return groups[value.removeprefix("@")]
        out: list[str] = []
        for v in value:
            out.extend(codes(v) if isinstance(v, str) and v.startswith("@") else [v])
        return tuple(out)

    def slot(entry: Mapping[str, Any], part: str) -> _Slot:
        order = codes(entry["from"])
        return _Slot(entry["slot"], part, frozenset(order), order, int(entry.get("choose", 1)),
                     entry["article"])

    def profiles(table: Mapping[str, Any], key_slots: str) -> dict[str, _Profile]:
        out = {}
        for key, p in table.items():
            if not isinstance(p, dict) or key_slots not in p:
                continue
            out[key] = _Profile(
                key=key, name=p["name"], article=p["article"],
                slots=tuple(slot(s, "pd") for s in p[key_slots]),
                new_codes={s["slot"]: tuple(s["from_2026_08_01_add"]) for s in p[key_slots]
                           if "from_2026_08_01_add" in s},
                profielvak=p.get("profielvak"),
                pg_vakken=tuple(p.get("praktijkgerichte_vakken_gl", ())),
            )
        return out

    kinds: dict[str, _Kind] = {}
    vwo = toml["vwo"]
    vwo_vd = vwo["vrije_deel"]
    vwo_sources = frozenset(itertools.chain.from_iterable(
        codes(s["from"]) for s in vwo_vd["sources"] if s["from"] != "schooleigen"))
    for variant, number in (("atheneum", "3.1"), ("gymnasium", "3.2")):
        v = vwo["variants"][variant]
        kinds[f"vwo.{variant}"] = _Kind(
            key=f"vwo.{variant}", csv_type="vwo", name=f"vwo ({variant})",
            article=f"Uvb {number}",
            gd=tuple(slot(s, "gd") for s in v["gd"]),
            profiles=profiles(vwo["profiles"], "profieldeel"),
            part_article={"gd": f"Uvb {number} lid 1 a", "pd": f"Uvb {number} lid 1 b",
                          "vd": f"Uvb {number} lid 1 c"},
            pws_required=True, pws_article=f"WVO 2.53 lid 3; Uvb {number} lid 3",
            constraints=tuple(vwo["constraints"]),
            vd_sources=vwo_sources, vd_sources_new=frozenset(), vd_article="Uvb 2.7",
            vd_min_hours=int(vwo_vd["min_hours_per_required_subject"]), vd_count=1,
            keuzevakken_min=0, opleidingscodes=v["duo_opleidingscodes"],
        )
    havo = toml["havo"]
    havo_vd = havo["vrije_deel"]
    kinds["havo"] = _Kind(
        key="havo", csv_type="havo", name="havo", article="Uvb 3.3",
        gd=tuple(slot(s, "gd") for s in havo["gd"]),
        profiles=profiles(havo["profiles"], "profieldeel"),
        part_article={"gd": "Uvb 3.3 lid 1 a", "pd": "Uvb 3.3 lid 1 b", "vd": "Uvb 3.3 lid 1 c"},
        pws_required=True, pws_article="WVO 2.53 lid 3; Uvb 3.3 lid 4",
        constraints=tuple(havo["constraints"]),
        vd_sources=frozenset(itertools.chain.from_iterable(
            codes(s["from"]) for s in havo_vd["sources"] if s["from"] != "schooleigen")),
        vd_sources_new=frozenset({"pg_tech", "pg_maat"}), vd_article="Uvb 2.12",
        vd_min_hours=int(havo_vd["min_hours_per_required_subject"]), vd_count=1,
        keuzevakken_min=0, opleidingscodes=havo["duo_opleidingscodes"],
    )
    tl = toml["vmbo_tl"]
    kinds["vmbo_tl"] = _Kind(
        key="vmbo_tl", csv_type="vmbo-tl", name="vmbo theoretische leerweg", article="Uvb 3.4",
        gd=tuple(slot(s, "gd") for s in tl["gd"]),
        profiles=profiles(tl["profiles"], "profieldeel"),
        part_article={"gd": "Uvb 3.4 lid 1 a", "pd": "Uvb 3.4 lid 1 b", "vd": "Uvb 3.4 lid 1 c"},
        pws_required=True, pws_article="WVO 2.53 lid 3; Uvb 3.4 lid 5",
        constraints=tuple(tl["constraints"]),
        vd_sources=frozenset(codes(tl["vrije_deel"]["from"])), vd_sources_new=frozenset(),
        vd_article="Uvb 2.16; 2.17 lid 1", vd_min_hours=0, vd_count=int(tl["vrije_deel"]["count"]),
        keuzevakken_min=0, opleidingscodes={},
    )
    vmbo_profiles = profiles(toml["vmbo_profielen"], "algemene_vakken")
    for key, csv_type, number, name in (
        ("vmbo_gl", "vmbo-gl", "3.7", "vmbo gemengde leerweg"),
        ("vmbo_kb", "vmbo-kb", "3.6", "vmbo kaderberoepsgerichte leerweg"),
        ("vmbo_bb", "vmbo-bb", "3.5", "vmbo basisberoepsgerichte leerweg"),
    ):
        t = toml[key]
        gl = key == "vmbo_gl"
        kinds[key] = _Kind(
            key=key, csv_type=csv_type, name=name, article=f"Uvb {number}",
            gd=tuple(slot(s, "gd") for s in t["gd"]),
            profiles=vmbo_profiles,
            part_article={"gd": f"Uvb {number} lid 1 a", "pd": f"Uvb {number} lid 1 b",
                          "vd": f"Uvb {number} lid 1 c",
                          "bp": t["beroepsgericht_programma"]["article"]},
            pws_required=bool(t["pws"]["required"]), pws_article=t["pws"]["article"],
            constraints=(),
            vd_sources=frozenset(codes(t["vrije_deel_algemeen"]["from"])) if gl else frozenset(),
            vd_sources_new=frozenset(),
            vd_article=t["vrije_deel_algemeen"]["article"] if gl else "",
            vd_min_hours=0, vd_count=1 if gl else 0,
            keuzevakken_min=int(t["beroepsgericht_programma"]["keuzevakken_min"]),
            opleidingscodes={},
        )

    programme_codes: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for variant in ("atheneum", "gymnasium"):
        for prof, code in vwo["variants"][variant]["duo_opleidingscodes"].items():
            programme_codes[code] = ("vwo", variant, tuple(prof.split("_")))
    for prof, code in havo["duo_opleidingscodes"].items():
        programme_codes[code] = ("havo", None, tuple(prof.split("_")))
    programme_codes["0400"] = ("vmbo-gt", None, ())

    return _Tables(kinds, groups, programme_codes)


# ------------------------------------------------------------------------------------------
# Levels, codes and subject facts
# ------------------------------------------------------------------------------------------
def from_programme_code(code: str | None) -> tuple[str, str | None, tuple[str, ...]] | None:
    """(level, vwo variant, profile keys) of a DUO opleidingscode such as 0372 or 0174."""
    if not code:
        return None
    raw = code.strip()
    if raw.isdigit():
        raw = raw.zfill(4)
    return _tables().programme_codes.get(raw)


def _kind_keys(level: str, leerweg: str | None, variant: str | None) -> tuple[str, ...]:
    if level == "vwo":
        v = (variant or "").strip().lower()
        if v in ("atheneum", "gymnasium"):
            return (f"vwo.{v}",)
        return ("vwo.atheneum", "vwo.gymnasium")
    if level == "havo":
        return ("havo",)
    if level == "vmbo-gt" or level in ("vmbo-gl", "vmbo-tl"):
        lw = leerweg if level == "vmbo-gt" else level[-2:]
        if lw == "gl":
            return ("vmbo_gl",)
        if lw == "tl":
            return ("vmbo_tl",)
        return ("vmbo_tl", "vmbo_gl")
    if level == "vmbo-kb":
        return ("vmbo_kb",)
    if level == "vmbo-bb":
        return ("vmbo_bb",)
    raise ValueError(f"Onbekend niveau '{level}'; verwacht een van {', '.join(LEVELS)}.")


_TL_PROFILE_ALIASES = {
    "T": "TECHNIEK", "TECH": "TECHNIEK", "ZW": "ZORG_EN_WELZIJN", "ZORG": "ZORG_EN_WELZIJN",
    "EC": "ECONOMIE", "ECO": "ECONOMIE", "E": "ECONOMIE", "GR": "GROEN", "GRN": "GROEN",
}


def profile_keys(kind_key: str, profile: str | None) -> tuple[str, ...] | None:
    """TOML profile keys for a profile as a school writes it; () none given; None unknown.

    "E&M", "em", "0372", "economie en maatschappij" all give ("EM",); "NT/NG" gives ("NT", "NG").
    """
    if profile is None or not profile.strip():
        return ()
    kind = _tables().kinds[kind_key]
    raw = profile.strip()
    by_name = {p.name.casefold(): k for k, p in kind.profiles.items()}
    if raw.casefold() in by_name:
        return (by_name[raw.casefold()],)
    prog = from_programme_code(raw) if raw.isdigit() else None
    if prog is not None:
        return prog[2] or None
    up = raw.upper().replace("&", "").replace(" EN ", "_EN_").replace(" ", "_").replace("-", "_")
    if up in kind.profiles:
        return (up,)
    if kind_key == "vmbo_tl" and up in _TL_PROFILE_ALIASES:
        return (_TL_PROFILE_ALIASES[up],)
    parts = [p for p in up.replace("/", "+").replace("_", "+").split("+") if p]
    if parts and all(p in kind.profiles for p in parts):
        return tuple(dict.fromkeys(parts))
    return None


# ------------------------------------------------------------------------------------------
# The check
# ------------------------------------------------------------------------------------------
_SLOT_LABELS = {
    "nederlands": "Nederlands", "engels": "Engels", "tweede_mvt": "een tweede moderne vreemde taal",
    "maatschappijleer": "maatschappijleer", "ckv": "culturele en kunstzinnige vorming (ckv)",
    "lo": "lichamelijke opvoeding", "klassieke_taal": "Latijn of Grieks",
    "kunstvak": "kunstvakken inclusief ckv (kv1)", "wiskunde": "wiskunde",
    "natuurkunde": "natuurkunde", "scheikunde": "scheikunde", "biologie": "biologie",
    "economie": "economie", "geschiedenis": "geschiedenis",
    "profielkeuzevak": "een profielkeuzevak",
    "cultureel_profielkeuzevak": "een cultureel profielkeuzevak",
    "maatschappelijk_profielkeuzevak": "een maatschappelijk profielkeuzevak",
    "mvt": "een moderne vreemde taal", "keuze": "het keuzevak van het profieldeel",
    "nask1": "natuur- en scheikunde I", "twee_uit_vier": "twee vakken",
}
_PART_NAMES = {"gd": "gemeenschappelijk deel", "pd": "profieldeel"}


def _codes_text(codes: Iterable[str], limit: int = 8) -> str:
    codes = list(codes)
    text = ", ".join(codes[:limit])
    return text + (", …" if len(codes) > limit else "")


def check_complete(*, level: str, leerweg: str | None, profile: str | None, variant: str | None,
                   subjects: Sequence[str], exemptions: Collection[str] = (),
                   exam_year: int | None = None) -> CompositionResult:
    """Is `subjects` a complete exam for this level, leerweg, profile (and vwo variant)?

    `profile` None or empty: every profile is tried and the set is complete when one fits
    (`profiles` in the answer names the ones that fit). A double profile ("NT/NG", DUO
    opleidingscode 0174) must be complete for each profile (interpretation 7). `variant` None
    for vwo and `leerweg` None for vmbo-gt try both. `exemptions` are ids of the TOML's
    [[exemptions]] (lo_ontheffing, vwo_met_havo_diploma, atheneum_ontheffing_tweede_mvt,
    vmbo_ontheffing_fa_du, vmbo_bb_zonder_fa_du) and "vrijstelling:<code>" for a subject the
    candidate is exempt from because it was passed before (Uvb 2.8 lid 2, 2.14, 2.32). The
    ckv exemption of an atheneum candidate with Latin or Greek (2.8 lid 3) is applied by itself.
    `exam_year` 2027 or later applies the text valid from 2026-08-01.
    """
    return _check_cached(
        level, leerweg or None, (profile or "").strip() or None, (variant or "").strip() or None,
        tuple(sorted({s for s in subjects if s})), tuple(sorted(set(exemptions))),
        exam_year or 0,
    )


@functools.lru_cache(maxsize=200_000)
def _check_cached(level: str, leerweg: str | None, profile: str | None, variant: str | None,
                  subjects: tuple[str, ...], exemptions: tuple[str, ...],
                  exam_year: int) -> CompositionResult:
    return _check(level, leerweg, profile, variant, subjects, exemptions, exam_year)[0]


@attrs.frozen
class _Outcome:
    """One (variant/leerweg, profile) attempt, with the witness filling for the roles."""

    kind: _Kind
    profile_keys: tuple[str, ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    assignment: Mapping[str, tuple[str, str]]     # canonical code -> (part, slot)


def _check(level: str, leerweg: str | None, profile: str | None, variant: str | None,
           subjects: tuple[str, ...], exemptions: tuple[str, ...],
           exam_year: int) -> tuple[CompositionResult, _Outcome | None, dict[str, str | None]]:
    if level not in LEVELS and level not in ("vmbo-gl", "vmbo-tl"):
        raise ValueError(f"Onbekend niveau '{level}'; verwacht een van {', '.join(LEVELS)}.")
    for e in exemptions:
        if e.split(":", 1)[0] not in _EXEMPTION_IDS:
            known = ", ".join(sorted(_EXEMPTION_IDS))
            raise ValueError(f"Onbekende vrijstelling '{e}'; bekend: {known}.")
    types = table_types(level, leerweg)
    canon: dict[str, str | None] = {s: canonical_in(s, types) for s in subjects}
    notes: list[str] = []
    unknown = [s for s, c in canon.items() if c is None and s.strip().lower() not in NON_SUBJECTS]
    if unknown:
        notes.append(
            f"Onbekend voor {level}{'/' + leerweg if leerweg else ''}: {_codes_text(unknown)}; "
            "deze vakken tellen niet mee voor de samenstelling (Uvb 3.9: een vak van een andere "
            "schoolsoort wordt hier niet herkend)."
        )
    present = frozenset(c for c in canon.values() if c and c not in NON_SUBJECTS)
    present |= frozenset(e.split(":", 1)[1] for e in exemptions if e.startswith("vrijstelling:"))
    new_text = exam_year >= 2027

    kind_keys = _kind_keys(level, leerweg, variant)
    if len(kind_keys) == 2 and kind_keys[0] == "vwo.atheneum" and "ckv" not in present and (
            present & {"latl", "grtl"}):
        kind_keys = ("vwo.gymnasium", "vwo.atheneum")   # the likelier reading goes first
    attempts: list[_Outcome] = []
    for kind_key in kind_keys:
        kind = _tables().kinds[kind_key]
        keys = profile_keys(kind_key, profile)
        if keys is None:
            attempts.append(_Outcome(kind, (), (
                f"Onbekend profiel '{profile}' voor {kind.name}; bekend: "
                f"{', '.join(kind.profiles)} ({_profiles_article(kind)}).",), (), {}))
            continue
        if keys:
            outs = [_check_profile(kind, kind.profiles[k], present, exemptions, new_text)
                    for k in keys]
            problems: list[str] = []
            for k, o in zip(keys, outs, strict=True):
                prefix = f"Profiel {kind.profiles[k].name}: " if len(keys) > 1 else ""
                problems.extend(prefix + p for p in o.problems)
            assignment = {}
            for o in reversed(outs):
                assignment.update(o.assignment)
            attempts.append(_Outcome(kind, keys, tuple(dict.fromkeys(problems)),
                                     tuple(dict.fromkeys(n for o in outs for n in o.notes)),
                                     assignment))
        else:
            outs = [_check_profile(kind, p, present, exemptions, new_text)
                    for p in kind.profiles.values()]
            fitting = [o for o in outs if not o.problems]
            if fitting:
                assignment = {}
                for o in reversed(fitting):
                    assignment.update(o.assignment)
                attempts.append(_Outcome(
                    kind, tuple(k for o in fitting for k in o.profile_keys), (),
                    tuple(dict.fromkeys(n for o in fitting for n in o.notes)),
                    fitting[0].assignment))
            else:
                best = min(outs, key=lambda o: len(o.problems))
                closest = best.kind.profiles[best.profile_keys[0]].name
                attempts.append(attrs.evolve(best, problems=tuple(
                    f"Geen profiel opgegeven en geen profiel past; het best passende is "
                    f"{closest}: {p}" for p in best.problems)))

    good = [a for a in attempts if not a.problems]
    chosen = good[0] if good else min(attempts, key=lambda a: len(a.problems))
    kind = chosen.kind
    source = f"{LAW} art. {kind.article.removeprefix('Uvb ')} ({kind.name})"
    if chosen.profile_keys:
        source += "; profiel " + "/".join(chosen.profile_keys)
    witness = tuple(
        (given, *chosen.assignment[c]) for given, c in canon.items() if c in chosen.assignment
    )
    result = CompositionResult(
        complete=not chosen.problems,
        problems=chosen.problems,
        source=source,
        notes=tuple(notes) + chosen.notes,
        profiles=chosen.profile_keys,
        variant=kind.key.split(".", 1)[1] if kind.key.startswith("vwo.") else None,
        leerweg={"vmbo_tl": "tl", "vmbo_gl": "gl"}.get(kind.key),
        witness=witness,
    )
    return result, chosen, canon


def _profiles_article(kind: _Kind) -> str:
    if kind.csv_type in ("vwo", "havo"):
        return "WVO 2.20 lid 4"
    if kind.key == "vmbo_tl":
        return "WVO 2.25 lid 2"
    return "WVO 2.26 lid 2"


_EXEMPTION_IDS = frozenset({
    "lo_ontheffing", "vwo_met_havo_diploma", "atheneum_ontheffing_tweede_mvt",
    "vmbo_ontheffing_fa_du", "vmbo_bb_zonder_fa_du", "vrijstelling",
    "atheneum_klassieke_taal_ckv",
})


def _hours(kind: _Kind, code: str) -> int:
    info = subjects_of(kind.csv_type).get(code)
    return (info.study_load_hours or 0) if info else 0


def _slots(kind: _Kind, profile: _Profile, present: frozenset[str], exemptions: tuple[str, ...],
           new_text: bool) -> tuple[list[_Slot], list[str]]:
    """The slots to fill after exemptions (Uvb 3.8) and the notes saying which applied."""
    t = _tables()
    notes: list[str] = []
    ex = set(exemptions)
    gd = list(kind.gd)
    if "lo_ontheffing" in ex:
        gd = [s for s in gd if s.key != "lo"]
        notes.append("Ontheffing lichamelijke opvoeding (WVO 2.33 lid 4; Uvb 3.8 lid 1 b).")
    if "vwo_met_havo_diploma" in ex and kind.csv_type == "vwo":
        gd = [s for s in gd if s.key not in ("maatschappijleer", "ckv")]
        notes.append("Vrijstelling maatschappijleer (en ckv) met havo-diploma "
                     "(Uvb 2.8 lid 1; 3.8 lid 1 a).")
    if kind.key == "vwo.atheneum" and "ckv" not in present and (
        "atheneum_klassieke_taal_ckv" in ex or present & {"latl", "grtl"}
    ):
        gd = [s for s in gd if s.key != "ckv"]
        notes.append("Vrijstelling ckv: Latijn of Grieks in het profiel "
                     "(Uvb 2.8 lid 3; 3.8 lid 1 a).")
    if "atheneum_ontheffing_tweede_mvt" in ex and kind.key == "vwo.atheneum":
        repl = tuple(c for c in t.groups["vwo_2_5_2_6"] + t.groups["vrij_c_vwo"]
                     if _hours(kind, c) >= 440)
        gd = [attrs.evolve(s, codes=s.codes | frozenset(repl), order=s.order + repl,
                           article=s.article + "; 2.9")
              if s.key == "tweede_mvt" else s for s in gd]
        notes.append("Ontheffing tweede moderne vreemde taal (Uvb 2.9; 3.8 lid 1 b en lid 2).")
    pd = list(profile.slots)
    if new_text and profile.new_codes:
        pd = [attrs.evolve(s, codes=s.codes | frozenset(profile.new_codes.get(s.key, ())),
                           order=s.order + profile.new_codes.get(s.key, ()))
              for s in pd]
    if ex & {"vmbo_ontheffing_fa_du", "vmbo_bb_zonder_fa_du"} and kind.csv_type.startswith("vmbo"):
        repl = t.groups["fa_du_vervanging"]
        pd = [attrs.evolve(s, codes=s.codes | frozenset(repl), order=s.order + repl,
                           article=s.article + "; 2.33; 3.8 lid 3")
              if s.codes & {"fa", "du"} else s for s in pd]
        notes.append("Ontheffing Frans/Duits: een vervangend vak telt in het profieldeel "
                     "(Uvb 2.4 lid 4; 2.33; 3.8 lid 3).")
    return gd + pd, notes


def _fillings(slots: list[_Slot], present: frozenset[str]) -> Iterable[dict[str, tuple[str, ...]]]:
    """Every way to fill all slots with distinct subjects (most constrained slot first)."""
    order = sorted(range(len(slots)), key=lambda i: len(slots[i].codes & present))
    chosen: dict[str, tuple[str, ...]] = {}
    used: set[str] = set()

    def rec(n: int) -> Iterable[dict[str, tuple[str, ...]]]:
        if n == len(order):
            yield dict(chosen)
            return
        s = slots[order[n]]
        options = [c for c in s.order if c in present and c not in used]
        for combo in itertools.combinations(options, s.choose):
            chosen[s.key] = combo
            used.update(combo)
            yield from rec(n + 1)
            used.difference_update(combo)
            del chosen[s.key]

    yield from rec(0)


def _best_partial(slots: list[_Slot],
                  present: frozenset[str]) -> tuple[dict[str, tuple[str, ...]], list[_Slot]]:
    """The filling that leaves the fewest slots empty, for the problem sentences."""
    best: tuple[int, dict[str, tuple[str, ...]], list[_Slot]] = (len(slots) + 1, {}, list(slots))
    chosen: dict[str, tuple[str, ...]] = {}
    empty: list[_Slot] = []
    used: set[str] = set()

    def rec(i: int) -> None:
        nonlocal best
        if len(empty) >= best[0]:
            return
        if i == len(slots):
            best = (len(empty), dict(chosen), list(empty))
            return
        s = slots[i]
        options = [c for c in s.order if c in present and c not in used]
        for combo in itertools.combinations(options, s.choose):
            chosen[s.key] = combo
            used.update(combo)
            rec(i + 1)
            used.difference_update(combo)
            del chosen[s.key]
        empty.append(s)
        rec(i + 1)
        empty.pop()

    rec(0)
    return best[1], best[2]


def _slot_problem(kind: _Kind, profile: _Profile, s: _Slot, present: frozenset[str],
                  filling: Mapping[str, tuple[str, ...]]) -> str:
    label = _SLOT_LABELS.get(s.key, s.key.replace("_", " "))
    where = ("het gemeenschappelijk deel" if s.part == "gd"
             else f"het profieldeel ({profile.name})")
    have = [c for c in s.order if c in present]
    need = f"{s.choose} uit" if s.choose > 1 else "een van"
    if have:
        taken = ", ".join(
            f"{c} al voor {_SLOT_LABELS.get(k, k)}" for c in have
            for k, v in filling.items() if c in v)
        detail = f"; {taken}" if taken else f"; alleen {_codes_text(have)}"
    else:
        detail = ""
    return (f"In {where} ontbreekt {label} ({need}: {_codes_text(s.order)}{detail}) "
            f"({s.article}; {kind.part_article[s.part]}).")


def _check_profile(kind: _Kind, profile: _Profile, present: frozenset[str],
                   exemptions: tuple[str, ...], new_text: bool) -> _Outcome:
    slots, notes = _slots(kind, profile, present, exemptions, new_text)
    best: tuple[list[str], dict[str, tuple[str, str]]] | None = None
    for filling in _fillings(slots, present):
        used = {c for combo in filling.values() for c in combo}
        rest_problems, rest_assign = _rest(kind, profile, filling, present - used, new_text)
        assignment = {c: (s.part, s.key) for s in slots for c in filling[s.key]}
        assignment.update(rest_assign)
        if not rest_problems:
            best = ([], assignment)
            break
        if best is None or len(rest_problems) < len(best[0]):
            best = (rest_problems, assignment)
    if best is None:   # some slot cannot be filled
        filling, empty = _best_partial(slots, present)
        problems = [_slot_problem(kind, profile, s, present, filling) for s in empty]
        assignment = {c: (s.part, s.key) for s in slots for c in filling.get(s.key, ())}
        used = set(assignment)
        rest_problems, rest_assign = _rest(kind, profile, filling, present - used, new_text)
        for c, v in rest_assign.items():
            assignment.setdefault(c, v)
        problems.extend(rest_problems)
    else:
        problems, assignment = best
    problems = list(problems) + _global_problems(kind, present, new_text)
    if kind.pws_required and "pws" not in present:
        problems.append(f"Het profielwerkstuk (pws) ontbreekt ({kind.pws_article}).")
    return _Outcome(kind, (profile.key,), tuple(dict.fromkeys(problems)), tuple(notes), assignment)


def _rest(kind: _Kind, profile: _Profile, filling: Mapping[str, tuple[str, ...]],
          rest: frozenset[str], new_text: bool) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Check what is left after gd and profieldeel: vrije deel or beroepsgericht programma."""
    if kind.csv_type in ("vwo", "havo"):
        return _rest_havo_vwo(kind, rest, new_text)
    if kind.key == "vmbo_tl":
        pd = [c for s in profile.slots for c in filling.get(s.key, ())]
        return _rest_tl(kind, pd, rest)
    return _rest_beroeps(kind, profile, rest)


def _rest_havo_vwo(kind: _Kind, rest: frozenset[str],
                   new_text: bool) -> tuple[list[str], dict[str, tuple[str, str]]]:
    sources = kind.vd_sources | (kind.vd_sources_new if new_text else frozenset())
    eligible = sorted((c for c in rest if c in sources), key=lambda c: (-_hours(kind, c), c))
    assign = {c: ("vd", "vrije_deel") for c in eligible}
    if any(_hours(kind, c) >= kind.vd_min_hours for c in eligible):
        return [], assign
    rest = rest - {"pws", "lo"}
    if rest:
        left = ", ".join(f"{c} ({_hours(kind, c)} uur)" for c in sorted(rest))
        detail = f"; over zijn alleen {left}"
    else:
        detail = "; naast het gemeenschappelijk deel en het profieldeel is er geen vak over"
    return [f"Het vrije deel heeft geen vak met een studielast van ten minste "
            f"{kind.vd_min_hours} uur{detail} ({kind.part_article['vd']}; {kind.vd_article})."
            ], assign


def _rest_tl(kind: _Kind, pd: list[str],
             rest: frozenset[str]) -> tuple[list[str], dict[str, tuple[str, str]]]:
    t = _tables()
    mvt = frozenset(t.groups["vmbo_mvt"])
    pg = frozenset(t.groups["pg_tl"])
    beeldend = frozenset(t.groups["kunstvakken_ii_beeldend"])
    podium = frozenset(t.groups["kunstvakken_ii_podium"])
    eligible = sorted(c for c in rest if c in kind.vd_sources)
    art = kind.part_article["vd"]

    def problems_for(v: tuple[str, ...]) -> list[str]:
        out = []
        if len(v) < kind.vd_count:
            out.append(f"Het vrije deel heeft {len(v)} van de {kind.vd_count} vakken uit "
                       f"art. 2.16 of 2.17 lid 1 ({art}; 2.17 lid 1 a en b).")
        non_mvt = [c for c in (*pd, *v) if c not in mvt]
        if len(non_mvt) < 2:
            out.append(f"Profieldeel en vrije deel bevatten samen {len(non_mvt)} vak(ken) dat "
                       f"geen moderne vreemde taal is; ten minste 2 vereist ({art}).")
        if len([c for c in v if c in pg]) > 1:
            out.append(f"Hoogstens één praktijkgericht vak in het vrije deel ({art}).")
        kunst = [c for c in v if c in beeldend | podium]
        if len(kunst) == 2 and not (set(kunst) & beeldend and set(kunst) & podium):
            out.append("Twee kunstvakken in het vrije deel: één uit de beeldende vorming en één "
                       "uit muziek, dans en drama (Uvb 3.4 lid 2).")
        return out

    if len(eligible) <= kind.vd_count:
        v = tuple(eligible)
        return problems_for(v), {c: ("vd", "vrije_deel") for c in v}
    best: tuple[list[str], tuple[str, ...]] | None = None
    for v in itertools.combinations(eligible, kind.vd_count):
        p = problems_for(v)
        if not p:
            return [], {c: ("vd", "vrije_deel") for c in v}
        if best is None or len(p) < len(best[0]):
            best = (p, v)
    assert best is not None
    return best[0], {c: ("vd", "vrije_deel") for c in best[1]}


def _rest_beroeps(kind: _Kind, profile: _Profile,
                  rest: frozenset[str]) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """bb/kb: profielvak + 4 keuzevakken; gl: algemeen vrije-deelvak + profielvak (or a
    praktijkgericht vak, 3.7 lid 1a) + 2 keuzevakken."""
    t = _tables()
    problems: list[str] = []
    assign: dict[str, tuple[str, str]] = {}
    bp_art = kind.part_article["bp"]
    gl = kind.key == "vmbo_gl"
    if gl:
        algemeen = sorted(c for c in rest if c in kind.vd_sources)
        if algemeen:
            assign[algemeen[0]] = ("vd", "algemeen_vak")
        else:
            problems.append(f"Het vrije deel mist een algemeen vak uit art. 2.25 lid 2 of 2.26 c "
                            f"({kind.part_article['vd']}).")
    pv = profile.profielvak
    if pv in rest:
        assign[pv] = ("pd", "profielvak")
    else:
        pg = [c for c in profile.pg_vakken if c in rest] if gl else []
        if pg:
            assign[pg[0]] = ("pd", "profielvak")
        elif gl:
            problems.append(
                f"Het profielvak {pv} ({profile.name}) ontbreekt en er is geen praktijkgericht vak "
                f"van het profiel in de plaats ({_codes_text(profile.pg_vakken)}) "
                f"({bp_art}; Uvb 3.7 lid 1a).")
        else:
            problems.append(f"Het profielvak {pv} ({profile.name}) ontbreekt ({bp_art}).")
    keuze = frozenset(t.groups[f"keuzevakken:{kind.csv_type}"])
    mine = [c for c in sorted(rest) if c in keuze]
    for c in mine:
        assign[c] = ("vd", "keuzevak")
    if len(mine) < kind.keuzevakken_min:
        problems.append(f"Te weinig beroepsgerichte keuzevakken: {len(mine)} van de "
                        f"{kind.keuzevakken_min} ({bp_art}).")
    return problems, assign


def _global_problems(kind: _Kind, present: frozenset[str], new_text: bool) -> list[str]:
    """Constraints on the whole set (Uvb 2.7 a, 2.12 a, 3.x lid 2); extra subjects included
    (interpretation 3)."""
    out: list[str] = []
    for c in kind.constraints:
        art = c["article"]
        if c.get("valid_from") == "2026-08-01" and not new_text:
            continue
        if "allowed_sets" in c:
            maths = frozenset(present & {"wisA", "wisB", "wisC"})
            allowed = {frozenset(s) for s in c["allowed_sets"]}
            if maths not in allowed:
                pairs = " of ".join(" + ".join(s) for s in c["allowed_sets"] if len(s) == 2)
                out.append(f"De combinatie {' + '.join(sorted(maths))} is niet toegestaan; "
                           f"binnen een profiel alleen {pairs} ({art}).")
        if "if_present" in c and c["if_present"] in present:
            missing = [r for r in c["requires"] if r not in present]
            if missing:
                needs = ", ".join(c["requires"])
                out.append(f"{c['if_present']} kan alleen naast {needs} ({art}).")
        for a, b in c.get("exclusive_pairs", ()):
            if a in present and b in present:
                out.append(f"{a} en {b} mogen niet samen in het examen ({art}).")
        if "at_most_one_of" in c and isinstance(c["at_most_one_of"], list):
            hit = [x for x in c["at_most_one_of"] if x in present]
            if len(hit) > 1:
                out.append(f"Hoogstens één van {', '.join(c['at_most_one_of'])}; gevonden: "
                           f"{', '.join(hit)} ({art}).")
        for a, b in c.get("conflicts", ()):
            if a in present and b in present:
                out.append(f"{b} (elementair) mag niet naast {a}: zelfde taal ({art}).")
    return out


# ------------------------------------------------------------------------------------------
# Roles for the uitslag engine
# ------------------------------------------------------------------------------------------
def subject_roles(*, level: str, leerweg: str | None, profile: str | None, variant: str | None,
                  subjects: Sequence[str], exemptions: Collection[str] = (),
                  exam_year: int | None = None,
                  combination_optional: Collection[str] = ()) -> CandidateRoles:
    """Each subject's role (part, kernvak, combination membership) from the composition rules.

    Derived from the filling that makes the exam complete (or the closest one when it is not),
    never from the school's labels. `combination_optional` names the subjects the school added
    to the havo/vwo combinatiecijfer (lit, anw, gds, lv; Uvb 3.34 lid 2-3).
    """
    return _roles_cached(
        level, leerweg or None, (profile or "").strip() or None, (variant or "").strip() or None,
        tuple(sorted({s for s in subjects if s})), tuple(sorted(set(exemptions))),
        exam_year or 0, tuple(sorted(set(combination_optional))),
    )


@functools.lru_cache(maxsize=50_000)
def _roles_cached(level: str, leerweg: str | None, profile: str | None, variant: str | None,
                  subjects: tuple[str, ...], exemptions: tuple[str, ...], exam_year: int,
                  combination_optional: tuple[str, ...]) -> CandidateRoles:
    result, chosen, canon = _check(level, leerweg, profile, variant, subjects, exemptions,
                                   exam_year)
    kind = chosen.kind if chosen else None
    csv_type = kind.csv_type if kind else table_types(level, leerweg)[0]
    types = (csv_type, "vmbo-gl") if csv_type == "vmbo-tl" else (csv_type,)
    assignment = chosen.assignment if chosen else {}
    havo_vwo = csv_type in ("vwo", "havo")

    def info_of(code: str | None) -> SubjectInfo | None:
        return info_in(code, types)

    # kernvakken (Uvb 3.34 lid 1 b; 3.35 lid 1 b)
    kern: set[str] = set()
    if havo_vwo:
        kern |= {"netl", "entl"}
        maths = [c for c, (part, slot) in assignment.items() if part == "pd" and slot == "wiskunde"]
        if not maths:   # profile without maths (havo CM): a maths subject in the free part
            maths = [m for m in _MATHS_HAVO_VWO if m in canon.values()][:1]
        kern |= set(maths[:1])
    else:
        kern.add("ne")

    # combination (Uvb 3.34 lid 2; 3.35 lid 2-4)
    combo: dict[str, int] = {}
    in_combo: set[str] = set()
    present = [c for c in canon.values() if c]
    if havo_vwo:
        for c in present:
            i = info_of(c)
            optional = c in combination_optional and i is not None and i.combination_optional
            if i and (i.combination_member or optional):
                combo[c] = 1
                in_combo.add(c)
    elif csv_type in ("vmbo-bb", "vmbo-kb"):
        for c in present:
            i = info_of(c)
            if i and i.is_keuzevak:
                combo[c] = 1
                in_combo.add(c)
    else:   # gl, and tl with a complete gl programme (3.35 lid 2 and 4)
        keuze = [c for c in present if (i := info_of(c)) and i.is_keuzevak]
        pv = [c for c in present if (i := info_of(c)) and (i.is_profielvak or i.is_praktijkgericht)]
        if csv_type == "vmbo-gl":
            main = [c for c, (part, slot) in assignment.items() if slot == "profielvak"]
            pv = main or pv[:1]
        if pv and (csv_type == "vmbo-gl" or len(keuze) >= 2):
            combo[pv[0]] = max(len(keuze), 1)
            in_combo.add(pv[0])
            for c in keuze:
                combo[c] = 1
                in_combo.add(c)

    roles: dict[str, SubjectRole] = {}
    for given, c in canon.items():
        i = info_of(c)
        non_subject = given.strip().lower() in NON_SUBJECTS or (c in NON_SUBJECTS if c else False)
        part, slot = assignment.get(c, ("extra", "")) if c else ("extra", "")
        if c == "pws":
            part, slot = "gd", "pws"
        if c in ("lo", "kv1") and slot == "":
            part, slot = "gd", c
        numeric = bool(i) and not i.assessment_only and not non_subject
        roles[given] = SubjectRole(
            subject=given,
            canonical=c,
            part=part,
            slot=slot,
            kernvak=c in kern,
            in_combination=c in in_combo,
            combination_weight=combo.get(c, 0) if c else 0,
            numeric=numeric,
            has_ce=bool(i and i.has_ce),
            se_only=bool(i and i.se_only),
            assessment_only=bool(i and i.assessment_only),
            counts=bool(i) and not non_subject and (c != "msst"),
        )
    by_canon = {c: g for g, c in canon.items() if c}
    combination = tuple((by_canon[c], w) for c, w in combo.items())
    if profile and chosen and chosen.profile_keys:
        prof: str | None = "_".join(chosen.profile_keys)
    else:   # not given: the first profile that fits (or the closest one)
        prof = result.profiles[0] if result.profiles else None
    return CandidateRoles(
        composition=result,
        level=level,
        leerweg=result.leerweg if level == "vmbo-gt" else None,
        variant=result.variant,
        profile=prof,
        roles=roles,
        combination=combination,
    )
