"""The resit register as the Herkansingen screen uses it: the request from the PTA, the verdict
and the pack's deadline before registering, the same verdict written, the teachers' list."""

from __future__ import annotations

from datetime import datetime

import pytest

from examenbureau.core import resit_register
from examenbureau.core.store import Store


@pytest.fixture
def ozhw_school(demo_copy: Store) -> Store:
    store = demo_copy
    store.set_setting("rulepack", "ozhw", reason="school valt onder OZHW")
    with store.transaction(reason="testopzet: lege herkansingsregistratie voor 5040") as tx:
        tx.execute("DELETE FROM resit_requests WHERE exam_number = '5040'")
    return store


def test_the_request_comes_from_the_candidates_pta(ozhw_school: Store):
    request = resit_register.se_request(ozhw_school, 2025, "5040", "wisA", "WA5-T5")
    assert (request.subject, request.test, request.kind) == ("wisA", "WA5-T5", "schriftelijk")
    assert request.period is not None and request.resittable is not None
    with pytest.raises(resit_register.ResitRegisterError, match="staat niet in het PTA"):
        resit_register.se_request(ozhw_school, 2025, "5040", "wisA", "GEEN-TOETS")


def test_what_is_shown_is_what_is_registered_and_listed(ozhw_school: Store):
    request = resit_register.se_request(ozhw_school, 2025, "5040", "wisA", "WA5-T5")
    shown = resit_register.preview_se_resit(ozhw_school, 2025, "5040", request)
    done = resit_register.register_se_resit(ozhw_school, 2025, "5040", request,
                                            datetime(2025, 3, 1, 10, 0), reason="formulier",
                                            source="TUI pid 1 Herkansingen")
    assert (done.status, done.text, done.pack) == (shown.status, shown.text, "ozhw")
    listed = resit_register.requests(ozhw_school, 2025, subject="wisA", test_code="WA5-T5")
    assert [(r.exam_number, r.status) for r in listed] == [("5040", shown.status)]
    rows = resit_register.request_rows(listed)
    assert rows[0][:6] == [2025, "5040", listed[0].name, "SE", "wisA", "WA5-T5"]
    with ozhw_school.read() as con:
        source = con.execute("SELECT source FROM audit_log WHERE table_name = 'resit_requests'"
                             " ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert source == "TUI pid 1 Herkansingen"     # the live notice can tell it is ours


def test_the_ce_resit_deadline_of_ozhw_in_words_and_as_a_moment(ozhw_school: Store):
    deadline = resit_register.resit_deadline(ozhw_school, "ce",
                                              datetime(2025, 6, 11, 9, 0))
    assert deadline is not None and "41 lid 4" in deadline.source
    assert deadline.rule == "binnen 1 dag na bekendmaking eindcijfers, vóór 12:00 uur"
    assert deadline.moment == datetime(2025, 6, 12, 12, 0)
    assert "12-06-2025 12:00" in deadline.text and "vervalt" in deadline.text


def test_a_ce_resit_asked_too_late_or_before_publication_is_refused(ozhw_school: Store):
    published = datetime(2025, 6, 11, 9, 0)
    late = resit_register.preview_ce_resit(ozhw_school, 2025, "5040", "netl", published,
                                           datetime(2025, 6, 12, 12, 30))
    assert late.allowed is False
    assert any(r.violated and "te laat" in r.text for r in late.reasons)
    in_time = resit_register.preview_ce_resit(ozhw_school, 2025, "5040", "netl", published,
                                              datetime(2025, 6, 12, 11, 0))
    assert in_time.allowed is True and in_time.deadline is not None
    # no moment of publication: as far as the register knows the results are not out yet
    early = resit_register.preview_ce_resit(ozhw_school, 2025, "5040", "netl", None,
                                            datetime(2025, 6, 12, 11, 0))
    assert early.allowed is False
    assert any(r.violated and "bekendgemaakt" in r.text for r in early.reasons)
