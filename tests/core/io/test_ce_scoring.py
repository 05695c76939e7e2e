"""CE scores per question: correctors, definitive scores and the CvTE award of art. 10
(CvTE Regeling beoordelingsnormen: "aan alle kandidaten het maximale aantal scorepunten of ten
minste een aantal kleiner dan het maximum")."""

from __future__ import annotations

import pytest

from examenbureau.core.io.ce_scoring import (
    AwardError,
    award_question,
    candidate_totals,
    corrector_differences,
    definitive_score,
    effective_score,
    list_awards,
    question_sort_key,
)
from examenbureau.core.io.importers import import_file


def _score(store, number="5101", nex_id="31001"):
    with store.read() as con:
        return con.execute("SELECT score FROM ce_scores WHERE exam_number = ? AND nex_id = ?",
                           [number, nex_id]).fetchone()[0]


def test_definitive_and_effective_scores():
    assert definitive_score(1, 2, 1) == 1           # entered definitive score wins
    assert definitive_score(2, 2, None) == 2        # correctors agree: that is the score
    assert definitive_score(1, 2, None) is None     # disagree: not definitive yet
    assert definitive_score(1, None, None) is None  # second correction missing
    assert effective_score(1, 3) == 3 and effective_score(3, 2) == 3
    assert effective_score(None, 3) is None         # no score, no award: never a silent number
    assert sorted(["10", "2", "3b", "3a", "1"], key=question_sort_key) == ["1", "2", "3a", "3b",
                                                                          "10"]


def test_totals_need_every_question():
    rows = [("a", "1", 2, 2, 2, None), ("a", "2", 3, 1, 2, None), ("b", "1", 2, None, None, 2)]
    totals = candidate_totals(rows, {}, {"1", "2"})
    assert totals["a"].total is None and totals["a"].missing_questions == ("2",)
    assert totals["b"].total is None and totals["b"].missing_questions == ("2",)


def test_corrector_differences_of_the_example(example_store):
    diffs = corrector_differences(example_store, 2025, "31001")
    assert [(d.exam_number, d.question, d.score_c1, d.score_c2, d.score_final) for d in diffs] == [
        ("5101", "9", 1, 0, 1), ("5101", "14", 1, 2, 1)]
    assert diffs[0].sentence() == ("kandidaat 5101, vraag 9 (max 3): 1e corrector 1, "
                                   "2e corrector 0; definitief 1")


def test_cvte_award_is_applied_once_audited_and_visible(example_store, io_kit):
    assert _score(example_store) == 35
    report = award_question(example_store, 2025, "31001", "3", reason="besluit CvTE 2025-06-02")
    # question 3 has maximum 2; candidate 5101 had 1 point: total 35 -> 36
    assert not report.already_applied
    assert report.award.points == 2
    assert report.totals.changed == [("5101", 35, 36)]
    assert report.totals.not_adjusted == [("5102", "status afwezig")]
    assert _score(example_store) == 36
    awards = list_awards(example_store, 2025)
    assert [(a.nex_id, a.question, a.points) for a in awards] == [("31001", "3", 2)]
    assert "art. 10" in awards[0].sentence()
    with example_store.read() as con:
        audit = con.execute("SELECT action, table_name, field, old_value, new_value FROM audit_log"
                            " WHERE table_name IN ('ce_scores', 'ce_question_awards')"
                            " ORDER BY id").fetchall()
    assert ("update", "ce_scores", "score", "35", "36") in audit
    assert ("ce_toekenning", "ce_question_awards", "points", None, "2") in audit

    # Applying the same decision again changes nothing and says so.
    before = io_kit.db_content(example_store)
    again = award_question(example_store, 2025, "31001", "3")
    assert again.already_applied
    assert "al toegepast" in again.sentence()
    after = io_kit.db_content(example_store)
    assert {t for t in before if before[t] != after[t]} <= {"audit_log"}
    assert _score(example_store) == 36

    # Re-importing the per-question file does not undo or double the award.
    items = import_file(example_store, "ce-item-scores",
                        io_kit.EXAMPLES / "ce_item_scores.csv")
    assert items.ok, items.errors
    assert items.nothing_changed
    # The old WOLF total (35) is now refused: it does not include the awarded point.
    totals = import_file(example_store, "ce-scores", io_kit.EXAMPLES / "ce_scores.csv")
    assert not totals.ok
    assert any("(36), verwacht 36" in e for e in totals.errors)
    assert _score(example_store) == 36


def test_award_of_fewer_points_than_the_maximum(example_store):
    # question 4: maximum 3, candidate had 1; "ten minste 2 punten" -> 2
    report = award_question(example_store, 2025, "31001", "4", points=2)
    assert report.totals.changed == [("5101", 35, 36)]
    # A later decision for the same question replaces it (max then), still applied once.
    report = award_question(example_store, 2025, "31001", "4")
    assert report.totals.changed == [("5101", 36, 37)]
    assert [(a.question, a.points) for a in list_awards(example_store, 2025, "31001")] == [("4", 3)]


@pytest.mark.parametrize(("nex_id", "question", "points", "words"), [
    ("39999", "1", None, "onbekend"),
    ("31002", "1", None, "geen scores per vraag"),
    ("31001", "1", 3, "verwacht 1 tot en met de maximumscore 2"),
    ("31001", "1", 0, "verwacht 1 tot en met de maximumscore 2"),
])
def test_award_refusals_are_dutch_and_write_nothing(example_store, io_kit, nex_id, question,
                                                    points, words):
    before = io_kit.db_content(example_store)
    with pytest.raises(AwardError, match=words):
        award_question(example_store, 2025, nex_id, question, points=points)
    assert io_kit.db_content(example_store) == before
