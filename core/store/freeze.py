"""What a closing act freezes, as one SQL expression per table.

Closing the SE of an exam year (`vaststellen se`) freezes that year's SE results, the titles of
its profielwerkstukken and the PTA of its cohorts. Establishing the result of a tijdvak
(`vaststellen uitslag`) freezes that tijdvak's CE scores, per-question scores, N-terms and
CvTE awards, the candidates and subject packages of the year (they decide the result too),
and the choice of rule pack. After that, a change to a frozen row needs a person's reason;
it is then stored, audited and marked as made after closing. The clock decides nothing
here: only the acts in the `closings` table do.

Why SQL: an import touches thousands of rows; each expression is evaluated set-based against
the rows being written, and names the act that froze a row (`se:2025:0`, `uitslag:2025:1`) or
is NULL.
"""

from __future__ import annotations

from .errors import StoreError

_BY_YEAR_AND_PERIOD = ("(SELECT min(c.kind || ':' || c.exam_year || ':' || c.period) FROM closings c "
                       "WHERE c.kind = 'uitslag' AND c.exam_year = {a}exam_year AND c.period = {a}period)")
_BY_RESULT_YEAR = ("(SELECT min(c.kind || ':' || c.exam_year || ':' || c.period) FROM closings c "
                   "WHERE c.kind = 'uitslag' AND c.exam_year = {a}exam_year)")

# table -> SQL expression over the row's columns `{a}column`: the act that froze it, or NULL
_FROZEN_BY = {
    "se_results": ("(SELECT min(c.kind || ':' || c.exam_year || ':' || c.period) FROM closings c "
                   "WHERE c.kind = 'se' AND c.exam_year = {a}exam_year)"),
    # the title of the profielwerkstuk, printed on the cijferlijst: an SE fact like its grade
    "pws_titles": ("(SELECT min(c.kind || ':' || c.exam_year || ':' || c.period) FROM closings c "
                   "WHERE c.kind = 'se' AND c.exam_year = {a}exam_year)"),
    "pta_items": ("(SELECT min(c.kind || ':' || c.exam_year || ':' || c.period) FROM closings c "
                  "JOIN candidates k ON k.exam_year = c.exam_year WHERE c.kind = 'se' "
                  "AND k.cohort = {a}cohort AND k.school_type = {a}school_type)"),
    "ce_exams": _BY_YEAR_AND_PERIOD,
    "ce_scores": _BY_YEAR_AND_PERIOD,
    "ce_item_scores": _BY_YEAR_AND_PERIOD,
    "ce_question_awards": ("(SELECT min(c.kind || ':' || c.exam_year || ':' || c.period) FROM closings c "
                           "JOIN ce_exams e ON e.exam_year = c.exam_year AND e.period = c.period "
                           "WHERE c.kind = 'uitslag' AND e.exam_year = {a}exam_year "
                           "AND e.nex_id = {a}nex_id)"),
    "candidates": _BY_RESULT_YEAR,
    "candidate_subjects": _BY_RESULT_YEAR,
    "settings": ("CASE WHEN {a}key = 'rulepack' THEN (SELECT min(c.kind || ':' || c.exam_year || ':' "
                 "|| c.period) FROM closings c WHERE c.kind = 'uitslag') END"),
}
# the columns each expression reads from the row
NEEDS = {
    "se_results": ("exam_year",), "pws_titles": ("exam_year",),
    "pta_items": ("cohort", "school_type"),
    "ce_exams": ("exam_year", "period"), "ce_scores": ("exam_year", "period"),
    "ce_item_scores": ("exam_year", "period"), "ce_question_awards": ("exam_year", "nex_id"),
    "candidates": ("exam_year",), "candidate_subjects": ("exam_year",), "settings": ("key",),
}


class ClosedError(StoreError):
    """A change to something a closing act froze, without a person's reason: nothing is written."""


def frozen_by(table: str, prefix: str) -> str | None:
    """The SQL expression naming the act that froze a row of `table`, or None when no act can
    freeze that table. The row's columns are read as `{prefix}{column}` (`t.exam_year`, or
    `_m_exam_year` for a column computed under another name)."""
    template = _FROZEN_BY.get(table)
    return template.format(a=prefix) if template else None


def act_words(descriptor: str) -> str:
    """`se:2025:0` -> "het schoolexamen van examenjaar 2025"."""
    kind, year, period = descriptor.split(":")
    if kind == "se":
        return f"het schoolexamen van examenjaar {year}"
    return f"de uitslag van tijdvak {period} van examenjaar {year}"


def refusal(descriptor: str, table: str, key: str) -> ClosedError:
    return ClosedError(
        f"{act_words(descriptor).capitalize()} is vastgesteld; {table} {key} wijzigen kan daarna "
        "alleen met een reden (--reden \"...\"), die in het auditlog komt. Er is niets gewijzigd.")
