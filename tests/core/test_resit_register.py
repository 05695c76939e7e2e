"""The resit register decides a request with the school's pack and keeps it with its reasons."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from examenbureau.core.hookspecs import ResitRequest
from examenbureau.core.resit_register import (
    ResitRegisterError,
    register_ce_resit,
    register_se_resit,
)
from examenbureau.core.store import Store

PUBLISHED = datetime(2025, 6, 11, 9, 0)


@pytest.fixture
def demo(demo_copy):
    return Store(demo_copy.path, actor="secretaris")


def stored(store, new_id):
    with store.read() as con:
        row = con.execute("SELECT status, pack, reasons, requested_at FROM resit_requests"
                          " WHERE id = ?", [new_id]).fetchone()
        audit = con.execute("SELECT display_name, action FROM audit_log WHERE table_name ="
                            " 'resit_requests' ORDER BY id DESC LIMIT 1").fetchone()
    return row, audit


def test_uvb_art_3_38_lid_1_a_second_ce_resit_request_is_refused_and_kept(demo):
    # demo candidate 5018 resat Dutch in tijdvak 2 (4,3 then 5,8)
    r = register_ce_resit(demo, 2025, "5018", "ges", PUBLISHED, datetime(2025, 6, 11, 10, 0))
    assert r.status == "afgewezen" and r.pack == "wvo2020"
    assert any(x["source"] == "Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1" and x["violated"]
               for x in r.reasons)
    row, audit = stored(demo, r.id)
    assert row[0] == "afgewezen" and row[3] == datetime(2025, 6, 11, 10, 0)
    assert json.loads(row[2])[0]["rule"] == "ce_herkansing_aantal"
    assert audit == ("secretaris", "insert")


def test_seed_002_art_41_lid_4_a_late_ce_request_lapses_under_ozhw_only(demo):
    late = datetime(2025, 6, 12, 12, 30)
    assert register_ce_resit(demo, 2025, "5023", "ges", PUBLISHED, late).status == "toegekend"
    ozhw = register_ce_resit(demo, 2025, "5001", "ges", PUBLISHED, late, pack="ozhw")
    assert ozhw.status == "afgewezen"
    assert any("art. 41 lid 4" in x["source"] for x in ozhw.reasons)


def test_se_resit_request_is_decided_by_the_pack_and_left_open_by_the_law(demo):
    req = ResitRequest("netl", "NE5-T4", "schriftelijk", resittable=True, period=1,
                       test_period=1)
    law = register_se_resit(demo, 2025, "5002", req, datetime(2025, 11, 3, 9, 0))
    assert law.status == "aangevraagd" and "examenreglement" in law.text
    ozhw = register_se_resit(demo, 2025, "5002", req, datetime(2025, 11, 3, 9, 0), pack="ozhw")
    assert ozhw.status in ("toegekend", "afgewezen") and ozhw.pack == "ozhw"
    with pytest.raises(ResitRegisterError, match="onbekend"):
        register_se_resit(demo, 2025, "9999", req, datetime(2025, 11, 3, 9, 0))
