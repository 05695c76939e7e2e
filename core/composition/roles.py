"""What role does each subject play in a candidate's exam? Part, kernvak, combinatiecijfer.

Derived from the filling of the law's slots that makes the exam complete (`completeness`), never
from the school's labels: which subjects are kernvakken (Uvb 3.34 lid 1 b; 3.35 lid 1 b) and
which count only inside the combinatiecijfer, and with what weight (3.34 lid 2; 3.35 lid 2-4),
follows from the part a subject fills.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence

import attrs

from ..reference import SubjectInfo, info_in, table_types
from .completeness import CompositionResult, check
from .tables import NON_SUBJECTS

_MATHS_HAVO_VWO = ("wisA", "wisB", "wisC")


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
    result, chosen, canon = check(level, leerweg, profile, variant, subjects, exemptions,
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
    for given, code in canon.items():
        i = info_of(code)
        non_subject = given.strip().lower() in NON_SUBJECTS or (code in NON_SUBJECTS if code else False)
        part, slot = assignment.get(code, ("extra", "")) if code else ("extra", "")
        if code == "pws":
            part, slot = "gd", "pws"
        if code in ("lo", "kv1") and slot == "":
            part, slot = "gd", code
        numeric = i is not None and not i.assessment_only and not non_subject
        roles[given] = SubjectRole(
            subject=given,
            canonical=code,
            part=part,
            slot=slot,
            kernvak=code in kern,
            in_combination=code in in_combo,
            combination_weight=combo.get(code, 0) if code else 0,
            numeric=numeric,
            has_ce=bool(i and i.has_ce),
            se_only=bool(i and i.se_only),
            assessment_only=bool(i and i.assessment_only),
            counts=bool(i) and not non_subject and (code != "msst"),
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
