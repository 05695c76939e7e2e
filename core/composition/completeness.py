"""Is this set of subjects a complete eindexamen? (Uvb 3.33 lid 1 and 3)

Uvb 3.33 lid 1 makes the rector check, before any uitslag, that the candidate sat the
subjects that articles 3.1-3.7 prescribe; lid 3 lets subjects be left out only when the rest
still forms an exam. The answer comes from the tables (`tables.py`: exam_composition.toml and
subjects.csv), not from how the school labelled the subjects: a school's "extra" label does not
decide what may be left out (our reading of Uvb 3.33 lid 3, [drop_rule] in the TOML), the
matching of subjects to the slots of the law does.

The algorithm: fill every slot of the gemeenschappelijk deel and the profieldeel with distinct
subjects (backtracking; packages have at most ~15 subjects), then check the vrije deel /
beroepsgericht programme with what is left, then the constraints on the whole set (maths
combinations, kunst exclusions, ...). Every problem sentence is Dutch and names its article.
Every answer is cached: the uitslag engine asks the same question for every subset it
considers leaving out, thousands of times per second.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs

from ..reference import LEVEL_ALIASES, LEVELS, canonical_in, table_types
from .tables import NON_SUBJECTS, Kind, Profile, Slot, hours, kind_keys, profile_keys, tables


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
    opleidingscode 0174) must be complete for each profile (our reading, see
    vwo.double_profile_allowed in the TOML). `variant` None for vwo and `leerweg` None for
    vmbo-gt try both. `exemptions` are ids of the TOML's
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
    return check(level, leerweg, profile, variant, subjects, exemptions, exam_year)[0]


@attrs.frozen
class Outcome:
    """One (variant/leerweg, profile) attempt, with the witness filling for the roles."""

    kind: Kind
    profile_keys: tuple[str, ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    assignment: Mapping[str, tuple[str, str]]     # canonical code -> (part, slot)


def check(level: str, leerweg: str | None, profile: str | None, variant: str | None,
           subjects: tuple[str, ...], exemptions: tuple[str, ...],
           exam_year: int) -> tuple[CompositionResult, Outcome | None, dict[str, str | None]]:
    """The check with its workings: the answer, the attempt it chose (whose filling gives the
    roles) and the DUO abbreviation each given code was recognised as (None: unknown)."""
    if level not in LEVELS and level not in LEVEL_ALIASES:
        raise ValueError(f"Onbekend niveau '{level}'; verwacht een van {', '.join(LEVELS)}.")
    known_ids = tables().exemptions
    for e in exemptions:
        if e.split(":", 1)[0] not in known_ids:
            known = ", ".join(sorted(known_ids))
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

    tried = kind_keys(level, leerweg, variant)
    if len(tried) == 2 and tried[0] == "vwo.atheneum" and "ckv" not in present and (
            present & {"latl", "grtl"}):
        tried = ("vwo.gymnasium", "vwo.atheneum")   # the likelier reading goes first
    attempts: list[Outcome] = []
    for kind_key in tried:
        kind = tables().kinds[kind_key]
        keys = profile_keys(kind_key, profile)
        if keys is None:
            attempts.append(Outcome(kind, (), (
                f"Onbekend profiel '{profile}' voor {kind.name}; bekend: "
                f"{', '.join(kind.profiles)} ({kind.profiles_article}).",), (), {}))
            continue
        if keys:
            outs = [_check_profile(kind, kind.profiles[k], present, exemptions, new_text)
                    for k in keys]
            problems: list[str] = []
            for k, o in zip(keys, outs, strict=True):
                prefix = f"Profiel {kind.profiles[k].name}: " if len(keys) > 1 else ""
                problems.extend(prefix + p for p in o.problems)
            assignment: dict[str, tuple[str, str]] = {}
            for o in reversed(outs):
                assignment.update(o.assignment)
            attempts.append(Outcome(kind, keys, tuple(dict.fromkeys(problems)),
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
                attempts.append(Outcome(
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
    source = f"{tables().law} art. {kind.article.removeprefix('Uvb ')} ({kind.name})"
    if chosen.profile_keys:
        source += "; profiel " + "/".join(chosen.profile_keys)
    witness = tuple(
        (given, *chosen.assignment[c]) for given, c in canon.items()
        if c is not None and c in chosen.assignment
    )
    result = CompositionResult(
        complete=not chosen.problems,
        problems=chosen.problems,
        source=source,
        notes=tuple(notes) + chosen.notes,
        profiles=chosen.profile_keys,
        variant=kind.variant,
        leerweg=kind.leerweg,
        witness=witness,
    )
    return result, chosen, canon


def _slots(kind: Kind, profile: Profile, present: frozenset[str], exemptions: tuple[str, ...],
           new_text: bool) -> tuple[list[Slot], list[str]]:
    """The slots to fill after exemptions (Uvb 3.8) and the notes saying which applied (their
    sentences and articles are in exam_composition.toml, [checked_exemptions])."""
    t = tables()
    said = t.exemptions
    notes: list[str] = []
    ex = set(exemptions)
    gd = list(kind.gd)
    if "lo_ontheffing" in ex:
        gd = [s for s in gd if s.key != "lo"]
        notes.append(said["lo_ontheffing"].note)
    if "vwo_met_havo_diploma" in ex and kind.csv_type == "vwo":
        gd = [s for s in gd if s.key not in ("maatschappijleer", "ckv")]
        notes.append(said["vwo_met_havo_diploma"].note)
    if kind.key == "vwo.atheneum" and "ckv" not in present and (
        "atheneum_klassieke_taal_ckv" in ex or present & {"latl", "grtl"}
    ):
        gd = [s for s in gd if s.key != "ckv"]
        notes.append(said["atheneum_klassieke_taal_ckv"].note)
    if "atheneum_ontheffing_tweede_mvt" in ex and kind.key == "vwo.atheneum":
        mvt = said["atheneum_ontheffing_tweede_mvt"]
        repl = tuple(c for c in t.groups["vwo_2_5_2_6"] + t.groups["vrij_c_vwo"]
                     if hours(kind, c) >= 440)
        gd = [attrs.evolve(s, codes=s.codes | frozenset(repl), order=s.order + repl,
                           article=f"{s.article}; {mvt.slot_article}")
              if s.key == "tweede_mvt" else s for s in gd]
        notes.append(mvt.note)
    pd = list(profile.slots)
    if new_text and profile.new_codes:
        pd = [attrs.evolve(s, codes=s.codes | frozenset(profile.new_codes.get(s.key, ())),
                           order=s.order + profile.new_codes.get(s.key, ()))
              for s in pd]
    fa_du = sorted(ex & {"vmbo_ontheffing_fa_du", "vmbo_bb_zonder_fa_du"})
    if fa_du and kind.csv_type.startswith("vmbo"):
        replaced = said[fa_du[0]]
        repl = t.groups["fa_du_vervanging"]
        pd = [attrs.evolve(s, codes=s.codes | frozenset(repl), order=s.order + repl,
                           article=f"{s.article}; {replaced.slot_article}")
              if s.codes & {"fa", "du"} else s for s in pd]
        notes.append(replaced.note)
    return gd + pd, notes


def _fillings(slots: list[Slot], present: frozenset[str]) -> Iterable[dict[str, tuple[str, ...]]]:
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


def _best_partial(slots: list[Slot],
                  present: frozenset[str]) -> tuple[dict[str, tuple[str, ...]], list[Slot]]:
    """The filling that leaves the fewest slots empty, for the problem sentences."""
    best: tuple[int, dict[str, tuple[str, ...]], list[Slot]] = (len(slots) + 1, {}, list(slots))
    chosen: dict[str, tuple[str, ...]] = {}
    empty: list[Slot] = []
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


def _slot_problem(kind: Kind, profile: Profile, s: Slot, present: frozenset[str],
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


def _check_profile(kind: Kind, profile: Profile, present: frozenset[str],
                   exemptions: tuple[str, ...], new_text: bool) -> Outcome:
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
    return Outcome(kind, (profile.key,), tuple(dict.fromkeys(problems)), tuple(notes), assignment)


def _rest(kind: Kind, profile: Profile, filling: Mapping[str, tuple[str, ...]],
          rest: frozenset[str], new_text: bool) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Check what is left after gd and profieldeel: vrije deel or beroepsgericht programma."""
    if kind.family == "havo_vwo":
        return _rest_havo_vwo(kind, rest, new_text)
    if kind.family == "tl":
        pd = [c for s in profile.slots for c in filling.get(s.key, ())]
        return _rest_tl(kind, pd, rest)
    return _rest_beroeps(kind, profile, rest)


def _rest_havo_vwo(kind: Kind, rest: frozenset[str],
                   new_text: bool) -> tuple[list[str], dict[str, tuple[str, str]]]:
    sources = kind.vd_sources | (kind.vd_sources_new if new_text else frozenset())
    eligible = sorted((c for c in rest if c in sources), key=lambda c: (-hours(kind, c), c))
    assign = {c: ("vd", "vrije_deel") for c in eligible}
    if any(hours(kind, c) >= kind.vd_min_hours for c in eligible):
        return [], assign
    rest = rest - {"pws", "lo"}
    if rest:
        left = ", ".join(f"{c} ({hours(kind, c)} uur)" for c in sorted(rest))
        detail = f"; over zijn alleen {left}"
    else:
        detail = "; naast het gemeenschappelijk deel en het profieldeel is er geen vak over"
    return [f"Het vrije deel heeft geen vak met een studielast van ten minste "
            f"{kind.vd_min_hours} uur{detail} ({kind.part_article['vd']}; {kind.vd_article})."
            ], assign


def _rest_tl(kind: Kind, pd: list[str],
             rest: frozenset[str]) -> tuple[list[str], dict[str, tuple[str, str]]]:
    t = tables()
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


def _rest_beroeps(kind: Kind, profile: Profile,
                  rest: frozenset[str]) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """bb/kb: profielvak + 4 keuzevakken; gl: algemeen vrije-deelvak + profielvak (or a
    praktijkgericht vak, 3.7 lid 1a) + 2 keuzevakken."""
    t = tables()
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


def _global_problems(kind: Kind, present: frozenset[str], new_text: bool) -> list[str]:
    """Constraints on the whole set (Uvb 2.7 a, 2.12 a, 3.x lid 2); extra subjects included
    (our reading of "het eindexamen")."""
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
