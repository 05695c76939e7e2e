"""A candidate's exam as the engine reads it: parsed once, checked, with exact grades.

Why a parse step: the request is JSON from outside (a school system, a spreadsheet, the store
layer). Everything is validated here once, with a Dutch message naming the field, so the rules
can work on whole numbers of tenths without checking again. Facts that are simply not known
yet (a CE grade before results day, an LO judgement) are collected as `Missing`, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from examenbureau.core import grades, limits, packs
from examenbureau.core.hookspecs import PassRules
from examenbureau.core.reasons import Missing
from examenbureau.core.reference import LEVEL_ALIASES, LEVELS

from . import texts
from .errors import CalcInputError
from .policy import Policy

PARTS = {"gd": "gd", "gd_cl": "gd", "pd": "pd", "profielvak": "pd", "vd": "vd", "extra": "extra"}
ASSESSMENT_VALUES = {"goed": "goed", "g": "goed", "voldoende": "voldoende", "v": "voldoende",
                     "onvoldoende": "onvoldoende", "o": "onvoldoende"}
ASSESSMENT_NAMES = {"lo": "lichamelijke opvoeding", "kunstvakken": "kunstvakken (inclusief ckv)",
                    "pws": "het profielwerkstuk"}
# Levels whose exam has a combination grade (3.34 lid 2; 3.35 lid 3 and 4). vmbo tl has one
# only with a complete gl programme (3.35 lid 2), so it is optional there.
COMBINATION_REQUIRED = {"vwo", "havo", "vmbo-kb", "vmbo-bb", "vmbo-gt/gl"}


class Subject:
    """One subject of the exam. SE and CE grades of a CE subject are whole tenths (art. 3.13
    lid 1: one decimal); the SE grade of an SE-only subject is kept exact (a raw average may
    arrive and the pack's rounding makes it whole, art. 3.13 lid 2)."""

    __slots__ = ("ce_t", "code", "has_ce", "has_se", "in_combination", "index", "kernvak",
                 "n_term", "name", "part", "scale_length", "se_t", "se_value")

    def __init__(self, code: str, index: int) -> None:
        self.code = code
        self.index = index
        self.name = code
        self.part: str | None = None
        self.kernvak = False
        self.in_combination = False
        self.has_se = True                 # False only for a CE-only subject (no "se" key)
        self.se_t: int | None = None       # SE grade in tenths (subject with a CE)
        self.se_value: Decimal | None = None  # SE grade, exact (SE-only subject)
        self.has_ce = False                # the subject has a CE (the key is present)
        self.ce_t: int | None = None       # CE grade in tenths
        self.scale_length: int | None = None
        self.n_term: Decimal | None = None

    @property
    def se(self) -> Decimal | None:
        if self.se_value is not None:
            return self.se_value
        return None if self.se_t is None else Decimal(self.se_t).scaleb(-1)

    @property
    def ce(self) -> Decimal | None:
        return None if self.ce_t is None else Decimal(self.ce_t).scaleb(-1)


class Component:
    """One component of the combination grade (maatschappijleer, ckv, pws, a keuzevak, ...)."""

    __slots__ = ("code", "extra", "final", "name", "profielvak", "subject", "weight")

    def __init__(self, code: str) -> None:
        self.code = code
        self.name = code
        self.final: int | None = None
        self.weight = 1
        self.extra = False
        self.subject: Subject | None = None   # the subject whose final grade this is
        self.profielvak = False               # vmbo gl: weighs as often as there are keuzevakken


class Exam:
    """The parsed request of `outcome`, `cum_laude`, `resit_advice` and `needed`."""

    def __init__(self) -> None:
        self.pack = packs.STATUTORY
        self.policy: Policy
        self.level = ""
        self.leerweg: str | None = None
        self.variant: str | None = None
        self.profile: str | None = None
        self.stype = ""
        self.rules: PassRules
        self.se_steps = 1
        self.subjects: list[Subject] = []
        self.by_code: dict[str, Subject] = {}
        self.components: list[Component] = []
        self.has_combination = False
        self.combination_final: int | None = None   # given directly (cum_laude)
        self.assessments: dict[str, str | None] = {}
        self.missing: list[Missing] = []
        self.notes: list[tuple[str, str, str, dict[str, Any]]] = []  # (rule, source, text, numbers)
        self.warnings: list[str] = []
        self.given_finals: dict[str, int] = {}      # cum_laude: whole final grades given
        self.passed_given: bool | None = None       # cum_laude: the precondition
        self.ce_threshold: tuple[int, int] = (55, 10)  # ce_average_min as p/q
        self.cum_laude_key = ""
        self.ce_pending_ok = False                  # `needed`: a CE grade still to come is no gap
        self.composition_cache: dict[frozenset[str], tuple[bool, tuple[str, ...]]] = {}
        self.droppable_codes: list[str] | None = None
        # facts only a board's rules need (CandidateView): see pack_input.candidate_facts
        self.exam_year: int | None = None
        self.lo_date: date | None = None
        self.ce_resits: tuple[str, ...] = ()

    def name_of(self, code: str) -> str:
        """The Dutch name of a subject or combination component, for sentences."""
        if code in self.by_code:
            return self.by_code[code].name
        return next((c.name for c in self.components if c.code == code), code)


# --- small validators -----------------------------------------------------------------------------

def _obj(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise CalcInputError(f"veld '{field}': verwacht een object, kreeg {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    kinds = {dict: "een object", list: "een lijst", str: "tekst", bool: "true/false",
             int: "een getal", Decimal: "een getal", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CalcInputError(f"veld '{field}': verwacht tekst, kreeg {_kind(value)}")
    if len(value) > limits.MAX_CELL_CHARS:     # the importers' bound (core/limits.py)
        raise CalcInputError(f"veld '{field}': {limits.quote(value, with_length=False)} is {len(value)} tekens lang, "
                             f"verwacht hoogstens {limits.MAX_CELL_CHARS}")
    return value.strip()


def _shown(value: Any) -> str:
    """A value in an error, as the importers quote it: a 10 MB 'level' must not come back whole
    in the answer (found by scripts/trust_fuzz.py)."""
    return limits.quote(str(value))


def _flag(data: Mapping[str, Any], key: str, field: str) -> bool:
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise CalcInputError(f"veld '{field}.{key}': verwacht true of false, kreeg {_kind(value)}")
    return value


def grade(value: Any, field: str, max_decimals: int | None = None) -> Decimal:
    """A grade 1,0-10,0 from the request; float never arrives (calc parses with Decimal)."""
    try:
        return grades.parse_grade(value, what=f"veld '{field}'", max_decimals=max_decimals)
    except (TypeError, grades.GradeError) as exc:
        raise CalcInputError(f"{exc}; verwacht een cijfer van 1,0 tot en met 10,0") from None


def whole_grade(value: Any, field: str) -> int:
    """A whole final grade 1-10 (art. 3.32 lid 1): 7, "7" or 7.0 from JSON."""
    if type(value) is int and 1 <= value <= 10:  # the common case, without a Decimal
        return value
    d = grade(value, field)
    if d != d.to_integral_value():
        raise CalcInputError(f"veld '{field}': {texts.nl(d)} is geen geheel eindcijfer "
                             "(art. 3.32 lid 1: een geheel getal van 1 tot en met 10)")
    return int(d)


def whole_number(value: Any, field: str, minimum: int = 0, maximum: int | None = None) -> int:
    if isinstance(value, bool) or value is None:
        raise CalcInputError(f"veld '{field}': verwacht een geheel getal, kreeg {_kind(value)}")
    try:
        d = grades.parse_decimal(value, what=f"veld '{field}'")
    except (TypeError, grades.GradeError) as exc:
        raise CalcInputError(f"{exc}; verwacht een geheel getal") from None
    if d != d.to_integral_value() or d < minimum or (maximum is not None and d > maximum):
        bound = f"van {minimum} tot en met {maximum}" if maximum is not None else f"van {minimum} of meer"
        shown = texts.nl(d)
        shown = shown if len(shown) <= 20 else f"{shown[:12]}… ({len(shown)} cijfers)"
        raise CalcInputError(f"veld '{field}': verwacht een geheel getal {bound}, kreeg {shown}")
    return int(d)


def n_term(value: Any, field: str) -> Decimal:
    """An N-term from a request, within the bounds the N-term import keeps (core/limits.py)."""
    try:
        grades.n_term_tenths(value)
        d = grades.parse_decimal(value, what=f"veld '{field}'")
    except (TypeError, grades.GradeError) as exc:
        raise CalcInputError(f"{exc}; verwacht een N-term van 0,0 tot en met 3,0 met één "
                             "decimaal") from None
    if not limits.NTERM_LO <= d <= limits.NTERM_HI:
        raise CalcInputError(f"veld '{field}': N-term {texts.nl(d)} ligt buiten 0,0 tot en met 3,0, "
                             "de grenzen die ook de import van N-termen hanteert")
    return d


def level_of(data: Mapping[str, Any], need_leerweg: bool = True) -> tuple[str, str | None]:
    raw = data.get("level")
    if raw is None:
        raise CalcInputError("veld 'level' ontbreekt: verwacht vwo, havo, vmbo-gt, vmbo-kb of "
                             "vmbo-bb")
    level = _text(raw, "level").lower()
    leerweg = data.get("leerweg")
    if level in LEVEL_ALIASES:
        level, implied = LEVEL_ALIASES[level]
        if leerweg is not None and str(leerweg).lower() != implied:
            raise CalcInputError(f"veld 'leerweg': {_shown(leerweg)} past niet bij level {_shown(raw)}")
        leerweg = implied
    if level not in LEVELS:
        raise CalcInputError(f"veld 'level': {_shown(raw)} is onbekend; verwacht vwo, havo, vmbo-gt, "
                             "vmbo-kb of vmbo-bb")
    if level == "vmbo-gt":
        if leerweg is None and not need_leerweg:
            return level, None
        if leerweg is None:
            raise CalcInputError("veld 'leerweg' ontbreekt: bij vmbo-gt is 'gl' of 'tl' nodig")
        leerweg = _text(leerweg, "leerweg").lower()
        if leerweg not in ("gl", "tl"):
            raise CalcInputError(f"veld 'leerweg': {_shown(leerweg)} is onbekend; verwacht gl of tl")
    else:
        leerweg = None  # informational only outside vmbo-gt
    return level, leerweg


# --- the exam -------------------------------------------------------------------------------------

def parse_exam(data: Any, pol: Policy, *, op: str) -> Exam:
    """Validate and read an `outcome`-shaped request (also cum_laude, resit_advice, needed)."""
    data = _obj(data, "input")
    exam = Exam()
    exam.policy = pol
    exam.pack = pol.name
    exam.ce_pending_ok = op == "needed"
    exam.level, exam.leerweg = level_of(data)
    exam.stype = texts.school_type(exam.level, exam.leerweg)
    exam.rules = pol.pass_rules(exam.level)
    exam.se_steps = pol.se_only_rounding_steps
    frac = exam.rules.ce_average_min.as_integer_ratio()
    exam.ce_threshold = (frac[0], frac[1])
    exam.cum_laude_key = (f"{exam.level}/{exam.leerweg}" if exam.level == "vmbo-gt" else exam.level)
    for key in ("variant", "profile"):
        if data.get(key) is not None:
            setattr(exam, key, _text(data[key], key))
    if exam.variant is not None:
        exam.variant = exam.variant.lower()
    if exam.variant is not None and exam.level == "vwo" and exam.variant not in (
            "atheneum", "gymnasium"):
        raise CalcInputError(f"veld 'variant': '{exam.variant}' is onbekend; verwacht atheneum "
                             "of gymnasium")
    whole_finals = op == "cum_laude"
    _parse_subjects(exam, data.get("subjects"), whole_finals)
    _parse_combination(exam, data.get("combination"), whole_finals)
    _parse_assessments(exam, data)
    if "rekenen" in data and data["rekenen"] is not None:
        _note_rekenen(exam, data["rekenen"])
    from .pack_input import candidate_facts  # late: pack_input reads with this module's helpers

    exam.exam_year, exam.lo_date, exam.ce_resits = candidate_facts(data)
    if op == "cum_laude":
        passed = data.get("passed")
        if passed is None:
            exam.missing.append(Missing("uitslag", None, "Of de kandidaat geslaagd is, ontbreekt "
                                        "(veld 'passed'); cum laude kan alleen bij geslaagd."))
        elif not isinstance(passed, bool):
            raise CalcInputError(f"veld 'passed': verwacht true of false, kreeg {_kind(passed)}")
        else:
            exam.passed_given = passed
    return exam


def _parse_subjects(exam: Exam, raw: Any, whole_finals: bool) -> None:
    if not isinstance(raw, list) or not raw:
        raise CalcInputError("veld 'subjects': verwacht een lijst met ten minste één vak")
    by_code = exam.by_code
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            _obj(item, f"subjects[{i}]")
        code = item.get("code")
        if type(code) is not str or not code or code != code.strip():
            if "code" not in item:
                raise CalcInputError(f"veld 'subjects[{i}].code' ontbreekt: verwacht de vakcode "
                                     "(bijv. netl)")
            code = _text(code, f"subjects[{i}].code")
        if code in by_code:
            raise CalcInputError(f"veld 'subjects[{i}].code': vak {_shown(code)} staat twee keer in "
                                 "'subjects'")
        s = Subject(code, i)
        s.name = texts.subject_name(exam.stype, code)
        part = item.get("part")
        if part is not None:
            p = PARTS.get(part) if type(part) is str else None
            if p is None:
                p = PARTS.get(part.lower()) if isinstance(part, str) else None
            if p is None:
                raise CalcInputError(f"veld '{_field(i, code)}.part': {_shown(part)} is onbekend; "
                                     "verwacht gd, pd, vd of extra")
            s.part = p
        value = item.get("kernvak")
        if value is not None and value is not False:
            s.kernvak = _true(value, i, code, "kernvak")
        value = item.get("in_combination")
        if value is not None and value is not False:
            s.in_combination = _true(value, i, code, "in_combination")
        if whole_finals and item.get("final") is not None and "se" not in item and "ce" not in item:
            exam.given_finals[code] = whole_grade(item["final"], f"{_field(i, code)}.final")
        else:
            _parse_grades(exam, s, item, i)
        if "L" in item or "N" in item:
            field = _field(i, code)
            if item.get("L") is not None:
                s.scale_length = whole_number(item["L"], f"{field}.L", minimum=limits.SCALE_LENGTH_LO,
                                              maximum=limits.SCALE_LENGTH_HI)
            if item.get("N") is not None:
                s.n_term = n_term(item["N"], f"{field}.N")
        exam.subjects.append(s)
        by_code[code] = s


def _true(value: Any, i: int, code: str, key: str) -> bool:
    if value is not True:
        raise CalcInputError(f"veld '{_field(i, code)}.{key}': verwacht true of false, "
                             f"kreeg {_kind(value)}")
    return True


def _field(i: int, code: str) -> str:
    return f"subjects[{i}] ({code})"


def _tenths(value: Any, i: int, code: str, key: str) -> int:
    try:
        return grades.parse_grade_tenths(value)
    except (TypeError, grades.GradeError):
        pass
    field = f"{_field(i, code)}.{key}"
    try:
        return grades.parse_grade_tenths(value, what=f"veld '{field}'")
    except (TypeError, grades.GradeError) as exc:
        raise CalcInputError(f"{exc}; verwacht een cijfer van 1,0 tot en met 10,0 met één "
                             "decimaal (art. 3.13 lid 1)") from None


def _parse_grades(exam: Exam, s: Subject, item: Mapping[str, Any], i: int) -> None:
    s.has_ce = has_ce = "ce" in item
    has_se = "se" in item
    s.has_se = has_se or not has_ce
    if has_ce:
        raw = item["ce"]
        if raw is not None:
            # CvTE / art. 3.13 lid 1: a CE grade has one decimal.
            s.ce_t = _tenths(raw, i, s.code, "ce")
        elif not exam.ce_pending_ok:
            exam.missing.append(Missing("CE-cijfer", s.code,
                                        f"Het CE-cijfer van {s.name} ontbreekt nog."))
    raw = item.get("se")
    if raw is not None:
        if has_ce:
            # Art. 3.13 lid 1: the SE grade of a subject with a CE has one decimal.
            s.se_t = _tenths(raw, i, s.code, "se")
        else:
            # An SE-only subject may arrive as a raw average; the pack rounds it (3.13 lid 2).
            s.se_value = grade(raw, f"{_field(i, s.code)}.se")
    elif s.has_se:
        exam.missing.append(Missing("SE-cijfer", s.code, f"Het SE-cijfer van {s.name} ontbreekt."))


def _parse_combination(exam: Exam, raw: Any, whole_finals: bool) -> None:
    level_key = exam.cum_laude_key
    if raw is not None:
        raw = _obj(raw, "combination")
        exam.has_combination = True
        if raw.get("final") is not None:
            exam.combination_final = whole_grade(raw["final"], "combination.final")
        comps = raw.get("components")
        if comps is not None:
            if not isinstance(comps, list):
                raise CalcInputError("veld 'combination.components': verwacht een lijst")
            seen: set[str] = set()
            for i, item in enumerate(comps):
                field = f"combination.components[{i}]"
                item = _obj(item, field)
                if "code" not in item:
                    raise CalcInputError(f"veld '{field}.code' ontbreekt: verwacht de code van het "
                                         "onderdeel (bijv. maat, ckv, pws)")
                c = Component(_text(item["code"], f"{field}.code"))
                if c.code in seen:
                    raise CalcInputError(f"veld '{field}.code': onderdeel '{c.code}' staat twee "
                                         "keer in het combinatiecijfer")
                seen.add(c.code)
                field = f"{field} ({c.code})"
                c.name = texts.subject_name(exam.stype, c.code)
                c.extra = _flag(item, "extra", field)
                if item.get("weight") is not None:
                    c.weight = whole_number(item["weight"], f"{field}.weight", minimum=1,
                                            maximum=limits.WEIGHT_HI)
                    weight_given = True
                else:
                    weight_given = False
                c.subject = exam.by_code.get(c.code)
                if c.subject is not None:
                    c.subject.in_combination = True
                    if item.get("final") is not None:
                        given = whole_grade(item["final"], f"{field}.final")
                        base = _base_final(exam, c.subject)
                        if base is not None and base != given:
                            raise CalcInputError(
                                f"veld '{field}.final': {given} verschilt van het eindcijfer "
                                f"{base} van vak '{c.code}' in 'subjects'; laat 'final' weg of "
                                "maak ze gelijk")
                elif item.get("final") is not None:
                    c.final = whole_grade(item["final"], f"{field}.final")
                else:
                    exam.missing.append(Missing(
                        "eindcijfer", c.code,
                        f"Het eindcijfer van {c.name} (onderdeel van het combinatiecijfer) "
                        "ontbreekt."))
                c.profielvak = weight_given and c.weight > 1
                exam.components.append(c)
    # A subject marked in_combination but not listed as a component joins the combination.
    listed = {c.code for c in exam.components}
    for s in exam.subjects:
        if s.in_combination and s.code not in listed:
            c = Component(s.code)
            c.name = s.name
            c.subject = s
            exam.components.append(c)
            exam.has_combination = True
    _mark_profielvak(exam)
    if exam.components and exam.combination_final is not None and not exam.missing:
        computed = combination_of(exam, {s.code: _base_final(exam, s) for s in exam.subjects},
                                  frozenset())
        if computed is not None and computed != exam.combination_final:
            raise CalcInputError(
                f"veld 'combination.final': {exam.combination_final} verschilt van het "
                f"gemiddelde van de onderdelen ({computed}); laat 'final' weg of maak ze gelijk")
    if level_key in COMBINATION_REQUIRED and not exam.components and exam.combination_final is None:
        what = ("maatschappijleer, ckv en het profielwerkstuk" if exam.level in ("vwo", "havo")
                else "de beroepsgerichte keuzevakken" if exam.level != "vmbo-gt"
                else "het profielvak en de beroepsgerichte keuzevakken")
        exam.missing.append(Missing("combinatiecijfer", None,
                                    f"Het combinatiecijfer ontbreekt: geef de onderdelen ({what}) "
                                    "met hun eindcijfers."))
    elif (level_key in COMBINATION_REQUIRED and not exam.components and not whole_finals):
        # outcome needs each component for rule d (no component below 4)
        exam.missing.append(Missing("combinatiecijfer", None,
                                    "De onderdelen van het combinatiecijfer ontbreken; zonder hun "
                                    "eindcijfers is de regel 'geen onderdeel lager dan 4' niet te "
                                    "toetsen."))


def _mark_profielvak(exam: Exam) -> None:
    """Vmbo gl (and tl with a gl programme, 3.35 lid 2): the profielvak counts as often as there
    are keuzevakken (3.35 lid 4). Elsewhere every component weighs the same (3.34 lid 4, 3.35
    lid 5)."""
    comps = exam.components
    if exam.level != "vmbo-gt":
        for c in comps:
            if c.weight != 1:
                raise CalcInputError(
                    f"veld 'combination.components' ({c.code}): weging {c.weight} kan niet; bij "
                    f"{exam.level} tellen alle onderdelen even zwaar (art. 3.34 lid 4 / 3.35 "
                    "lid 5)")
            c.profielvak = False
        return
    marked = [c for c in comps if c.profielvak]
    if not marked:
        marked = [c for c in comps if c.subject is not None and c.subject.has_ce]
    if len(marked) > 1:
        codes = ", ".join(c.code for c in marked)
        raise CalcInputError(f"veld 'combination.components': meer dan één onderdeel lijkt het "
                             f"profielvak ({codes}); geef alleen het profielvak een 'weight' of "
                             "'in_combination' met een CE")
    for c in comps:
        c.profielvak = bool(marked) and c is marked[0]
    if marked:
        pv = marked[0]
        others = len(comps) - 1
        if pv.weight != 1 and pv.weight != others:
            raise CalcInputError(
                f"veld 'combination.components' ({pv.code}): het profielvak telt {others} keer "
                f"mee (zo vaak als er keuzevakken zijn, art. 3.35 lid 4), niet {pv.weight} keer")
        pv.weight = others
    for c in comps:
        if not c.profielvak and c.weight != 1:
            raise CalcInputError(f"veld 'combination.components' ({c.code}): alleen het profielvak "
                                 "heeft een weging (art. 3.35 lid 4)")


def _parse_assessments(exam: Exam, data: Mapping[str, Any]) -> None:
    for key in ("lo", "kunstvakken", "pws"):
        raw = data.get(key)
        needed = key in exam.rules.assessments
        if raw is None:
            if needed:
                exam.assessments[key] = None
                exam.missing.append(Missing(
                    key, None, f"De beoordeling van {ASSESSMENT_NAMES[key]} ontbreekt (goed, "
                    "voldoende of onvoldoende)."))
            continue
        value = ASSESSMENT_VALUES.get(raw.strip().lower()) if isinstance(raw, str) else None
        if value is None:
            raise CalcInputError(f"veld '{key}': {_shown(raw)} is onbekend; verwacht goed, voldoende of "
                                 "onvoldoende")
        if needed:
            exam.assessments[key] = value
        else:
            where = ("een onderdeel van het combinatiecijfer" if key == "pws"
                     else "geen eis bij dit examen")
            exam.warnings.append(f"Veld '{key}' telt bij {exam.stype} niet mee voor de uitslag "
                                 f"({where}).")


def _note_rekenen(exam: Exam, raw: Any) -> None:
    shown = ""
    if isinstance(raw, Mapping) and raw.get("se") is not None:
        try:
            shown = f" ({texts.nl(grades.parse_decimal(raw['se']))})"
        except (TypeError, grades.GradeError):
            shown = ""
    exam.notes.append((
        "rekenen",
        "Uitvoeringsbesluit WVO 2020 art. 3.34 en 3.35 (rekenen staat er niet in); "
        "rekentoets afgeschaft, Stb. 2020, 253",
        f"Het schoolexamen rekenen{shown} telt niet mee voor de uitslag.",
        {},
    ))


# --- final grades ---------------------------------------------------------------------------------

def final_of(exam: Exam, s: Subject, ce_t: int | None) -> int | None:
    """Art. 3.32: the final grade of one subject; None when a grade it needs is missing."""
    if s.code in exam.given_finals:
        return exam.given_finals[s.code]
    if s.has_ce:
        if ce_t is None:
            return None
        if not s.has_se:
            return grades.ce_only_final_grade(Fraction(ce_t, 10))
        if s.se_t is None:
            return None
        return grades.final_grade_tenths(s.se_t, ce_t)
    if s.se_value is None:
        return None
    return grades.se_only_final_grade(s.se_value, exam.se_steps)


def _base_final(exam: Exam, s: Subject) -> int | None:
    return final_of(exam, s, s.ce_t)


def combination_of(exam: Exam, finals: Mapping[str, int | None],
                   dropped: frozenset[str]) -> int | None:
    """The combination grade over the components not left out; None if one is not known."""
    if not exam.components:
        return exam.combination_final
    active = [c for c in exam.components if c.code not in dropped] if dropped else exam.components
    if not active:
        return None
    pairs = []
    # Art. 3.35 lid 4: the gl profielvak weighs as often as there are keuzevakken. With every
    # keuzevak left out (only reachable while trying drops, art. 3.33 lid 3) the profielvak is
    # the mean on its own; any equal weight gives that, and a weight of 0 would divide by zero.
    keuze = len(active) - sum(1 for c in active if c.profielvak) or 1
    for c in active:
        f = finals.get(c.code) if c.subject is not None else c.final
        if f is None:
            return None
        pairs.append((f, keuze if c.profielvak else c.weight))
    return grades.combination_grade(pairs)


def component_finals(exam: Exam, finals: Mapping[str, int | None],
                     dropped: frozenset[str]) -> list[tuple[Component, int | None]]:
    return [(c, finals.get(c.code) if c.subject is not None else c.final)
            for c in exam.components if c.code not in dropped]
