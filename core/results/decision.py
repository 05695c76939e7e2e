"""The uitslag of one candidate from its subjects' grades: the rules engine decides.

What a subject IS in the exam (kernvak, part, combination) comes from the composition rules
(`examenbureau.core.composition`), not from the school's labels. The engine's `Exam` is built
straight from the grades in tenths (`rules.exam_facts`), never from text parsed back; the
request `outcome_input` gives for the same facts is what `calc outcome` would be asked, and
the equivalence test holds both to the same answer for every candidate.

Deciding is cheap and done for everyone; the explanation (a sentence per rule) is made only
when it is read, from the same exam, in the same exact arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from examenbureau.core import composition, grades, pack_facts
from examenbureau.core.reasons import Missing
from examenbureau.core.rules import CalcInputError, answer
from examenbureau.core.rules.answers import Advice, CeAverage, Needed, Outcome
from examenbureau.core.rules.cum_laude import verdict
from examenbureau.core.rules.engine import combination_of, decide, state
from examenbureau.core.rules.exam_facts import SubjectFacts, exam_from_facts
from examenbureau.core.rules.model import Exam
from examenbureau.core.rules.ops import outcome_of
from examenbureau.core.rules.pack_input import candidate_facts
from examenbureau.core.rules.policy import for_pack

from .records import CandidateResult, Explanation
from .subjects import TENTHS, WHOLE, exam_row, local_final

_ASSESSMENT_KEY = {"lo": "lo", "kv1": "kunstvakken", "pws": "pws"}   # calc `outcome` fields
# A Decimal grade of a SubjectResult back as whole tenths / whole number (they come from there).
_TENTHS_OF = {d: t for t, d in enumerate(TENTHS)}
_WHOLE_OF = {d: n for n, d in enumerate(WHOLE)}


def engine_facts(result: CandidateResult, roles: composition.CandidateRoles
                 ) -> tuple[list[SubjectFacts], dict[str, str]]:
    """The subjects the decision counts, with grades in tenths, and the judged parts (lo,
    kunstvakken, pws) by their `outcome` names."""
    subjects: list[SubjectFacts] = []
    assessments: dict[str, str] = {}
    for sr in result.subjects:
        role = roles.roles.get(sr.subject)
        if not sr.counts or role is None:
            continue
        if role.assessment_only:
            key = _ASSESSMENT_KEY.get(role.canonical or "")
            if key and sr.assessment is not None:
                assessments[key] = sr.assessment
            continue
        if role.canonical is not None and not role.numeric:
            continue
        se = None if sr.se_grade is None else _as_int(sr.se_grade, sr.has_ce)
        ce = None if not sr.has_ce or sr.ce_grade is None else _as_int(sr.ce_grade, True)
        subjects.append(SubjectFacts(sr.subject, sr.part or "extra", sr.kernvak,
                                     sr.in_combination, sr.has_ce, se, ce))
    return subjects, assessments


def _as_int(value: Decimal, tenths: bool) -> int:
    found = (_TENTHS_OF if tenths else _WHOLE_OF).get(value)
    if found is not None:
        return found
    return grades.tenths(value) if tenths else int(value)


def _text(value: int, tenths: bool) -> str:
    return str(TENTHS[value] if tenths and 0 <= value <= 100 else
               Decimal(value).scaleb(-1) if tenths else value)


def outcome_input(result: CandidateResult, roles: composition.CandidateRoles) -> dict[str, Any]:
    """The calc `outcome` request for a candidate (docs/calc.md): what the engine decides on."""
    facts, assessments = engine_facts(result, roles)
    subjects = []
    for f in facts:
        entry: dict[str, Any] = {"code": f.code, "part": f.part}
        if f.kernvak:
            entry["kernvak"] = True
        if f.in_combination:
            entry["in_combination"] = True
        entry["se"] = None if f.se is None else _text(f.se, f.has_ce)
        if f.has_ce:
            entry["ce"] = None if f.ce_tenths is None else _text(f.ce_tenths, True)
        subjects.append(entry)
    data: dict[str, Any] = {"level": roles.level, "subjects": subjects, **assessments,
                            **pack_facts.result_facts(result)}  # exam year, CE resits taken
    if roles.level == "vmbo-gt":
        data["leerweg"] = roles.leerweg
    if roles.level == "vwo" and roles.variant:
        data["variant"] = roles.variant
    if roles.profile and roles.complete:
        data["profile"] = roles.profile
    components = []
    for code, weight in roles.combination:
        comp: dict[str, Any] = {"code": code}
        if weight != 1:
            comp["weight"] = weight
        components.append(comp)
    if components:
        data["combination"] = {"components": components}
    return data


def build_exam(result: CandidateResult, roles: composition.CandidateRoles,
               pack: str) -> Exam | None:
    """The engine's exam for this candidate, or None when only the parser may judge it."""
    facts, assessments = engine_facts(result, roles)
    exam = exam_from_facts(
        for_pack(pack), level=roles.level, leerweg=roles.leerweg if roles.level == "vmbo-gt"
        else None, variant=roles.variant if roles.level == "vwo" and roles.variant else None,
        profile=roles.profile if roles.profile and roles.complete else None, subjects=facts,
        combination=roles.combination, assessments=assessments)
    if exam is not None:  # what only a board's rules read, as outcome_input gives it
        exam.exam_year, exam.lo_date, exam.ce_resits = candidate_facts(
            pack_facts.result_facts(result))
    return exam


def local_finals(result: CandidateResult, roles: composition.CandidateRoles) -> None:
    """Final grades and combination grade as far as they are known, without a decision."""
    for sr in result.subjects:
        if sr.counts and sr.assessment is None:
            sr.final_grade = local_final(sr)
    finals = {s.subject: s.final_grade for s in result.subjects}
    pairs = []
    for code, weight in roles.combination:
        final = finals.get(code)
        if final is None:
            result.combination_grade = None
            return
        pairs.append((final, weight))
    result.combination_grade = grades.combination_grade(pairs) if pairs else None


def decide_candidate(result: CandidateResult, roles: composition.CandidateRoles, pack: str,
                     explain: bool = False, advice: bool = False) -> None:
    """Fill the decision (and, with `explain`, the reasons at once) of a candidate whose facts
    are all there; a missing fact leaves the result "nog niet te bepalen"."""
    if result.missing:
        local_finals(result, roles)
        result.passed = None
        result.cum_laude = None
        return
    try:
        exam = build_exam(result, roles, pack)
        if exam is None:  # a value only the parser judges: its own words say why
            found = answer("outcome", outcome_input(result, roles), pack)
            assert isinstance(found, Outcome)
            _take_outcome(result, roles, found)
        elif exam.missing or explain:
            _take_outcome(result, roles, _outcome(exam))
        else:
            _decide_only(result, exam)
    except (CalcInputError, grades.GradeError) as exc:
        # One candidate's impossible data must not stop the results of the other 199: it is
        # this candidate's "nog niet te bepalen", with the rule engine's own Dutch words.
        result.missing.append(Missing("invoer", None, f"De uitslag is niet te bepalen: {exc}"))
        local_finals(result, roles)
        return
    if advice and result.passed is not None and not result.cum_laude:
        try:
            given = answer("resit_advice", outcome_input(result, roles), pack)
            assert isinstance(given, Advice)
            result.advice = given
        except (CalcInputError, grades.GradeError):
            result.advice = None  # the decision stands; the screen simply shows no advice


def _outcome(exam: Exam) -> Outcome:
    from examenbureau.core.rules.ops import undecidable

    return undecidable(exam) if exam.missing else outcome_of(exam)


def _decide_only(result: CandidateResult, exam: Exam) -> None:
    """The decision without its sentences: what `outcome_of` decides, field for field."""
    st = state(exam)
    d = decide(exam, st)
    for sr in result.subjects:
        final = st.finals.get(sr.subject)
        if final is not None:
            sr.final_grade = final
    result.passed = d.passed
    result.cum_laude = verdict(exam, st, d.dropped, True) if d.passed else False
    result.combination_grade = combination_of(exam, st.finals, d.dropped)
    result.dropped = sorted(d.dropped)
    ce_sum = ce_n = 0
    for s in exam.subjects:
        if s.has_ce and s.code not in d.dropped:
            ce_sum += st.ce[s.code]  # type: ignore[operator]
            ce_n += 1
    result.ce_average = CeAverage(ce_sum, ce_n)
    result.explainer = lambda: _explanation(outcome_of(exam))


def _explanation(found: Outcome) -> Explanation:
    return Explanation(list(found.reasons), list(found.cum_laude_reasons), list(found.notes),
                       list(found.warnings), found.school_rule)


def _take_outcome(result: CandidateResult, roles: composition.CandidateRoles,
                  found: Outcome) -> None:
    for sr in result.subjects:
        if sr.subject in found.final_grades:
            sr.final_grade = found.final_grades[sr.subject]
    if not found.decidable:
        mine = {(m.what, m.subject) for m in result.missing}
        result.missing.extend(m for m in found.missing if (m.what, m.subject) not in mine)
        local_finals(result, roles)
        result.passed = None
        result.cum_laude = None
        return
    result.passed = found.passed
    result.cum_laude = found.cum_laude
    result.combination_grade = found.combination_grade
    result.dropped = list(found.dropped)
    result.ce_average = found.ce_average
    result.explanation_made = _explanation(found)


# What may still be open for `needed` to answer: a CE grade that is not there yet, or cannot be
# computed yet for want of the exam's L or N. Anything else missing blocks the question too.
_CE_PENDING = frozenset({"CE-cijfer", "CE-score", "N-term", "schaallengte", "CE-examen"})


def needed_for(result: CandidateResult, roles: composition.CandidateRoles, pack: str,
               data: Mapping[str, Any], school_type: str | None, track: str | None) -> None:
    """Before the CE: the lowest CE grade per open subject that still lets the candidate pass."""
    if not result.missing or any(m.what not in _CE_PENDING for m in result.missing):
        return
    request = outcome_input(result, roles)
    sat = {sr.subject for sr in result.subjects if sr.ce_grades}
    for entry in request["subjects"]:
        if "ce" not in entry or entry["ce"] is not None:
            continue
        if entry["code"] in sat:
            continue  # sat in some tijdvak, grade not known yet: that exam's L or N is the gap
        # not sat yet: the first tijdvak's exam, when the DNT knows it with L and N
        exam = exam_row(data, result.exam_year, entry["code"], 1, None, school_type, track)
        if exam is not None and exam[7] is not None and exam[8] is not None:
            entry["L"] = int(exam[7])
            entry["N"] = str(Decimal(int(exam[8])).scaleb(-1))
    try:
        found = answer("needed", request, pack)
        assert isinstance(found, Needed)
        result.needed = found
    except (CalcInputError, grades.GradeError):
        result.needed = None  # e.g. an SE grade is missing too: nothing sound to say


__all__ = ["build_exam", "decide_candidate", "engine_facts", "local_finals", "needed_for",
           "outcome_input"]
