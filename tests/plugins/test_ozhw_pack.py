"""Pack `ozhw`: every rule of the Examenreglement 2024-2025 Willem de Zwijger College (seed
002_1c23185a9a65f2ce.txt) that the pack implements, on both sides of its boundary.

Each test quotes its sentence from the regulation (checked against the copy in
tests/fixtures/regulations) and names seed 002 and the article in its name.
"""

from __future__ import annotations

import copy

import pytest

from examenbureau.core.rules import evaluate

REG = "Examenreglement 2024-2025 Willem de Zwijger College"


def art(a: str) -> str:
    return f"{REG} art. {a}"


def ozhw(op, data):
    return evaluate(op, data, "ozhw")


def resit(used=(), forfeits=(), level="havo", leerjaar=5, **request):
    req = {"subject": "netl", "test": "NE-T9", "kind": "schriftelijk", "resittable": True}
    req.update(request)
    return ozhw("se_resit", {"level": level, "leerjaar": leerjaar, "request": req,
                             "used": [dict(u) for u in used], "forfeits": list(forfeits)})


def used(subject, test, **kw):
    return {"subject": subject, "test": test, "kind": "schriftelijk", **kw}


FOUR = [used("entl", "EN-T1"), used("ges", "GS-T1"), used("wisA", "WA-T1"), used("ak", "AK-T1")]


# --- SE-only final grades ---------------------------------------------------------------------

def test_seed_002_art_33_lid_4_se_only_final_grade_in_two_steps(quote):
    quote("002", "wordt de 1e decimaal, indien de 2e decimaal 4 of lager is naar beneden "
                 "afgerond en indien de 2e decimaal 5 of hoger is naar boven afgerond (dus 6,45 "
                 "→ 7).")
    assert ozhw("final_grade", {"se": "6.45"})["grade"] == 7
    assert ozhw("final_grade", {"se": "6.44"})["grade"] == 6
    assert evaluate("final_grade", {"se": "6.45"})["grade"] == 6  # the law: one step


# --- SE resits, art. 28 -----------------------------------------------------------------------

def test_seed_002_art_28_lid_1_and_5_four_resits_two_per_subject(quote):
    quote("002", "Alle kandidaten mogen maximaal vier herkansbare SE-onderdelen herkansen.")
    quote("002", "waarbij geldt dat er per vak twee onderdelen herkanst mogen worden.")
    three = resit(used=FOUR[:3])
    assert three["allowed"] is True and three["left"] == 0
    assert three["reasons"][0]["source"] == art("28 lid 1 en lid 5")
    four = resit(used=FOUR)
    assert four["allowed"] is False and four["reasons"][0]["violated"]
    two_dutch = [used("netl", "NE-T1"), used("netl", "NE-T2")]
    assert resit(used=two_dutch)["allowed"] is False
    assert resit(used=two_dutch)["reasons"][0]["rule"] == "ozhw_herkansing_per_vak"
    assert resit(used=two_dutch, subject="entl", test="EN-T3")["allowed"] is True


def test_seed_002_art_28_lid_6_one_extra_resit_for_pws_maat_ckv_havo_vwo(quote):
    quote("002", "Kandidaten hebben recht op één extra herkansing te kiezen uit de vakken PWS, "
                 "maatschappijleer en culturele kunstzinnige vorming (de onderdelen van het "
                 "combinatiecijfer). Dit geldt alleen voor havo en vwo.")
    r = resit(used=FOUR, subject="maat", test="MA-T1")
    assert r["allowed"] is True and r["pool"].startswith("extra herkansing combinatiecijfer")
    assert r["reasons"][0]["source"] == art("28 lid 6")
    assert resit(used=[*FOUR, used("ckv", "CKV-T1")], subject="maat", test="MA-T1")[
        "allowed"] is False
    vmbo = resit(used=FOUR, level="vmbo-gt", leerjaar=4, subject="ckv", test="CKV-T1")
    assert vmbo["allowed"] is False  # lid 6 is for havo and vwo only


def test_seed_002_art_28_lid_7_and_art_29_vmbo_extra_re_exam_maatschappijleer(quote):
    quote("002", "Kandidaten van het vmbo kunnen een extra herkansing inzetten voor het vak "
                 "maatschappijleer.")
    quote("002", "Het hoogste cijfer voor een vak, behaald bij het schoolexamen of het "
                 "herexamen, is het definitieve cijfer van het schoolexamen in dat vak.")
    quote("002", "of indien de kandidaat een hoger cijfer dan het eerst behaalde cijfer wil "
                 "halen.")
    r = resit(used=FOUR, level="vmbo-kb", leerjaar=4, subject="maat", kind="herexamen",
              final_grade=7)
    assert r["allowed"] is True and r["attempt_counts"] == "hoogste"
    assert evaluate("se_resit", {"level": "vmbo-kb", "leerjaar": 4, "request": {
        "subject": "maat", "kind": "herexamen", "final_grade": 7}})["allowed"] is False  # law
    again = resit(used=[used("maat", None, kind="herexamen")], level="vmbo-kb", leerjaar=4,
                  subject="maat", kind="herexamen")
    assert again["allowed"] is False


def test_seed_002_art_28_lid_1_handelingsdelen_outside_the_count(quote):
    quote("002", "De handelingsdelen vallen buiten deze herkansingsregeling. Deze kunnen "
                 "herkanst worden tot het oordeel 'voldaan' is gegeven.")
    r = resit(used=FOUR, kind="handelingsdeel")
    assert r["allowed"] is True and r["left"] is None and r["pool"] == "handelingsdelen"


def test_seed_002_art_28_lid_10_rekenen_two_re_exams_outside_the_count(quote):
    quote("002", "Voor een kandidaat met het vak rekenen (vmbo en havo) geldt dat deze kandidaat "
                 "twee maal een herexamen kan doen voor het gehele vak. Deze tellen niet mee in "
                 "het maximum aantal te herkansen toetsen uit lid 1.")
    one = resit(used=[*FOUR, used("rekenen", None, kind="herexamen")], subject="rekenen",
                kind="herexamen", test=None)
    assert one["allowed"] is True and one["left"] == 0
    two = resit(used=[used("rekenen", None), used("rekenen", None)], subject="rekenen",
                kind="herexamen", test=None)
    assert two["allowed"] is False and two["reasons"][0]["source"] == art("28 lid 10")


def test_seed_002_art_28_lid_1_all_resits_in_the_exam_year(quote):
    quote("002", "Alle herkansingen worden afgenomen in het eindexamenjaar.")
    r = resit(leerjaar=4)
    assert r["allowed"] is False and r["reasons"][0]["rule"] == "ozhw_examenjaar"


def test_seed_002_art_16_lid_9_early_exam_resits_count_against_the_exam_year(quote):
    quote("002", "In de herkansingsweek mag de kandidaat per vak één herkansing kiezen uit de "
                 "gemaakte schoolexamentoetsen")
    quote("002", "dan wordt dit aantal in mindering gebracht op het aantal herkansingen in het "
                 "examenjaar.")
    early = [*FOUR[:3], used("biol", "BI-T1", early=True, leerjaar=4)]
    assert resit(used=early)["allowed"] is False  # 3 + 1 early = the four
    assert "vervroegd" in resit(used=FOUR[:2] + early[3:])["reasons"][0]["text"]
    in_week = resit(leerjaar=4, early=True, subject="biol", test="BI-T2",
                    used=[used("biol", "BI-T1", early=True)])
    assert in_week["allowed"] is False and in_week["reasons"][0]["source"] == art("16 lid 9")
    assert resit(leerjaar=4, early=True, subject="biol", test="BI-T2")["allowed"] is True


def test_seed_002_art_28_lid_2_and_8_offered_three_times_no_make_up_of_a_resit(quote):
    quote("002", "Een SE-onderdeel wordt slechts drie keer aangeboden")
    quote("002", "Er is geen inhaalmoment voor een herkansing.")
    r = resit(used=[used("netl", "NE-T9")])
    assert r["allowed"] is False and r["reasons"][0]["source"] == art("28 lid 2 en lid 8")


def test_seed_002_art_28_lid_3_and_4_missed_make_up_may_give_1_0_and_a_resit_may_follow(quote):
    quote("002", "Als een SE-onderdeel niet is ingehaald, dan wordt dit gezien als een "
                 "onregelmatigheid en kan er een 1.0 voor dit onderdeel worden toegekend. Een "
                 "kandidaat kan er vervolgens voor kiezen een herkansing in te zetten om dit "
                 "onderdeel alsnog af te leggen.")
    r = resit(missed_makeup=True)
    assert r["allowed"] is True and r["left"] == 3
    assert any("1,0" in o for o in r["options"])
    assert any(x["source"] == art("28 lid 3 en lid 4") for x in r["reasons"])


def test_seed_002_art_28_lid_11_a_late_pws_uses_a_resit(quote):
    quote("002", "Als een kandidaat zich niet houdt aan een afgesproken inlevertermijn voor zijn "
                 "profielwerkstuk")
    quote("002", "De kandidaat zet een herkansing in.")
    r = resit(subject="pws", kind="pws", test="PWS", late_work=True, resittable=None)
    assert r["allowed"] is True
    assert any(x["rule"] == "ozhw_pws_te_laat" for x in r["reasons"])
    none_left = resit(used=[*FOUR, used("maat", "MA-T1")], subject="pws", kind="pws",
                      test="PWS", late_work=True)
    assert none_left["allowed"] is None and none_left["decidable"] is False


def test_seed_002_art_28_resittable_per_pta_and_no_forfeit_in_this_regulation(quote):
    quote("002", "Alle kandidaten mogen maximaal vier herkansbare SE-onderdelen herkansen.")
    assert resit(resittable=False)["allowed"] is False
    assert resit(resittable=None)["decidable"] is False
    r = resit(forfeits=[{"period": 2, "reason": "absent_zonder_geldige_reden"}])
    assert r["allowed"] is True  # OZHW does not forfeit; art. 22 measures are options
    assert r["options"] and any("art. 22 lid 3" in o for o in r["options"])


def test_seed_002_which_se_attempt_counts_is_not_written_school_setting_decides():
    r = resit()
    assert r["attempt_counts"] is None
    note = next(x for x in r["reasons"] if x["rule"] == "ozhw_se_poging")
    assert "se_attempt" in note["text"] and "hoogste" not in note["text"]


# --- late arrival and extra time ----------------------------------------------------------------

def late(**kw):
    data = {"sitting": "se", "kind": "schriftelijk", "start": "09:00", "end": "10:30",
            "arrival": "09:30", "extra_time_min": 0}
    data.update(kw)
    return ozhw("late_arrival", data)


def test_seed_002_art_21_lid_8_and_9_late_at_a_written_se_test(quote):
    quote("002", "Een kandidaat mag binnen een half uur na aanvang van een schriftelijke toets "
                 "nog met de toets beginnen. De eindtijd van de toets blijft onveranderd.")
    quote("002", "Bij een geldige reden, ter beoordeling van de afdelingsmanager, kan de toets "
                 "tijdens het inhaalmoment gemaakt worden.")
    ok = late(arrival="09:30")
    assert ok["admitted"] is True and ok["hand_in"] == "10:30"
    assert ok["reasons"][0]["source"] == art("21 lid 8")
    out = late(arrival="09:31")
    assert out["admitted"] is False
    assert any(r["source"] == art("21 lid 9") and "inhaalmoment" in r["text"]
               for r in out["reasons"])


def test_seed_002_art_21_lid_10_late_at_an_oral_test_the_afdelingsmanager_decides(quote):
    quote("002", "Wanneer een kandidaat te laat komt bij een mondelinge toets, kijk- en "
                 "luistertoets of presentatie, dan beslist de afdelingsmanager")
    r = late(kind="mondeling", arrival="09:05")
    assert r["decidable"] is False and "afdelingsmanager" in r["reasons"][0]["text"]


def test_seed_002_art_38_lid_5_late_at_the_ce_second_or_third_tijdvak(quote):
    quote("002", "Een kandidaat die te laat komt, mag tot uiterlijk een half uur na de aanvang "
                 "van het examen tot dat examen worden toegelaten.")
    quote("002", "Bij een geldige reden, ter beoordeling van de directeur, kunnen zij voor dit "
                 "vak verwezen worden naar het tweede tijdvak c.q. derde tijdvak.")
    ok = late(sitting="ce", end="12:00", arrival="09:30")
    assert ok["admitted"] is True and ok["hand_in"] == "12:00" and ok["decidable"] is True
    out = late(sitting="ce", end="12:00", arrival="09:31")
    assert out["admitted"] is False
    assert any("derde tijdvak" in r["text"] and r["source"] == art("38 lid 5")
               for r in out["reasons"])


def test_seed_002_art_13_and_bijlage_4_extra_time_at_most_30_minutes(quote):
    quote("002", "de aanpassing voor het examen in ieder geval kan bestaan uit een verlenging "
                 "van de duur van het desbetreffende examen van ten hoogste 30 minuten")
    quote("002", "Een kandidaat die recht heeft op extra tijd kan na het sluiten van de zitting "
                 "blijven zitten tot het aangegeven tijdstip (maximaal 30 minuten).")
    assert late(arrival="08:59", extra_time_min=30)["hand_in"] == "11:00"
    r = late(arrival="08:59", extra_time_min=40)
    [why] = [x for x in r["reasons"] if x["rule"] == "extra_tijd"]
    assert why["violated"] and why["source"] == art("13 lid 2 onder b en bijlage 4 punt 1")


# --- PWS, LO and cum laude ---------------------------------------------------------------------

HAVO = {"level": "havo", "lo": "voldoende", "exam_year": 2025, "lo_date": "2025-04-20",
        "subjects": [
            {"code": c, "se": "8.0", "ce": "8.0", "part": p, "kernvak": k}
            for c, p, k in [("netl", "gd", True), ("entl", "gd", True), ("wisA", "pd", True),
                            ("biol", "pd", False), ("schk", "pd", False), ("ak", "pd", False),
                            ("econ", "vd", False)]],
        "combination": {"components": [{"code": "maat", "final": 9}, {"code": "ckv", "final": 9},
                                       {"code": "pws", "final": 4}]}}


def havo(pws=4, **kw):
    data = copy.deepcopy(HAVO)
    data["combination"]["components"][2]["final"] = pws
    data.update(kw)
    return data


def test_seed_002_art_30_lid_3_pws_below_3_5_blocks_passing(quote):
    quote("002", "Het cijfer van het profielwerkstuk op havo en vwo mag niet lager zijn dan een "
                 "3.5, anders kan de kandidaat niet meer slagen.")
    assert ozhw("outcome", havo(pws=4))["passed"] is True
    low = ozhw("outcome", havo(pws=3))
    assert low["passed"] is False
    rules = {r["rule"]: r for r in low["reasons"]}
    assert rules["ozhw_pws"]["source"] == art("30 lid 3") and rules["ozhw_pws"]["pack"] == "ozhw"
    assert "combinatie_onderdeel" in rules  # the law's own rule, next to the board's


def test_seed_002_art_28_lid_12_lo_not_voldoende_on_1_may_no_diploma(quote):
    quote("002", "Als deze kandidaat op 1 mei van zijn examenjaar nog steeds geen beoordeling "
                 "voldoende heeft voor LO, kan deze kandidaat wel deelnemen aan het centraal "
                 "examen, maar hij kan geen diploma ontvangen")
    assert ozhw("outcome", havo(lo_date="2025-05-01"))["passed"] is True
    late_lo = ozhw("outcome", havo(lo_date="2025-05-02"))
    assert late_lo["passed"] is False
    [why] = [r for r in late_lo["reasons"] if r["rule"] == "ozhw_lo_1_mei"]
    assert why["source"] == art("28 lid 12") and why["violated"]
    unknown = ozhw("outcome", havo(lo_date=None))
    assert unknown["passed"] is True
    assert any(r["rule"] == "ozhw_lo_1_mei" and "niet gecontroleerd" in r["text"]
               for r in unknown["reasons"])


def test_seed_002_art_41_lid_4_ce_resit_request_on_results_day_or_next_day_before_12(quote):
    quote("002", "De kandidaat doet zijn verzoek om herkansing schriftelijk, op de dag van "
                 "uitslag of uiterlijk de dag daarna vóór 12.00 uur en dient dit in bij de "
                 "examensecretaris. Indien het verzoek om herkansing niet op tijd wordt "
                 "ingediend, vervalt het recht op herkansing.")
    base = {"level": "vwo", "published": True, "taken": [], "request": "ges",
            "published_at": "2025-06-11T09:00"}
    assert ozhw("ce_resit", {**base, "requested_at": "2025-06-12T11:59"})["allowed"] is True
    late_r = ozhw("ce_resit", {**base, "requested_at": "2025-06-12T12:00"})
    assert late_r["allowed"] is False
    assert any(r["source"] == art("41 lid 4") and r["violated"] for r in late_r["reasons"])
    no_times = ozhw("ce_resit", {k: v for k, v in base.items() if k != "published_at"})
    assert no_times["decidable"] is False and no_times["allowed"] is None
    # art. 41 lid 1 repeats the law: one subject
    assert ozhw("ce_resit", {**base, "taken": ["netl"],
                             "requested_at": "2025-06-11T10:00"})["allowed"] is False


def cum(level, finals, combination=None, **kw):
    subjects = [{"code": c, "final": f, "part": p} for c, f, p in finals]
    data = {"level": level, "passed": True, "subjects": subjects, "lo": "voldoende", **kw}
    if combination is not None:
        data["combination"] = {"final": combination}
    return ozhw("cum_laude", data)


def test_seed_002_art_12_lid_7_school_cum_laude_next_to_the_law_both_directions(quote):
    quote("002", "Een kandidaat ontvangt het judicium 'cum laude' indien het rekenkundig "
                 "gemiddelde van alle eindcijfers een 8,0 of hoger is en er geen eindcijfer lager "
                 "dan 7,0 is behaald.")
    quote("002", "Mocht dit Examenreglement in enig opzicht in strijd blijken met bovengenoemd "
                 "Uitvoeringsbesluit WVO 2020 en de WVO 2020, dan prevaleert het "
                 "Uitvoeringsbesluit WVO 2020 en de WVO 2020.")
    # havo: the law allows a 6 (art. 3.47 lid 2), the school does not
    law_only = cum("havo", [("netl", 9, "gd"), ("entl", 9, "gd"), ("wisA", 9, "pd"),
                            ("biol", 9, "pd"), ("ak", 6, "pd"), ("econ", 9, "vd")], 8)
    assert law_only["cum_laude"] is True
    assert law_only["school_rule"]["met"] is False
    assert law_only["school_rule"]["source"] == art("12 lid 7")
    # the school averages every final grade, the law only some: an extra subject lifts it
    school_only = cum("vwo", [("netl", 8, "gd"), ("entl", 7, "gd"), ("fatl", 7, "gd"),
                              ("wisB", 8, "pd"), ("nat", 8, "pd"), ("schk", 8, "pd"),
                              ("biol", 8, "pd"), ("inf", 7, "vd"), ("muz", 10, "extra"),
                              ("lat", 10, "extra")], 8)
    assert school_only["cum_laude"] is False  # the law's judicium stands
    assert school_only["school_rule"]["met"] is True


@pytest.mark.parametrize("level,combination,extra", [
    ("vmbo-kb", 8, {"kunstvakken": "voldoende"}),
    ("vmbo-gt", None, {"leerweg": "tl", "pws": "voldoende", "kunstvakken": "voldoende"}),
    ("havo", 8, {}), ("vwo", 8, {})])
def test_seed_002_art_12_lid_7_school_cum_laude_at_every_level(level, combination, extra):
    subjects = [("ne", 8, "gd"), ("en", 8, "gd"), ("wi", 8, "pd"), ("ec", 8, "pd")]
    r = cum(level, subjects, combination, **extra)
    assert r["school_rule"] is not None and r["school_rule"]["met"] is True
    low = cum(level, [*subjects[:3], ("ec", 6, "pd")], combination, **extra)
    assert low["school_rule"]["met"] is False and "(je hebt 6)" in low["school_rule"]["text"]


# --- repeaters, art. 19 ------------------------------------------------------------------------

def carry(**kw):
    data = {"level": "havo", "leerjaar": 5, "failed_exam": True}
    data.update(kw)
    r = ozhw("carry_over", data)
    return r, {(i["subject"], i["test"]): i for i in r["items"]}


def test_seed_002_art_19_lid_1_maat_and_ckv_kept_at_6_5(quote):
    quote("002", "Uitzondering hierop vormen de schoolexamencijfers van maatschappijleer en CKV, "
                 "indien deze vakken zijn afgesloten met minimaal een 6,5.")
    _, items = carry(leerjaar=4, failed_exam=False, promoted=False, subjects=[
        {"code": "maat", "ce": False, "se": "6.5"}, {"code": "ckv", "ce": False, "se": "6.4"},
        {"code": "netl", "ce": True, "se": "7.9"}])
    assert items[("maat", None)]["choice"] == "keep"
    assert items[("ckv", None)]["choice"] == "redo"
    assert items[("netl", None)]["choice"] == "redo"
    assert items[("maat", None)]["reason"]["source"] == art("19 lid 1")


def test_seed_002_art_19_lid_2_failed_candidate_keeps_se_only_at_6_5_redoes_ce_subjects(quote):
    quote("002", "Kandidaten die zijn gezakt voor het examen en het jaar opnieuw doen, leggen "
                 "alle toetsen voor de vakken waarvoor een centraal schriftelijk examen wordt "
                 "afgenomen uit het examenjaar opnieuw af. Vakken waarin geen centraal examen "
                 "wordt gedaan die afgesloten zijn met minimaal een 6,5 hoeven niet meer gevolgd "
                 "te worden.")
    r, items = carry(subjects=[{"code": "netl", "ce": True, "se": "8.0"},
                               {"code": "maat", "ce": False, "se": "6.5"},
                               {"code": "lo", "ce": False, "se": "6.4"}])
    assert r["decidable"] is True
    assert items[("netl", None)]["choice"] == "redo"
    assert items[("maat", None)]["choice"] == "keep"
    assert items[("lo", None)]["choice"] == "redo"


def test_seed_002_art_19_lid_2_pws_redone_below_6_5_unless_combination_6_5_vmbo_never(quote):
    quote("002", "Voor havo en vwo geldt dat het PWS opnieuw wordt gemaakt als het cijfer lager "
                 "is dan een 6,5, tenzij voor het combinatiecijfer al een 6,5 is behaald. Voor "
                 "het vmbo geldt dat het PWS niet opnieuw gemaakt hoeft te worden, ongeacht het "
                 "behaalde resultaat.")
    pws = {"code": "pws", "ce": False, "se": "6.4"}
    assert carry(subjects=[pws], combination_grade=6)[1][("pws", None)]["choice"] == "redo"
    assert carry(subjects=[pws], combination_grade=7)[1][("pws", None)]["choice"] == "keep"
    assert carry(subjects=[{**pws, "se": "6.5"}], combination_grade=6)[1][
        ("pws", None)]["choice"] == "keep"
    vmbo = carry(level="vmbo-gt", leerjaar=4, subjects=[{**pws, "se": "3.0"}])[1]
    assert vmbo[("pws", None)]["choice"] == "keep"


def test_seed_002_art_16_lid_5_early_ce_lapses_without_promotion(quote):
    quote("002", "en niet is bevorderd tot het volgende leerjaar, vervallen de met dit centraal "
                 "examen of deze centrale examens behaalde resultaten.")
    _, items = carry(leerjaar=4, failed_exam=False, promoted=False, early_ce=["biol"])
    assert items[("biol", None)]["choice"] == "redo"
    assert items[("biol", None)]["reason"]["source"] == art("16 lid 5")


# --- deadlines -------------------------------------------------------------------------------

def deadlines(anchors=None):
    r = ozhw("deadlines", {"anchors": anchors or {}})
    return {d["key"]: d for d in r["deadlines"]}


@pytest.mark.parametrize("key,article,offset,unit,sentence", [
    ("afwezigheid_melden", "21 lid 3", 45, "minuten",
     "moet dit uiterlijk 45 minuten vóór de aanvang van dit examen telefonisch melden"),
    ("extra_vak_laten_vallen", "18 lid 2", 10, "werkdagen",
     "kan op deze beslissing nog terugkomen tot tien werkdagen voor het begin van het eerste "
     "tijdvak van het centraal examen."),
    ("se_overzicht", "32 lid 2", 11, "dagen",
     "Tenminste elf dagen voor de aanvang van het centraal examen maakt de directeur aan de "
     "kandidaat bekend"),
    ("se_cijfers_inspectie", "32 lid 6", 10, "dagen",
     "zendt, tenminste tien dagen voor het centraal examen, de eindcijfers van het schoolexamen "
     "ter inzage aan de Inspectie van het Onderwijs"),
])
def test_seed_002_deadlines_with_their_articles(quote, key, article, offset, unit, sentence):
    quote("002", sentence)
    d = deadlines()[key]
    assert (d["offset"], d["unit"], d["source"], d["pack"]) == (offset, unit, art(article), "ozhw")
    assert d["decidable"] is True


def test_seed_002_art_22_23_24_objection_periods_contradict_both_shown_none_picked(quote):
    quote("002", "kan binnen vijf werkdagen nadat de maatregel is medegedeeld, schriftelijk en "
                 "gemotiveerd bezwaar worden gemaakt bij de Commissie van Beroep.")
    quote("002", "binnen vijf werkdagen na bekendmaking, schriftelijk en gemotiveerd bezwaar "
                 "maken bij de directeur.")
    quote("002", "kan hij binnen drie werkdagen na de officiële publicatie van het cijfer "
                 "bezwaar indienen bij de afdelingsmanager")
    quote("002", "binnen vijf werkdagen nadat het besluit aan de kandidaat is medegedeeld")
    all_ = deadlines({"publicatie cijfer": "2025-03-07T10:00"})
    for key, articles in (("bezwaar_maatregel", ("22 lid 5", "23 lid 1")),
                          ("bezwaar_beoordeling", ("24 lid 13", "23 lid 2"))):
        d = all_[key]
        assert d["decidable"] is False and d["offset"] is None
        assert [a["source"] for a in d["alternatives"]] == [art(x) for x in articles]
    moments = [a["moment"] for a in all_["bezwaar_beoordeling"]["alternatives"]]
    assert moments == ["2025-03-12T10:00", "2025-03-14T10:00"]  # Friday + 3 and + 5 weekdays


def test_seed_002_has_no_promotion_norms_so_promotion_is_not_decidable(quote):
    # The regulation covers the exam (vmbo 3-4, havo 4-5, vwo 4-6) but sets no bevorderingsnormen;
    # only art. 16 lid 5 names what not being promoted does to an early CE.
    quote("002", "en niet is bevorderd tot het volgende leerjaar")
    r = ozhw("promotion", {"level": "havo", "leerjaar": 4, "grades": {"netl": "6.0"},
                           "lo": "voldoende", "pta_complete": True})
    assert r["decision"] is None and r["decidable"] is False
    assert "bevorderingsregeling van de school" in r["reasons"][0]["text"]
