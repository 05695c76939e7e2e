"""CE scores per question: two correctors, the definitive score, and the CvTE's decision to
award points for a question to every candidate.

Why this is its own module: the total score S that the N-term formula needs is not a number
anyone types in once. The examinator (first corrector) and the gecommitteerde (second
corrector) each score every question; together they fix the definitive score (CvTE regeling
beoordelingsnormen art. 9 lid 3). Afterwards the CvTE may decide that for a question *all*
candidates get the maximum, or at least a given number of points (art. 10). That decision must
be applied exactly once per exam, be visible and audited, and the totals must follow from it.

Applying it "once" is guaranteed by its meaning rather than by bookkeeping: a candidate's score
on an awarded question is max(own definitive score, awarded points). Applying the same decision
again, re-importing the per-question file, or importing a WOLF total that already includes the
points therefore never adds the points twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from ..store import Store, Transaction

ARTICLE_AWARD = "CvTE Regeling beoordelingsnormen art. 10"


def definitive_score(c1: int | None, c2: int | None, final: int | None) -> int | None:
    """The definitive score of one question: as entered, or the correctors' common score when
    nothing was entered and they agree; None while they disagree or one has not scored yet."""
    if final is not None:
        return final
    if c1 is not None and c1 == c2:
        return c1
    return None


def effective_score(definitive: int | None, awarded: int | None) -> int | None:
    """Score that counts after an art. 10 decision: never lower than the awarded points."""
    if definitive is None:
        return None
    return definitive if awarded is None else max(definitive, awarded)


def question_sort_key(question: str) -> tuple[Any, ...]:
    """`2` before `10`, `3a` after `3`: the order of the exam paper."""
    parts = re.findall(r"\d+|\D+", question)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


@attrs.frozen
class CorrectorDifference:
    exam_year: int
    nex_id: str
    exam_number: str
    question: str
    max_score: int
    score_c1: int | None
    score_c2: int | None
    score_final: int | None

    @property
    def resolved(self) -> bool:
        return self.score_final is not None

    def sentence(self) -> str:
        state = (f"definitief {self.score_final}" if self.resolved
                 else "nog geen definitieve score: correctoren moeten overleggen")
        return (f"kandidaat {self.exam_number}, vraag {self.question} (max {self.max_score}): "
                f"1e corrector {_txt(self.score_c1)}, 2e corrector {_txt(self.score_c2)}; {state}")


@attrs.frozen
class QuestionAward:
    exam_year: int
    nex_id: str
    question: str
    points: int
    decided_on: date | None
    reason: str | None
    applied_at: datetime | None

    def sentence(self) -> str:
        when = f" (besluit van {self.decided_on.strftime('%d-%m-%Y')})" if self.decided_on else ""
        return (f"Examen {self.nex_id}, vraag {self.question}: iedere kandidaat krijgt ten minste "
                f"{self.points} scorepunt(en){when} — {ARTICLE_AWARD}.")


@attrs.frozen
class CandidateTotal:
    exam_number: str
    total: int | None              # effective total; None while a question has no definitive score
    missing_questions: tuple[str, ...]


@attrs.define
class TotalsReport:
    """What recomputing the totals of one exam did, so the screen can show every candidate."""

    changed: list[tuple[str, int | None, int]] = attrs.field(factory=list)   # number, old, new
    unchanged: int = 0
    not_adjusted: list[tuple[str, str]] = attrs.field(factory=list)          # number, why

    def lines(self) -> list[str]:
        out = [f"kandidaat {n}: totaalscore {_txt(o)} -> {w}" for n, o, w in self.changed]
        out += [f"kandidaat {n}: niet aangepast, {why}" for n, why in self.not_adjusted]
        return out


@attrs.define
class AwardReport:
    award: QuestionAward
    already_applied: bool
    totals: TotalsReport

    def sentence(self) -> str:
        if self.already_applied:
            applied = self.award.applied_at
            when = applied.strftime("%d-%m-%Y %H:%M") if applied else "eerder"
            return (f"Dit besluit is al toegepast ({when}); er is niets gewijzigd. "
                    + self.award.sentence())
        return (f"{self.award.sentence()} Totaalscores: {len(self.totals.changed)} gewijzigd, "
                f"{self.totals.unchanged} ongewijzigd, "
                f"{len(self.totals.not_adjusted)} niet aan te passen.")


class AwardError(ValueError):
    """An award that cannot be applied; the message is Dutch."""


# -- reading ----------------------------------------------------------------------------------

def exam_questions(con: Any, exam_year: int, nex_id: str) -> dict[str, int]:
    """Question -> maximum score, as the per-question scores of this exam record it."""
    rows = con.execute(
        "SELECT question, max(max_score) FROM ce_item_scores WHERE exam_year = ? AND nex_id = ?"
        " GROUP BY question", [exam_year, nex_id]).fetchall()
    return dict(sorted(((q, int(m)) for q, m in rows), key=lambda r: question_sort_key(r[0])))


def awards_for(con: Any, exam_year: int, nex_id: str | None = None) -> list[QuestionAward]:
    sql = ("SELECT exam_year, nex_id, question, points, decided_on, reason, applied_at"
           " FROM ce_question_awards WHERE exam_year = ?")
    params: list[Any] = [exam_year]
    if nex_id is not None:
        sql += " AND nex_id = ?"
        params.append(nex_id)
    found = [QuestionAward(*row) for row in con.execute(sql, params).fetchall()]
    return sorted(found, key=lambda a: (a.nex_id, question_sort_key(a.question)))


def list_awards(store: Store, exam_year: int, nex_id: str | None = None) -> list[QuestionAward]:
    """Every art. 10 decision entered for the year (or one exam), for the screen and reports."""
    with store.read() as con:
        return awards_for(con, exam_year, nex_id)


def corrector_differences(store: Store, exam_year: int, nex_id: str | None = None,
                          ) -> list[CorrectorDifference]:
    """Questions where first and second corrector gave different scores (resolved or not)."""
    sql = ("SELECT exam_year, nex_id, exam_number, question, max_score, score_c1, score_c2,"
           " score_final FROM ce_item_scores WHERE exam_year = ?"
           " AND score_c1 IS NOT NULL AND score_c2 IS NOT NULL AND score_c1 <> score_c2")
    params: list[Any] = [exam_year]
    if nex_id is not None:
        sql += " AND nex_id = ?"
        params.append(nex_id)
    with store.read() as con:
        rows = con.execute(sql, params).fetchall()
    found = [CorrectorDifference(*r) for r in rows]
    return sorted(found, key=lambda d: (d.nex_id, d.exam_number, question_sort_key(d.question)))


def candidate_totals(items: Iterable[tuple[str, str, int, int | None, int | None, int | None]],
                     awards: Mapping[str, int], questions: Iterable[str] | None = None,
                     ) -> dict[str, CandidateTotal]:
    """Effective totals per candidate from rows (exam_number, question, max, c1, c2, final).

    `questions` is the full question list of the exam; a candidate without a row for one of
    them has no total yet (missing, never counted as zero)."""
    per: dict[str, dict[str, int | None]] = {}
    seen: set[str] = set(questions or ())
    for number, question, _max, c1, c2, final in items:
        seen.add(question)
        per.setdefault(number, {})[question] = definitive_score(c1, c2, final)
    out: dict[str, CandidateTotal] = {}
    for number, scores in per.items():
        missing = tuple(sorted((q for q in seen if scores.get(q) is None), key=question_sort_key))
        total = None if missing else sum(
            effective_score(s, awards.get(q)) or 0 for q, s in scores.items())
        out[number] = CandidateTotal(number, total, missing)
    return out


# -- writing ----------------------------------------------------------------------------------

def recompute_totals(tx: Transaction, exam_year: int, nex_id: str) -> TotalsReport:
    """Set ce_scores.score of every candidate of this exam to the effective per-question total.

    Only candidates with a complete set of definitive per-question scores and a score row
    (without a status such as afwezig) are changed; every other candidate is listed with the
    reason, so nobody is silently left behind."""
    report = TotalsReport()
    items = tx.fetchall(
        "SELECT exam_number, question, max_score, score_c1, score_c2, score_final"
        " FROM ce_item_scores WHERE exam_year = ? AND nex_id = ?", [exam_year, nex_id])
    awards = {a.question: a.points for a in awards_for(tx.con, exam_year, nex_id)}
    totals = candidate_totals(items, awards)
    scores = {
        number: (period, subject, score, status)
        for period, number, subject, score, status in tx.fetchall(
            "SELECT period, exam_number, subject, score, status FROM ce_scores"
            " WHERE exam_year = ? AND nex_id = ?", [exam_year, nex_id])
    }
    for number in sorted(set(totals) | set(scores)):
        total = totals.get(number)
        row = scores.get(number)
        if row is not None and row[3]:
            report.not_adjusted.append((number, f"status {row[3]}"))
            continue
        if total is None:
            report.not_adjusted.append((number, "geen scores per vraag bekend voor dit examen"))
            continue
        if total.total is None:
            report.not_adjusted.append(
                (number, "geen definitieve score voor vraag " + ", ".join(total.missing_questions)))
            continue
        if row is None:
            report.not_adjusted.append((number, "geen totaalscore (ce-scores) met dit NEX-ID"))
            continue
        period, subject, old, _status = row
        key = {"exam_year": exam_year, "period": period, "exam_number": number, "subject": subject}
        if tx.update("ce_scores", key, {"score": total.total}):
            report.changed.append((number, old, total.total))
        else:
            report.unchanged += 1
    return report


def award_question(store: Store, exam_year: int, nex_id: str, question: str, *,
                   points: int | None = None, decided_on: date | None = None,
                   reason: str | None = None, source: str | None = None) -> AwardReport:
    """Record the CvTE decision for one question of one exam and recompute the totals.

    `points` None means the maximum of the question. Entering the same decision again changes
    nothing and says so; a changed decision (other points) replaces the old one, audited."""
    with store.transaction(reason=reason or f"besluit CvTE ({ARTICLE_AWARD})",
                           source=source or "ce-scoring", user_reason=reason) as tx:
        exists = tx.fetchall("SELECT 1 FROM ce_exams WHERE exam_year = ? AND nex_id = ?",
                             [exam_year, nex_id])
        if not exists:
            raise AwardError(f"Examen {nex_id} ({exam_year}) is onbekend; importeer eerst de DNT.")
        questions = exam_questions(tx.con, exam_year, nex_id)
        if question not in questions:
            raise AwardError(
                f"Vraag {question} van examen {nex_id} heeft geen scores per vraag; de "
                "maximumscore is dus onbekend. Importeer eerst ce-item-scores.")
        maximum = questions[question]
        award_points = maximum if points is None else points
        if not 1 <= award_points <= maximum:
            raise AwardError(f"Toegekende punten {award_points} voor vraag {question}: verwacht "
                             f"1 tot en met de maximumscore {maximum}.")
        key = {"exam_year": exam_year, "nex_id": nex_id, "question": question}
        current = tx.get("ce_question_awards", key,
                         ["points", "decided_on", "reason", "applied_at"])
        now = tx.at
        if current is not None and current["points"] == award_points:
            award = QuestionAward(exam_year, nex_id, question, award_points, current["decided_on"],
                                  current["reason"], current["applied_at"])
            return AwardReport(award, True, TotalsReport())
        values = {"points": award_points, "decided_on": decided_on, "reason": reason,
                  "applied_at": now}
        if current is None:
            tx.insert("ce_question_awards", {**key, **values}, key=key)
        else:
            tx.update("ce_question_awards", key, values)
        totals = recompute_totals(tx, exam_year, nex_id)
        tx.audit("ce_toekenning", "ce_question_awards", f"{exam_year}/{nex_id}/{question}",
                 "points", current["points"] if current else None, award_points,
                 reason=f"{ARTICLE_AWARD}: {len(totals.changed)} totaalscores aangepast")
        award = QuestionAward(exam_year, nex_id, question, award_points, decided_on, reason, now)
        return AwardReport(award, False, totals)


def _txt(value: int | None) -> str:
    return "-" if value is None else str(value)
