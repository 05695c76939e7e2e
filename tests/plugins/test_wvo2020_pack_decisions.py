"""The law's part of the pack decisions: CE resit, late arrival and extra time at the CE, and
where the law leaves a decision to the school (Uitvoeringsbesluit WVO 2020, BWBR0045787).

Each test quotes the article it tests (checked against tests/fixtures/regulations) and names
it in its id.
"""

from __future__ import annotations

import pytest

from examenbureau.core.rules import CalcInputError, evaluate

UVB = "Uitvoeringsbesluit WVO 2020"


def ce_resit(**kw):
    data = {"level": "havo", "published": True, "taken": [], "request": "netl"}
    data.update(kw)
    return evaluate("ce_resit", data)


def rules_of(result, rule):
    return [r for r in result["reasons"] if r["rule"] == rule]


def test_uvb_art_3_38_lid_1_one_ce_resit(quote):
    quote("uvb", "De examenkandidaat kan voor één vak van het eindexamen waarin hij centraal "
                 "examen heeft afgelegd, in het tweede of, indien artikel 3.29, eerste lid, van "
                 "toepassing is, het derde tijdvak, opnieuw deelnemen aan het centraal examen")
    first = ce_resit()
    assert first["allowed"] is True and first["left"] == 0
    second = ce_resit(taken=["netl"], request="ges")
    assert second["allowed"] is False and second["decidable"] is True
    [why] = rules_of(second, "ce_herkansing_aantal")
    assert why["violated"] and why["source"] == f"{UVB} art. 3.38 lid 1"
    assert "al gebruikt" in why["text"] and "Nederlandse taal" in why["text"]
    again = ce_resit(taken=["netl"], request="netl")
    assert again["allowed"] is False and "al herkanst" in again["reasons"][0]["text"]


def test_uvb_art_3_38_lid_4_only_after_the_final_grades_were_made_known(quote):
    quote("uvb", "De examenkandidaat heeft het recht, bedoeld in het eerste en tweede lid, "
                 "indien op grond van artikel 3.34, vijfde lid, of artikel 3.35, zevende lid, de "
                 "eindcijfers zijn bekendgemaakt.")
    r = ce_resit(published=False)
    assert r["allowed"] is False
    [why] = rules_of(r, "ce_herkansing_bekendmaking")
    assert why["violated"] and why["source"] == f"{UVB} art. 3.38 lid 4"
    with pytest.raises(CalcInputError, match="published"):
        evaluate("ce_resit", {"level": "havo", "request": "netl"})


def test_uvb_art_3_39_lid_1_the_highest_grade_counts(quote):
    quote("uvb", "Het hoogste cijfer voor een vak, behaald bij het centraal examen of de "
                 "herkansing, is het definitieve cijfer van het centraal examen in dat vak.")
    r = ce_resit()
    assert r["highest_counts"] is True
    [why] = rules_of(r, "ce_herkansing_hoogste")
    assert why["source"] == f"{UVB} art. 3.39 lid 1" and not why["violated"]


def test_uvb_art_3_38_lid_2_vmbo_bb_kb_also_resit_the_cspe(quote):
    quote("uvb", "Bij het eindexamen vmbo basisberoepsgerichte leerweg en "
                 "kaderberoepsgerichte leerweg kan de examenkandidaat ook opnieuw deelnemen aan "
                 "het cspe")
    r = ce_resit(level="vmbo-kb", taken=["ne"], request="pv", cspe=True)
    assert r["allowed"] is True
    assert ce_resit(level="vmbo-kb", request="pv", cspe=True, cspe_taken=True)["allowed"] is False
    with pytest.raises(CalcInputError, match="cspe"):
        ce_resit(level="havo", cspe=True)


def test_uvb_art_3_38_lid_5_the_rector_sets_the_request_deadline(quote):
    quote("uvb", "De examenkandidaat deelt de rector of directeur voor een door deze laatste te "
                 "bepalen dag en tijdstip schriftelijk mee dat hij gebruik maakt van het recht "
                 "van herkansing")
    r = ce_resit(published_at="2025-06-11T09:00", requested_at="2025-06-20T17:00")
    assert r["allowed"] is True  # the law sets no day: nothing to check against
    [why] = rules_of(r, "ce_herkansing_aanvraag")
    assert why["source"] == f"{UVB} art. 3.38 lid 5" and "niet getoetst" in why["text"]


def late(**kw):
    data = {"sitting": "ce", "kind": "schriftelijk", "start": "09:00", "end": "12:00",
            "arrival": "09:30", "extra_time_min": 0}
    data.update(kw)
    return evaluate("late_arrival", data)


def test_uvb_art_3_20_lid_4_late_at_the_ce_admitted_until_half_an_hour(quote):
    quote("uvb", "Een examenkandidaat wordt tot uiterlijk een half uur na de aanvang tot een "
                 "toets toegelaten.")
    at_30 = late(arrival="09:30")
    assert at_30["admitted"] is True and at_30["reasons"][0]["source"] == f"{UVB} art. 3.20 lid 4"
    at_31 = late(arrival="09:31")
    assert at_31["admitted"] is False and at_31["decidable"] is True
    assert at_31["reasons"][0]["violated"]
    nxt = [r for r in at_31["reasons"] if r["rule"] == "na_de_grens"]
    assert nxt and nxt[0]["source"] == f"{UVB} art. 3.29 lid 1" and "tweede tijdvak" in nxt[0]["text"]


def test_uvb_end_time_of_a_late_candidate_is_not_in_the_law_the_school_decides():
    # Art. 3.20 lid 4 says until when a candidate is admitted, not when he hands in.
    r = late(arrival="09:10")
    assert r["admitted"] is True and r["hand_in"] is None and r["decidable"] is False
    [why] = [x for x in r["reasons"] if x["rule"] == "eindtijd"]
    assert "examenreglement van de school" in why["text"] and "art. 2.60" in why["source"]


def test_late_at_a_school_exam_is_not_in_the_law():
    r = late(sitting="se", arrival="09:10")
    assert r["decidable"] is False and r["admitted"] is None
    assert "examenreglement" in r["reasons"][0]["text"]


def test_uvb_art_3_54_lid_3_onder_b_extra_time_at_the_ce_at_most_30_minutes(quote):
    quote("uvb", "de aanpassing voor zover betrekking hebbend op het centraal examen in elk "
                 "geval kan bestaan uit een verlenging van de duur van de toets van het centraal "
                 "examen met ten hoogste 30 minuten")
    ok = late(arrival="08:55", extra_time_min=30)
    assert ok["hand_in"] == "12:30" and not ok["reasons"][0]["violated"]
    too_much = late(arrival="08:55", extra_time_min=31)
    [why] = [x for x in too_much["reasons"] if x["rule"] == "extra_tijd"]
    assert why["violated"] and why["numbers"]["max_extra_min"] == 30
    assert why["source"] == f"{UVB} art. 3.54 lid 3 onder b en art. 3.55 lid 3"
    assert too_much["hand_in"] == "12:30" and too_much["extra_time_min"] == 30


def test_law_leaves_se_resits_to_the_schools_regulation():
    r = evaluate("se_resit", {"level": "havo", "leerjaar": 5, "period": 1,
                              "request": {"subject": "netl", "test": "NE-T1", "kind": "schriftelijk",
                                          "test_period": 1, "resittable": True}})
    assert r["allowed"] is None and r["decidable"] is False
    assert r["reasons"][0]["source"] == "Wet voortgezet onderwijs 2020 art. 2.60 lid 1 onder c"


def test_uvb_art_3_16_vmbo_re_exam_maatschappijleer_below_6(quote):
    quote("uvb", "kan het schoolexamen maatschappijleer behorend tot het gemeenschappelijk deel "
                 "van de leerwegen opnieuw afleggen, indien hij voor dat vak een eindcijfer heeft "
                 "behaald lager dan 6.")

    def ask(final):
        req = {"subject": "maat", "kind": "herexamen"}
        if final is not None:
            req["final_grade"] = final
        return evaluate("se_resit", {"level": "vmbo-kb", "leerjaar": 4, "request": req})

    assert ask(5)["allowed"] is True and ask(5)["attempt_counts"] == "hoogste"
    assert ask(6)["allowed"] is False
    assert ask(None)["decidable"] is False


def test_promotion_is_not_in_the_law():
    r = evaluate("promotion", {"level": "havo", "leerjaar": 4, "grades": {"netl": "6.0"},
                               "lo": "voldoende", "pta_complete": True})
    assert r["decision"] is None and r["decidable"] is False
    assert "bevorderingsregeling van de school" in r["reasons"][0]["text"]
    with pytest.raises(CalcInputError, match="examenjaar"):
        evaluate("promotion", {"level": "havo", "leerjaar": 5, "grades": {}})


def test_uvb_art_3_36_lid_2_early_ce_lapses_without_promotion(quote):
    quote("uvb", "Indien een leerling als bedoeld in het eerste lid niet is bevorderd tot het "
                 "volgende leerjaar, vervallen de met dit centraal examen of deze centrale "
                 "examens behaalde resultaten.")
    r = evaluate("carry_over", {"level": "vwo", "leerjaar": 5, "promoted": False,
                                "early_ce": ["bi"]})
    [item] = r["items"]
    assert item["subject"] == "bi" and item["choice"] == "redo"
    assert item["reason"]["source"] == f"{UVB} art. 3.36 lid 2"
    promoted = evaluate("carry_over", {"level": "vwo", "leerjaar": 5, "promoted": True,
                                       "early_ce": ["bi"]})
    assert promoted["items"] == [] and promoted["decidable"] is False


def test_law_deadlines_name_their_article_and_who_sets_an_open_one():
    r = evaluate("deadlines", {})
    by_key = {d["key"]: d for d in r["deadlines"]}
    assert by_key["ce_herkansing_aanvraag"]["decidable"] is False
    assert by_key["ce_herkansing_aanvraag"]["decider"] == "de directeur van de school"
    assert by_key["se_overzicht"]["source"] == f"{UVB} art. 3.15 lid 1 en lid 3"
