"""Shared fixtures. Append new fixtures at the end; do not rewrite others' fixtures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis' per-example deadline (200 ms) measures the machine, not the code: on a loaded
# 2-core CI runner a 75 ms example took 299 ms and failed the suite. Correctness is what these
# properties check; speed has its own benchmarks (benchmarks/, docs/performance.md).
settings.register_profile("examenbureau", deadline=None)
settings.load_profile("examenbureau")

# -- a small real school (TUI tests and anyone who needs a few candidates of each kind) ------------
SMALL_SCHOOL_CANDIDATES = [
    # exam_number, last_name, name_prefix, first_name, school_type, track, variant, profile, class
    ("1001", "Bakker", None, "Chloë", "vwo", None, "atheneum", "NT", "6A"),
    ("1002", "Vries", "de", "Anne", "vwo", None, "atheneum", "EM", "6A"),
    ("1003", "Jansen", None, "Pieter", "vwo", None, "gymnasium", "CM", "6G"),
    ("2001", "Çelik", None, "Emre", "havo", None, None, "NG", "5H1"),
    ("2002", "Visser", "van", "Sanne", "havo", None, None, "EM", "5H1"),
    ("2003", "Smit", None, "Daan", "havo", None, None, "CM", "5H2"),
    ("3001", "Mulder", None, "Lotte", "vmbo", "tl", None, "economie", "4T"),
    ("3002", "Bos", None, "Noah", "vmbo", "tl", None, "zorg en welzijn", "4T"),
    ("3003", "Dijk", "van", "Julia", "vmbo", "gl", None, "techniek", "4G"),
    ("3004", "Meijer", None, "Sem", "vmbo", "kb", None, "BWI", "4K"),
    ("3005", "Boer", "de", "Fleur", "vmbo", "bb", None, "Z&W", "4B"),
]


def build_small_school(path: Path, exam_year: int = 2025) -> Path:
    """A real database with 11 candidates over every school type, subjects, SE and CE rows.

    Written through Store.transaction like any import, so the audit log is real too. One
    candidate of the previous exam year is added to show that screens pick the latest year.
    """
    from examenbureau.core.store import Store

    store = Store(path)
    candidates = [
        {"exam_year": exam_year, "exam_number": n, "last_name": last, "name_prefix": prefix,
         "first_name": first, "school_type": st, "track": track, "variant": variant,
         "profile": profile, "class_name": klass, "cohort": str(exam_year - 2)}
        for n, last, prefix, first, st, track, variant, profile, klass in SMALL_SCHOOL_CANDIDATES
    ]
    candidates.append({"exam_year": exam_year - 1, "exam_number": "0999", "last_name": "Oud",
                       "name_prefix": None, "first_name": "Kees", "school_type": "havo",
                       "track": None, "variant": None, "profile": "EM", "class_name": "5H9",
                       "cohort": str(exam_year - 3)})
    subjects = []
    for n, *_rest in SMALL_SCHOOL_CANDIDATES:
        for subject, code, name, part, has_ce in (
            ("ne", "0011", "Nederlandse taal", "gemeenschappelijk", True),
            ("en", "0012", "Engelse taal", "gemeenschappelijk", True),
            ("wi", "0031", "wiskunde", "profiel", True),
        ):
            subjects.append({"exam_year": exam_year, "exam_number": n, "subject": subject,
                             "subject_code": code, "name": name, "exam_part": part,
                             "has_ce": has_ce})
    pta = [{"cohort": str(exam_year - 2), "school_type": "vwo", "subject": "ne",
            "test_code": "NE-T1", "description": "Leesvaardigheid", "weight": Decimal("2"),
            "result_type": "cijfer"}]
    se = [
        {"exam_year": exam_year, "exam_number": "1001", "subject": "ne", "test_code": "NE-T1",
         "attempt": "afname", "seq": 1, "grade": Decimal("5.4")},
        {"exam_year": exam_year, "exam_number": "1001", "subject": "ne", "test_code": "NE-T1",
         "attempt": "herkansing", "seq": 1, "grade": Decimal("7.2")},
    ]
    ce = [{"exam_year": exam_year, "period": 1, "exam_number": "1001", "subject": "ne",
           "subject_code": "0011", "nex_id": "V-ne-1", "score": 48}]
    ce_exams = [{"exam_year": exam_year, "nex_id": "V-ne-1", "school_type": "vwo",
                 "subject": "ne", "period": 1, "scale_length": 66, "n_term": Decimal("1.1")}]
    with store.transaction(reason="testschool", source="tests/conftest.py") as tx:
        tx.upsert_many("candidates", ["exam_year", "exam_number"], candidates)
        tx.upsert_many("candidate_subjects", ["exam_year", "exam_number", "subject"], subjects)
        tx.upsert_many("pta_items", ["cohort", "school_type", "subject", "test_code"], pta)
        tx.upsert_many("se_results", ["exam_year", "exam_number", "subject", "test_code",
                                      "attempt", "seq"], se)
        tx.upsert_many("ce_exams", ["exam_year", "nex_id"], ce_exams)
        tx.upsert_many("ce_scores", ["exam_year", "period", "exam_number", "subject"], ce)
        tx.upsert_many("settings", ["key"], [{"key": "school.naam",
                                              "value": "Testcollege De Proef"}])
    return path


@pytest.fixture
def small_school_db(tmp_path: Path) -> Path:
    """Path of a fresh small-school database (see build_small_school)."""
    return build_small_school(tmp_path / "school.duckdb")


# -- results: a handful of complete and incomplete candidates (tests/core/test_results.py) -------
RESULTS_YEAR = 2025
RESULTS_COHORT = "2023-2025"
HAVO_EM = ("netl", "entl", "maat", "ckv", "lo", "pws", "wisA", "econ", "ges", "beco", "ak")
HAVO_CE = ("netl", "entl", "wisA", "econ", "ges", "beco", "ak")
VMBO_KB_ZW = ("ne", "en", "ma", "lo", "kv1", "bi", "gs", "zw", "mgez", "momg", "mact", "mzrg")
VMBO_KB_CE = ("ne", "en", "bi", "gs", "zw")
RESULTS_CANDIDATES = [
    # exam_number, last_name, name_prefix, first_name, school_type, track, profile, class
    ("5001", "Voorbeeld", "van", "Chloë", "havo", None, "EM", "H5a"),   # passes
    ("5002", "Proef", "de", "Bram", "havo", None, "EM", "H5a"),         # fails: netl 4 (kernvak)
    ("5003", "Noorman", None, "Anna", "havo", None, "E&M", "H5b"),      # no N-term for a tv2 exam
    ("5004", "Gat", None, "Daan", "havo", None, "EM", "H5b"),           # SE missing, CE afwezig
    ("5005", "Later", None, "Eva", "havo", None, "EM", "H5b"),          # afwezig tv1; direct tv3
    ("5006", "Dossier", None, "Finn", "havo", None, "EM", "H5b"),       # handelingsdeel not done
    ("5007", "Extra", None, "Hanna", "havo", None, "EM", "H5b"),        # passes without fatl
    ("4001", "Kader", None, "Gijs", "vmbo", "KB", "zw", "4K"),          # vmbo kb, keuzevakken
]


def _ce_score(grade: str) -> int:
    """Score giving `grade` on the results school's exams (L = 90, N = 1,0: C = S/10 + 1)."""
    return int((Decimal(grade) - 1) * 10)


def build_results_school(path: Path) -> Path:
    """A real database for the results computation: PTA weights, resits, handelingsdelen, CE
    exams with and without N-term, afwezig and a direct (tijdvak 3) grade. Every CE exam has
    L = 90 and N = 1,0 except `32007` (havo ak tijdvak 2), whose N-term is not published yet."""
    from examenbureau.core.store import Store

    store = Store(path)
    y = RESULTS_YEAR
    candidates, subjects, pta, se, ce, exams = [], [], [], [], [], []
    for n, last, prefix, first, st, track, profile, klass in RESULTS_CANDIDATES:
        candidates.append({"exam_year": y, "exam_number": n, "last_name": last,
                           "name_prefix": prefix, "first_name": first, "school_type": st,
                           "track": track, "profile": profile, "class_name": klass,
                           "cohort": RESULTS_COHORT})
        package, with_ce = (VMBO_KB_ZW, VMBO_KB_CE) if st == "vmbo" else (HAVO_EM, HAVO_CE)
        if n == "5007":
            package, with_ce = (*HAVO_EM, "fatl"), (*HAVO_CE, "fatl")
        for code in package:
            subjects.append({"exam_year": y, "exam_number": n, "subject": code,
                             "has_ce": code in with_ce})

    def item(school_type: str, subject: str, test: str, weight: str, kind: str = "schriftelijk",
             result_type: str = "cijfer", description: str = "") -> None:
        pta.append({"cohort": RESULTS_COHORT, "school_type": school_type, "subject": subject,
                    "test_code": test, "description": description or test, "kind": kind,
                    "weight": Decimal(weight), "result_type": result_type})

    for code in HAVO_EM:
        if code == "lo":
            item("havo", "lo", "LO-1", "0", "handelingsdeel", "vog", "Bewegen")
        elif code == "netl":
            item("havo", "netl", "NE-T1", "1", description="Leesvaardigheid")
            item("havo", "netl", "NE-T2", "2", description="Betoog")
            item("havo", "netl", "NE-LD", "0", "handelingsdeel", "voldaan", "Leesdossier")
        else:
            item("havo", code, f"{code}-T1", "1")
    for code in VMBO_KB_ZW:
        if code in ("lo", "kv1"):
            item("vmbo", code, f"{code}-1", "0", "handelingsdeel", "vog")
        else:
            item("vmbo", code, f"{code}-T1", "1")

    def result(n: str, subject: str, test: str, value: str | None, attempt: str = "afname",
               status: str | None = None) -> None:
        row: dict[str, object] = {"exam_year": y, "exam_number": n, "subject": subject,
                                  "test_code": test, "attempt": attempt, "seq": 1,
                                  "grade": None, "assessment": None, "status": status}
        if value is not None and value[0].isdigit():
            row["grade"] = Decimal(value)
        else:
            row["assessment"] = value
        se.append(row)

    def havo_se(n: str, grades: dict[str, str], skip: tuple[str, ...] = ()) -> None:
        for code in HAVO_EM:
            if code in ("netl", "lo") or f"{code}-T1" in skip:
                continue
            result(n, code, f"{code}-T1", grades.get(code, "7.0"))
        result(n, "lo", "LO-1", "voldoende")
        if "NE-LD" not in skip:
            result(n, "netl", "NE-LD", "voldaan")

    # 5001: NE-T1 5,0 then resit 7,0 (highest counts); NE-T2 6,0 weight 2 -> SE 19/3 = 6,3;
    # wisA 7,5 then a lower resit 6,5: the highest (the first attempt) still counts.
    havo_se("5001", {"wisA": "7.5"})
    result("5001", "netl", "NE-T1", "5.0")
    result("5001", "netl", "NE-T1", "7.0", "herkansing")
    result("5001", "netl", "NE-T2", "6.0")
    result("5001", "wisA", "wisA-T1", "6.5", "herkansing")
    # 5002: Dutch SE 4,0 and CE 4,0 -> final 4 in a kernvak
    havo_se("5002", {})
    result("5002", "netl", "NE-T1", "4.0")
    result("5002", "netl", "NE-T2", "4.0")
    item("havo", "fatl", "fatl-T1", "1")
    result("5007", "fatl", "fatl-T1", "3.0")
    for n in ("5003", "5004", "5005", "5006", "5007"):
        havo_se(n, {}, skip=("econ-T1",) if n == "5004" else ("NE-LD",) if n == "5006" else ())
        result(n, "netl", "NE-T1", "7.0")
        result(n, "netl", "NE-T2", "7.0")
    result("5004", "econ", "econ-T1", None, status="niet_gemaakt")
    # 4001 vmbo kb: SE 7,0 everywhere, maatschappijleer 6,8 (SE only -> 7)
    for code in VMBO_KB_ZW:
        if code in ("lo", "kv1"):
            result("4001", code, f"{code}-1", "goed" if code == "lo" else "voldoende")
        else:
            result("4001", code, f"{code}-T1", "6.8" if code == "ma" else "7.0")

    nex = {}
    for i, code in enumerate((*HAVO_CE, "fatl"), 1):
        nex[("havo", code, 1)] = f"310{i:02d}"
    nex[("havo", "netl", 2)] = "32001"
    nex[("havo", "ak", 2)] = "32007"
    for i, code in enumerate(VMBO_KB_CE, 1):
        nex[("vmbo", code, 1)] = f"410{i:02d}"
    for (st, code, period), nex_id in nex.items():
        unpublished = nex_id == "32007"
        exams.append({"exam_year": y, "nex_id": nex_id, "school_type": st,
                      "track": "kb" if st == "vmbo" else None, "subject": code, "period": period,
                      "description": f"{st.upper()} {code} CSE {y} tijdvak {period}",
                      "scale_length": 90, "n_term": None if unpublished else Decimal("1.0")})

    def score(n: str, code: str, grade: str | None, period: int = 1, status: str | None = None,
              direct: str | None = None, st: str = "havo") -> None:
        ce.append({"exam_year": y, "period": period, "exam_number": n, "subject": code,
                   "nex_id": None if direct else nex[(st, code, period)],
                   "score": _ce_score(grade) if grade else None, "status": status,
                   "direct_grade": Decimal(direct) if direct else None})

    score("5007", "fatl", "3.0")
    for n in ("5001", "5002", "5003", "5004", "5005", "5006", "5007"):
        for code in HAVO_CE:
            if n == "5001" and code == "netl":
                score(n, code, "6.0")
            elif n == "5002" and code == "netl":
                score(n, code, "4.0")
            elif n == "5004" and code == "ges":
                score(n, code, None, status="afwezig")
            elif n == "5005" and code == "netl":
                score(n, code, None, status="afwezig")
                score(n, code, "7.0", period=2)
            elif n == "5005" and code == "econ":
                score(n, code, "5.0")
                score(n, code, None, period=3, direct="6.4")
            else:
                score(n, code, "6.5")
    score("5003", "ak", "7.0", period=2)
    for code in VMBO_KB_CE:
        score("4001", code, "6.5", st="vmbo")

    with store.transaction(reason="testschool uitslag", source="tests/conftest.py") as tx:
        tx.upsert_many("candidates", ["exam_year", "exam_number"], candidates)
        tx.upsert_many("candidate_subjects", ["exam_year", "exam_number", "subject"], subjects)
        tx.upsert_many("pta_items", ["cohort", "school_type", "subject", "test_code"], pta)
        tx.upsert_many("se_results", ["exam_year", "exam_number", "subject", "test_code",
                                      "attempt", "seq"], se)
        tx.upsert_many("ce_exams", ["exam_year", "nex_id"], exams)
        tx.upsert_many("ce_scores", ["exam_year", "period", "exam_number", "subject"], ce)
    return path


@pytest.fixture
def results_school_db(tmp_path: Path) -> Path:
    """Path of a fresh database with the results school (see build_results_school)."""
    return build_results_school(tmp_path / "uitslag.duckdb")


@pytest.fixture(scope="module")
def results_school_db_shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One results-school database per test module, for tests that only read it."""
    return build_results_school(tmp_path_factory.mktemp("uitslag") / "uitslag.duckdb")


# -- the demo school (seed 2025, 150 candidates, the rule packs' cases of issue 8), built ONCE
# per session (per xdist worker) for every fixture that hands it out: demo_db, demo_template,
# tests/tui's demo_db_template and tests/core/test_demo.py's demo150 were four builds of the
# same school. Never write to it: copy it first (demo_copy, tests/tui's demo_db do).
@pytest.fixture(scope="session")
def demo_school_150(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from examenbureau.core.demo import build_demo
    from examenbureau.core.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(Store(path), seed=2025, candidates=150)
    return path


@pytest.fixture(scope="session")
def demo_db(demo_school_150: Path) -> Path:
    """The default demo school; never written to: copy it."""
    return demo_school_150


@pytest.fixture(scope="session")
def demo_template(demo_school_150: Path) -> Path:
    """The default demo school (seed 2025, 150 candidates); never written to: copy it."""
    return demo_school_150


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path):
    """A private copy of the demo school, so a test's writes never reach another test."""
    from examenbureau.core.store import Store

    path = tmp_path / "demo.duckdb"
    path.write_bytes(demo_template.read_bytes())
    return Store(path, actor="test")


# -- a 2,000-candidate demo (issue 10: the set-based results equal the engine), once per session -
@pytest.fixture(scope="session")
def demo_2000(tmp_path_factory) -> Path:
    """Never written to: copy it before a write."""
    from examenbureau.core.demo import build_demo
    from examenbureau.core.store import Store

    path = tmp_path_factory.mktemp("demo-2000") / "demo.duckdb"
    build_demo(Store(path, actor="test"), candidates=2000)
    return path
