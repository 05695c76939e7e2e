"""The demo school's part for the rule packs: every pack rule shows up somewhere in it.

Why a module apart from `demo.py`: the generator there multiplies a catalogue out in SQL for up
to a million candidates; what the packs need is a few dozen hand-made cases, each built to sit
on one side of one rule. They are added in the same transaction, on top of whatever size the
demo has, and are the same for every seed (the cases are the point, not the variety):

- pupils of 4 havo, 4 vwo and 5 vwo with year grades, one per promotion outcome and per norm of
  the Quadraam PTA (4.10.1-4.10.3): promoted, promoted with a 5, with a 4 or two 5s and a mean of
  6,0, discussed (too low a mean, too many fails, two core fails, a 3, LO onvoldoende), not
  promotable (PTA incomplete), and one whose grade is still missing;
- resit requests for SE and CE (one CE request a day late for OZHW's art. 41 lid 4; candidate
  5023's second CE resit, which the import refuses, stays a request);
- forfeited resits of each kind (Quadraam 4.9.10-4.9.14), one candidate absent twice without a
  valid reason (the art. 5 measures are offered), 5 and 6 lessons missed;
- late arrivals at the CE (within and after half an hour) and at a written SE test;
- an LO assessment dated after 1 May (OZHW art. 28 lid 12) and a PWS of 3 (OZHW art. 30 lid 3).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import demo_catalog as cat
from .store import Transaction

YEAR = cat.EXAM_YEAR
PUBLISHED = datetime(YEAR, 6, 11, 9, 0)     # the results of tijdvak 1 made known

# (leerlingnummer, leerjaar, schooltype, klas, voornaam, naam, grades, lo, pta compleet, why)
_CORE_HAVO = ("netl", "entl", "wisA", "ges", "ak", "econ", "biol")
_CORE_VWO = ("netl", "entl", "fatl", "wisB", "nat", "schk", "biol")


def _g(subjects: tuple[str, ...], *values: str | None) -> dict[str, str | None]:
    return dict(zip(subjects, values, strict=True))


PUPILS: tuple[tuple[str, int, str, str, dict[str, str | None], str | None, bool | None, str], ...] = (
    ("H4-01", 4, "havo", "H4a", _g(_CORE_HAVO, "6.8", "7.1", "6.5", "7.4", "6.9", "7.0", "6.6"),
     "voldoende", True, "bevorderd"),
    ("H4-02", 4, "havo", "H4a", _g(_CORE_HAVO, "6.2", "5.2", "6.0", "6.4", "5.5", "6.8", "6.1"),
     "voldoende", True, "bevorderd met één 5 (5,5 wordt 6)"),
    ("H4-03", 4, "havo", "H4a", _g(_CORE_HAVO, "7.0", "6.6", "7.2", "4.4", "7.5", "6.8", "6.9"),
     "goed", True, "bevorderd met een 4: gemiddelde minimaal 6,0"),
    ("H4-04", 4, "havo", "H4a", _g(_CORE_HAVO, "6.0", "6.0", "6.0", "4.2", "6.0", "5.9", "6.0"),
     "voldoende", True, "bespreken: een 4 en een gemiddelde onder 6,0"),
    ("H4-05", 4, "havo", "H4b", _g(_CORE_HAVO, "7.8", "6.9", "7.4", "5.0", "7.1", "5.3", "7.0"),
     "voldoende", True, "bevorderd met twee vijven: gemiddelde minimaal 6,0"),
    ("H4-06", 4, "havo", "H4b", _g(_CORE_HAVO, "5.1", "5.3", "7.5", "8.0", "8.2", "7.9", "8.4"),
     "voldoende", True, "bespreken: twee kernvakken onvoldoende"),
    ("H4-07", 4, "havo", "H4b", _g(_CORE_HAVO, "6.5", "6.2", "6.9", "3.3", "8.9", "9.1", "8.8"),
     "voldoende", True, "bespreken: een jaarcijfer lager dan 4 (lezing van 4.10.2.a)"),
    ("H4-08", 4, "havo", "H4b", _g(_CORE_HAVO, "6.6", "6.7", "6.8", "6.9", "7.0", "7.1", "7.2"),
     "onvoldoende", True, "bespreken: LO onvoldoende"),
    ("H4-09", 4, "havo", "H4b", _g(_CORE_HAVO, "6.9", "7.3", "6.4", "6.2", "7.7", "6.8", "6.5"),
     "voldoende", False, "niet bevorderbaar: handelingsdelen niet afgerond"),
    ("H4-10", 4, "havo", "H4b", _g(_CORE_HAVO, "5.0", "5.2", "5.1", "6.0", "6.3", "5.4", "6.4"),
     "voldoende", True, "bespreken: te veel onvoldoendes"),
    ("V4-01", 4, "vwo", "V4a", _g(_CORE_VWO, "7.2", "7.5", "6.8", "7.0", "7.4", "6.9", "7.1"),
     "goed", True, "bevorderd"),
    ("V4-02", 4, "vwo", "V4a", _g(_CORE_VWO, "6.1", "5.4", "4.9", "6.5", "6.3", "6.0", "6.2"),
     "voldoende", True, "bespreken: twee vijven, gemiddelde onder 6,0"),
    ("V4-03", 4, "vwo", "V4a", _g(_CORE_VWO, "6.6", "6.4", "6.8", "5.6", "6.2", None, "6.7"),
     "voldoende", True, "nog niet te bepalen: jaarcijfer scheikunde ontbreekt"),
    ("V5-01", 5, "vwo", "V5a", _g(_CORE_VWO, "8.0", "7.6", "7.9", "8.3", "7.7", "8.1", "7.4"),
     "goed", True, "bevorderd"),
    ("V5-02", 5, "vwo", "V5a", _g(_CORE_VWO, "6.4", "6.0", "6.2", "4.5", "6.3", "6.1", "6.6"),
     "voldoende", True, "bevorderd: 4,5 wordt een 5"),
    ("V5-03", 5, "vwo", "V5a", _g(_CORE_VWO, "5.7", "6.1", "6.0", "4.3", "5.8", "6.2", "5.9"),
     "voldoende", True, "bespreken: een 4 en gemiddelde onder 6,0"),
)


def _pupil_rows() -> list[dict[str, Any]]:
    rows = []
    for i, (number, leerjaar, stype, klas, grades, lo, complete, _why) in enumerate(PUPILS):
        first, _gender = cat.FIRST_NAMES[(7 * i + 3) % len(cat.FIRST_NAMES)]
        prefix, last = cat.LAST_NAMES[(5 * i + 1) % len(cat.LAST_NAMES)]
        facts = {"school_year": YEAR, "student_number": number, "last_name": last,
                 "name_prefix": prefix or None, "first_name": first, "school_type": stype,
                 "track": None, "leerjaar": leerjaar, "class_name": klas,
                 "pta_complete": complete}
        for subject, grade in grades.items():
            rows.append({**facts, "subject": subject,
                         "grade": Decimal(grade) if grade is not None else None,
                         "assessment": None})
        rows.append({**facts, "subject": "lo", "grade": None, "assessment": lo})
    return rows


def _havo_numbers(tx: Transaction) -> list[str]:
    return [r[0] for r in tx.fetchall(
        "SELECT exam_number FROM candidates WHERE exam_year = ? AND school_type = 'havo'"
        " ORDER BY exam_number", [YEAR])]


def add(tx: Transaction) -> dict[str, int]:
    """Add the pack cases to the demo in `tx`; returns rows added per table."""
    added: dict[str, int] = {}
    pupils = _pupil_rows()
    columns = list(pupils[0])
    values = ", ".join(f"({', '.join('?' for _ in columns)})" for _ in pupils)
    # one plain insert: the demo's one audit row covers all of it
    tx.execute(f"INSERT INTO year_grades ({', '.join(columns)}) VALUES {values}",
               [row[c] for row in pupils for c in columns])
    added["year_grades"] = len(pupils)

    havo = _havo_numbers(tx)
    if len(havo) < 12:
        return added   # a demo too small for the cases: the pupils are still there
    a, b, c, d, e, f = havo[1], havo[2], havo[3], havo[5], havo[6], havo[8]
    forfeits = [
        (a, 2, "absent_zonder_geldige_reden", None, "SE-toets periode 2 gemist, niet gemeld"),
        (a, 3, "absent_zonder_geldige_reden", None, "opnieuw afwezig zonder geldige reden"),
        (b, 2, "lessen_verzuimd", 6, "6 lessen onrechtmatig verzuimd in periode 2"),
        (c, 2, "lessen_verzuimd", 5, "5 lessen verzuimd: niet meer dan 5"),
        (d, 1, "te_laat_ingeleverd", None, "praktische opdracht na de deadline"),
        (e, 3, "aanvraag_te_laat", None, "herkansing niet op tijd aangevraagd"),
        (f, 2, "afwezig_bij_herkansing", None, "ziek op het herkansingsmoment"),
    ]
    for i, (number, period, reason, lessons, note) in enumerate(forfeits, start=1):
        tx.execute("INSERT INTO resit_forfeits (id, exam_year, exam_number, leerjaar, period,"
                   " reason, lessons, noted_on, note) VALUES (?, ?, ?, 5, ?, ?, ?, ?, ?)",
                   [i, YEAR, number, period, reason, lessons, date(YEAR, 1 + 3 * period, 5), note])
    _skip_sequence(tx, "resit_forfeit_id", len(forfeits))
    added["resit_forfeits"] = len(forfeits)

    # CE resit requests: every tijdvak-2 resit in the demo was asked for the next morning; one
    # more asked the day after at 12:30 (too late at OZHW, art. 41 lid 4). Set-based: a demo of
    # a hundred thousand candidates has tens of thousands of resits.
    tx.execute(
        "INSERT INTO resit_requests (id, exam_year, exam_number, kind, subject, period,"
        " requested_on, requested_at, status, leerjaar)"
        " SELECT row_number() OVER (ORDER BY s2.exam_number, s2.subject), s2.exam_year,"
        " s2.exam_number, 'ce', s2.subject, 2, ?, ?, 'toegekend', " + _LEERJAAR +
        " FROM ce_scores s2 JOIN ce_scores s1 ON s1.exam_year = s2.exam_year"
        " AND s1.exam_number = s2.exam_number AND s1.subject = s2.subject AND s1.period = 1"
        " AND s1.score IS NOT NULL JOIN candidates c ON c.exam_year = s2.exam_year"
        " AND c.exam_number = s2.exam_number WHERE s2.exam_year = ? AND s2.period = 2",
        [date(YEAR, 6, 12), datetime(YEAR, 6, 12, 10, 15), YEAR])
    requests = _count(tx, "resit_requests")
    if "5023" in havo:   # the candidate of the issue: a second CE resit asked a day late
        at = datetime(YEAR, 6, 12, 12, 30)
        tx.execute("INSERT INTO resit_requests (id, exam_year, exam_number, kind, subject,"
                   " period, requested_on, requested_at, status, leerjaar) VALUES"
                   " (?, ?, '5023', 'ce', 'ges', 2, ?, ?, 'aangevraagd', 5)",
                   [requests + 1, YEAR, at.date(), at])
        requests += 1
    # SE resits: the demo's herkansing results of havo were granted requests in the exam year
    tx.execute(
        "INSERT INTO resit_requests (id, exam_year, exam_number, kind, subject, test_code,"
        " period, status, leerjaar)"
        " SELECT ? + row_number() OVER (ORDER BY r.exam_number, r.subject, r.test_code),"
        " r.exam_year, r.exam_number, 'se', r.subject, r.test_code, p.period, 'toegekend', 5"
        " FROM se_results r JOIN candidates c USING (exam_year, exam_number)"
        " JOIN pta_items p ON p.cohort = c.cohort AND p.school_type = c.school_type"
        " AND p.subject = r.subject AND p.test_code = r.test_code"
        " WHERE r.exam_year = ? AND r.attempt = 'herkansing' AND c.school_type = 'havo'",
        [requests, YEAR])
    requests = _count(tx, "resit_requests")
    _skip_sequence(tx, "resit_request_id", requests)
    added["resit_requests"] = requests

    # late arrivals: CE (within and after the half hour) and a written SE test
    late = [(havo[0], "te_laat", datetime(YEAR, 5, 15, 13, 50), 20, "netl", True),
            (havo[4], "te_laat", datetime(YEAR, 5, 20, 9, 35), 35, "entl", False),
            (havo[7], "te_laat", datetime(YEAR, 1, 20, 8, 40), 10, "ges", None),
            (havo[9], "afwezig", datetime(YEAR, 3, 10, 8, 30), None, "ak", False)]
    for i, (number, kind, at, minutes, subject, valid) in enumerate(late, start=1):
        tx.execute("INSERT INTO incidents (id, exam_year, exam_number, kind, occurred_at,"
                   " minutes_late, subject, valid_reason, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [i, YEAR, number, kind, at, minutes, subject, valid, f"demo: {kind}"])
    _skip_sequence(tx, "incident_id", len(late))
    added["incidents"] = len(late)

    # OZHW art. 30 lid 3: a PWS below 3,5 (3) blocks passing, next to the law's "no part of
    # the combination below 4" (Uvb art. 3.34 lid 1 onder d)
    pws = "WHERE exam_year = ? AND exam_number = ? AND subject = 'pws' AND grade IS NOT NULL"
    tx.execute(f"UPDATE se_results SET grade = 3.0 {pws}", [YEAR, havo[11]])
    tx.audit_snapshot("se_results", "vastgelegd", pws, [YEAR, havo[11]])   # audit verify
    # OZHW art. 28 lid 12: LO judged voldoende only after 1 May of the exam year
    lo = "WHERE exam_year = ? AND exam_number = ? AND subject = 'lo' AND test_code LIKE 'LO5-EIND%'"
    tx.execute(f"UPDATE se_results SET taken_on = ? {lo}",
               [date(YEAR, 5, 6), YEAR, havo[10]])   # after 1 May, before the SE closes
    tx.audit_snapshot("se_results", "vastgelegd", lo, [YEAR, havo[10]])
    return added


# The exam year of the candidate's school type (a CE resit is asked in the exam year).
_LEERJAAR = "CASE c.school_type WHEN 'vwo' THEN 6 WHEN 'havo' THEN 5 ELSE 4 END"


def _count(tx: Transaction, table: str) -> int:
    return int(tx.fetchall(f"SELECT count(*) FROM {table}")[0][0])


def _skip_sequence(tx: Transaction, sequence: str, last: int) -> None:
    """The demo's rows carry ids 1..last (the same in a rebuilt demo as in a fresh one); the
    sequence must hand out ids after them to rows added later (one statement: `last` calls)."""
    if last:
        tx.execute(f"SELECT max(nextval('{sequence}')) FROM range(?)", [last])
