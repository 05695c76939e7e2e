"""Change one stored fact with a reason, and see beforehand whose result it changes.

Why: a secretary correcting a teacher's typo, entering a resit grade or a late N-term must see
the old and the new value and which results change *before* saving (a wrong click can fail a
child), must give a reason (it goes into every audit row), and must never overwrite a value a
colleague changed meanwhile. The TUI's edit screens call `preview` while the user looks and
`save` when they confirm; both run the real results engine on the changed data inside one
transaction, so what the preview shows is exactly what saving does (`preview` rolls back).

Nothing here is a rule: which grades are valid comes from `grades`, what a result is from
`results`, what changed in words from `result_changes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs

from . import grades, limits
from .io.ce_scoring import recompute_totals
from .result_changes import AffectedCandidate, describe_changes, result_facts
from .store import ConflictError, Store, StoreError, Transaction, to_text
from .store.changes import RESULTS, who
from .store.freeze import act_words

SE_KEY = ("exam_year", "exam_number", "subject", "test_code", "attempt", "seq")
SE_STATUSES = ("niet_gemaakt", "vrijstelling", "onregelmatigheid")
SE_ASSESSMENTS = ("voldaan", "onvoldaan", "goed", "voldoende", "onvoldoende")
SE_ATTEMPTS = ("afname", "inhaal", "herkansing")


class CorrectionError(ValueError):
    """The edit cannot be saved as given; the message says why, in Dutch. Nothing changed."""


class StaleEditError(ConflictError):
    """Someone changed the value since it was shown: both values are in the message."""

    def __init__(self, message: str, current: Mapping[str, Any] | None,
                 yours: Mapping[str, Any]) -> None:
        super().__init__(message)
        self.current = dict(current) if current is not None else None
        self.yours = dict(yours)


@attrs.frozen
class Correction:
    """One row to change (or add), and whose results to compare before and after."""

    table: str
    key: Mapping[str, Any]
    values: Mapping[str, Any]
    expected_version: int | None        # the row_version the user saw; None: a new row
    exam_year: int
    # exam numbers whose results may change, or how to find them in the transaction
    watch: Sequence[str] | Callable[[Transaction], Sequence[str]]
    what: str                           # "SE-resultaat ne NE-T1 afname" for messages
    # what else follows from the change in the same transaction (a CE total from its items)
    then: Callable[[Transaction], Any] | None = None


@attrs.define
class Outcome:
    """What a correction does: old and new stored values, and the results it changes."""

    correction: Correction
    old: dict[str, Any] | None
    new: dict[str, Any]
    affected: list[AffectedCandidate]
    saved: bool = False
    notices: list[str] = attrs.field(factory=list)

    def value_lines(self) -> list[str]:
        """'cijfer: 5,4 -> 6,4' per changed column (a new row: 'cijfer: (nieuw) -> 6,4', only
        the columns it fills: 'beoordeling: (nieuw) -> leeg' read as a change)."""
        out = []
        for column, new in self.new.items():
            old = None if self.old is None else self.old.get(column)
            if self.old is not None and _same(old, new):
                continue
            if self.old is None and new in (None, ""):
                continue
            label = COLUMN_WORDS.get(column, column)
            before = "(nieuw)" if self.old is None else show(old)
            out.append(f"{label}: {before} -> {show(new)}")
        return out or ["geen verschil met wat er staat"]

    def result_lines(self) -> list[str]:
        if not self.affected:
            return ["Geen SE-cijfer, CE-cijfer, eindcijfer of uitslag verandert hierdoor."]
        return [a.line() for a in self.affected]


COLUMN_WORDS = {"grade": "cijfer", "assessment": "beoordeling", "status": "status",
                "taken_on": "datum", "n_term": "N-term", "scale_length": "L (schaallengte)",
                "score_c1": "score 1e corrector", "score_c2": "score 2e corrector",
                "score_final": "definitieve score", "score": "totaalscore", "period": "tijdvak",
                "max_score": "maximum"}


def show(value: Any) -> str:
    """A stored value as a secretary reads it: 7,2, 'niet gemaakt', 'leeg'."""
    if value is None or value == "":
        return "leeg"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return str(value).replace("_", " ")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return a == b


# -- validation of what a user typed --------------------------------------------------------------

def se_values(grade_text: str, assessment: str, status: str) -> dict[str, Any]:
    """The stored columns of an SE result from the three fields of the edit form.

    A grade 1,0-10,0 with at most one decimal (it is stored so: Uvb 3.13 lid 1), or an
    assessment, or only a status; an empty form is refused (that is a deletion, not an edit).
    """
    grade: Decimal | None = None
    if grade_text.strip():
        try:
            # in whole tenths, so "8" is 8,0 as stored and logged (not "8"); nothing rounds
            grade = Decimal(grades.parse_grade_tenths(grade_text.strip(), what="cijfer")
                            ).scaleb(-1)
        except (grades.GradeError, TypeError) as exc:
            raise CorrectionError(str(exc)) from None
    assessment = assessment.strip().lower() or ""
    if assessment and assessment not in SE_ASSESSMENTS:
        raise CorrectionError(f"beoordeling: '{assessment}' is onbekend; kies uit "
                              f"{', '.join(SE_ASSESSMENTS)}.")
    status = status.strip().lower().replace(" ", "_")
    if status and status not in SE_STATUSES:
        raise CorrectionError(f"status: '{status}' is onbekend; kies uit "
                              f"{', '.join(s.replace('_', ' ') for s in SE_STATUSES)} of leeg.")
    if grade is not None and assessment:
        raise CorrectionError("Geef een cijfer óf een beoordeling, niet allebei.")
    if status == "niet_gemaakt" and (grade is not None or assessment):
        # a grade beside it would go on counting (the results read the grade, not the
        # status); `import se-results` refuses the same combination
        raise CorrectionError("Bij status niet gemaakt hoort geen cijfer of beoordeling: "
                              "maak het veld leeg.")
    if grade is None and not assessment and not status:
        raise CorrectionError("Geef een cijfer, een beoordeling of een status (vrijstelling, "
                              "niet gemaakt, onregelmatigheid).")
    return {"grade": grade, "assessment": assessment or None, "status": status or None}


def se_correction(exam_year: int, exam_number: str, subject: str, test_code: str, attempt: str,
                  seq: int, values: Mapping[str, Any], expected_version: int | None
                  ) -> Correction:
    if attempt not in SE_ATTEMPTS:
        raise CorrectionError(f"poging: '{attempt}' is onbekend; kies uit {', '.join(SE_ATTEMPTS)}.")
    key = dict(zip(SE_KEY, (exam_year, exam_number, subject, test_code, attempt, seq), strict=True))
    return Correction("se_results", key, dict(values), expected_version, exam_year, (exam_number,),
                      f"SE-resultaat {subject} {test_code} {attempt}"
                      + (f" {seq}" if seq != 1 else ""))


def n_term_values(n_text: str, l_text: str) -> tuple[dict[str, Any], list[str]]:
    """N and L of an exam from the form, and warnings (an N above 2,0 is checked, not refused).

    Never a default: an empty N is refused (the 2019 outage was an N-term left at 1)."""
    if not n_text.strip():
        raise CorrectionError("Vul de N-term in zoals het CvTE die publiceerde (bijv. 1,1).")
    try:
        tenths = grades.n_term_tenths(n_text.strip())
    except (grades.GradeError, TypeError) as exc:
        raise CorrectionError(str(exc)) from None
    n = Decimal(tenths).scaleb(-1)     # 1,0 as the CvTE writes it, not 1 (Decimal(10) / 10)
    if not limits.NTERM_LO <= n <= limits.NTERM_HI:
        raise CorrectionError(f"N-term: {show(n)} ligt niet tussen {show(limits.NTERM_LO)} en "
                              f"{show(limits.NTERM_HI)}.")
    values: dict[str, Any] = {"n_term": n}
    if l_text.strip():
        if not l_text.strip().isdigit():
            raise CorrectionError(f"L (schaallengte): '{l_text.strip()}' is geen geheel getal.")
        scale = int(l_text.strip())
        if not limits.SCALE_LENGTH_LO <= scale <= limits.SCALE_LENGTH_HI:
            raise CorrectionError(f"L (schaallengte): {scale} ligt niet tussen "
                                  f"{limits.SCALE_LENGTH_LO} en {limits.SCALE_LENGTH_HI}.")
        values["scale_length"] = scale
    warning = grades.n_term_warning(n_text.strip())
    return values, [warning] if warning else []


def n_term_correction(exam_year: int, nex_id: str, values: Mapping[str, Any],
                      expected_version: int) -> Correction:
    """N (and L) of one exam; every candidate with a score on it is compared before/after."""

    def takers(tx: Transaction) -> list[str]:
        return [r[0] for r in tx.fetchall(
            "SELECT DISTINCT exam_number FROM ce_scores WHERE exam_year = ? AND nex_id = ?"
            " ORDER BY exam_number", [exam_year, nex_id])]

    return Correction("ce_exams", {"exam_year": exam_year, "nex_id": nex_id}, dict(values),
                      expected_version, exam_year, takers, f"N-term van examen {nex_id}")


def item_score_correction(exam_year: int, period: int, nex_id: str, exam_number: str,
                          question: str, column: str, score: int | None, max_score: int,
                          expected_version: int | None) -> Correction:
    """One corrector's score (or the definitive one) on one question; refused above the
    question's maximum. `expected_version` None adds the candidate's row for this question.
    The candidate's total is recomputed in the same transaction (`recompute_totals`)."""
    if column not in ("score_c1", "score_c2", "score_final"):
        raise CorrectionError(f"kolom '{column}' is geen score van een corrector.")
    if score is not None and not 0 <= score <= max_score:
        raise CorrectionError(f"vraag {question}: {score} punten kan niet, het maximum is "
                              f"{max_score}.")
    values: dict[str, Any] = {column: score}
    if expected_version is None:
        values.update({"period": period, "max_score": max_score})
    return Correction("ce_item_scores", {"exam_year": exam_year, "nex_id": nex_id,
                                         "exam_number": exam_number, "question": question},
                      values, expected_version, exam_year, (exam_number,),
                      f"CE-score {exam_number} vraag {question} ({COLUMN_WORDS[column]})",
                      then=lambda tx: recompute_totals(tx, exam_year, nex_id))


# -- doing it -----------------------------------------------------------------------------------

class _Preview(Exception):
    """Raised to roll a preview back after it was computed."""


class _InTransaction:
    """The store as the results engine reads it, inside an open transaction: it sees the
    change that is not committed yet (a second connection would not)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    @contextmanager
    def read(self) -> Iterator[Any]:
        yield self.tx.con

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.tx.con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default


def _facts(view: _InTransaction, year: int, numbers: Sequence[str]) -> dict[str, Any]:
    from .results import compute_results

    return {r.exam_number: result_facts(r)
            for r in compute_results(view, exam_year=year, exam_numbers=list(numbers))}


def _apply(tx: Transaction, c: Correction) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    columns = list(c.values)
    current = tx.get(c.table, c.key, [*columns, "row_version"])
    if c.expected_version is None:
        if current is not None:
            yours = dict(c.values)
            raise StaleEditError(
                f"{c.what} bestaat intussen al ({_values_text(current, columns)}, "
                f"{_last_change(tx, c)}); u wilde {_values_text(yours, columns)} toevoegen. "
                "Er is niets opgeslagen: bekijk de nieuwe waarde en pas die zo nodig aan.",
                current, yours)
        tx.insert(c.table, {**c.key, **c.values}, key=c.key)
        return None, dict(c.values)
    if current is None:
        raise StaleEditError(f"{c.what} bestaat niet meer ({_last_change(tx, c)}). Er is niets "
                             "opgeslagen.", None, dict(c.values))
    if current["row_version"] != c.expected_version:
        raise StaleEditError(
            f"{c.what} is intussen gewijzigd: nu {_values_text(current, columns)} "
            f"({_last_change(tx, c)}); u wilde {_values_text(c.values, columns)} opslaan. "
            "Er is niets opgeslagen: bekijk de nieuwe waarde en pas die zo nodig aan.",
            current, dict(c.values))
    old = {k: current[k] for k in columns}
    tx.update(c.table, c.key, c.values, expected_version=c.expected_version)
    return old, dict(c.values)


def _values_text(values: Mapping[str, Any], columns: Sequence[str]) -> str:
    shown = [f"{COLUMN_WORDS.get(c, c)} {show(values.get(c))}" for c in columns
             if values.get(c) is not None]
    return ", ".join(shown) or "leeg"


def _last_change(tx: Transaction, c: Correction) -> str:
    """'door marieke op 2025-06-12 10:42' from the audit log, for the stale-edit message."""
    key = "/".join(to_text(v) or "" for v in c.key.values())
    row = tx.con.execute(
        "SELECT actor, changed_at, display_name FROM audit_log WHERE table_name = ? AND row_key = ?"
        " ORDER BY id DESC LIMIT 1", [c.table, key]).fetchone()
    if row is None:
        return "door iemand anders"
    when = row[1].strftime("%d-%m-%Y %H:%M") if row[1] is not None else "onbekend tijdstip"
    return f"door {who(row[0], row[2])} op {when}"


# A preview runs with a stand-in reason so that it can show what a change to something a
# closing act froze would do; it is rolled back, and saving then needs the person's reason.
_PREVIEW_REASON = "voorbeeld"


def _run(store: Store, c: Correction, *, reason: str | None, source: str | None,
         actor: str | None, commit: bool) -> Outcome:
    outcome: Outcome | None = None
    try:
        with store.transaction(reason=reason, source=source, actor=actor,
                               user_reason=reason if commit else _PREVIEW_REASON) as tx:
            view = _InTransaction(tx)
            notices: list[str] = []
            watch = list(c.watch(tx) if callable(c.watch) else c.watch)
            try:
                before = _facts(view, c.exam_year, watch)
            except StoreError:
                raise
            except Exception as exc:  # a broken pack must not block a correction
                before, notices = {}, [f"De uitslag kon niet worden berekend ({exc})."]
            old, new = _apply(tx, c)
            if c.then is not None:
                c.then(tx)
            try:
                after = _facts(view, c.exam_year, watch) if before else {}
            except StoreError:
                raise
            except Exception as exc:
                after, notices = {}, [f"De uitslag kon niet worden berekend ({exc})."]
            affected = []
            for number in watch:
                o, n = before.get(number), after.get(number)
                if o is None or n is None:
                    continue
                changes = describe_changes(o, n)
                if changes:
                    affected.append(AffectedCandidate(number, n.get("name") or "", changes))
            if commit:
                # each result the correction changed, per candidate, for the Logboek
                for a in affected:
                    tx.audit("gevolg", RESULTS, f"{c.exam_year}/{a.exam_number}", None, None,
                             "; ".join(a.changes))
            if tx.closed_acts:
                notices.append(after_closing_notice(tx.closed_acts))
            outcome = Outcome(c, old, new, affected, saved=commit, notices=notices)
            if not commit:
                raise _Preview
    except _Preview:
        pass
    assert outcome is not None
    return outcome


def after_closing_notice(acts: set[str]) -> str:
    """The mark a change after a closing act carries on the screen that made it."""
    words = " en ".join(act_words(a) for a in sorted(acts))
    return (f"Gewijzigd na vaststelling: {words} is vastgesteld; de reden komt in het "
            "auditlog en de wijziging wordt overal gemarkeerd.")


def preview(store: Store, correction: Correction) -> Outcome:
    """What saving would do, computed on the changed data and rolled back (nothing is stored).

    Raises StaleEditError when the row changed since the user saw it."""
    return _run(store, correction, reason=None, source=None, actor=None, commit=False)


def save(store: Store, correction: Correction, reason: str, *, source: str,
         actor: str | None = None) -> Outcome:
    """Store the correction with its reason in one audited transaction; what it changed.

    Refused (nothing stored) without a reason, or when the row changed since it was shown."""
    if not reason or not reason.strip():
        raise CorrectionError("Geef een reden: die komt in het logboek bij deze wijziging.")
    return _run(store, correction, reason=reason.strip(), source=source, actor=actor, commit=True)
