"""The fictional demo school: a complete, deterministic exam file to try every screen on.

`build_demo(store, seed=2025, candidates=150)` fills an empty database (or rebuilds a database
that is itself a demo) with "Fictief Voorbeeldcollege": candidates over vwo (atheneum and
gymnasium), havo and vmbo tl/gl/kb/bb, each with a complete subject package, the PTA, SE
results with resits and make-ups, a DNT with N-terms for most but not all exams, CE scores
and per-question scores of two correctors.

Why it is SQL: the same generator must reach 100,000 candidates (about 25 million rows) for
benchmarks, so nothing is produced row by row in Python. The small catalogue in
`demo_catalog.py` (packages, PTA, exams, names) is loaded into temporary tables and DuckDB
multiplies it out with `range()`. Pseudo-randomness is the SQL macro `rnd(a, b, c)`: a
MurmurHash3 finaliser written in plain integer arithmetic (equal to `demo_catalog.mix`), not
DuckDB's `hash()`, whose values may change between DuckDB versions. Same seed, same school, on
any version.

Grades are made as integer tenths and turned into DECIMAL(3,1) by multiplying with 0.1; SQL
never divides a grade (docs/design.md, "Numbers").
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from . import demo_catalog as cat
from . import demo_exams, demo_marker, demo_packs
from .closing import withdraw_all
from .demo_rows import EXTRA_PERCENT, candidate_rows
from .store import Store, StoreError, Transaction
from .store.tables import KEYS

__all__ = ["DemoRefusedError", "DemoSummary", "build_demo", "content_fingerprint"]

Progress = Callable[[int, int], None]

MAX_CANDIDATES = 1_000_000
# Candidates per committed block: it bounds memory and drives progress. Why 1,000: since every
# demo row carries its own audit row, an uncommitted block holds ~260 audit rows per candidate
# in memory; blocks of 5,000 peaked at 1.16 GB, blocks of 1,000 stay flat at ~590 MB over
# 8,000 candidates (2,000: 633 MB at 5,000 per block, 533 at 1,000, 455 at 500), for ~0.1 s of
# processor time per extra block.
CHUNK = 1_000

# Tables that describe the database itself or its history, not the school's exam file.
_NOT_CONTENT = ("meta", "audit_log")
# Settings that belong to the file, not to the school in it: who may use it and how its files
# are shared. A rebuilt demo keeps them.
_KEEP_SETTINGS = "key NOT LIKE 'rollen.%' AND key <> 'bestanden.groep'"
# The build's own progress mark (demo_marker) is not a fact of the school: it is gone when the
# build is complete, and an incomplete demo says so itself. It gets no audit row.
_AUDITED_SETTINGS = f"{_KEEP_SETTINGS} AND key <> '{demo_marker.INCOMPLETE_KEY}'"
# The tables whose rows belong to one candidate: written and audited block by block.
_PER_CANDIDATE = ("candidates", "candidate_subjects", "se_results", "ce_scores", "ce_item_scores",
                  "pws_titles")
_TEMP_TABLES = ("d_track", "d_profile", "d_pkg", "d_first", "d_last", "d_init", "d_fac",
                "d_pta", "d_exam", "d_q", "d_cand", "d_cs", "d_se", "d_gap", "d_ce",
                "d_ce_pick", "d_ce_rows")


class DemoRefusedError(StoreError):
    """The database holds a real school's data: the demo never overwrites that."""


@attrs.frozen
class DemoSummary:
    """What `build_demo` made, for the command line and the tests."""

    seed: int
    candidates: int
    per_track: tuple[tuple[str, int], ...]      # (Dutch label, number of candidates)
    rows: tuple[tuple[str, int], ...]           # (table, rows) after the build
    exams: int
    exams_without_nterm: int
    seconds: float
    rebuilt: bool

    def row_count(self, table: str) -> int:
        return dict(self.rows).get(table, 0)

    def lines(self) -> list[str]:
        """The Dutch summary the CLI prints."""
        again = " (opnieuw opgebouwd)" if self.rebuilt else ""
        out = [f"Demoschool {cat.SCHOOL_NAME} ({cat.BRIN}), examenjaar {cat.EXAM_YEAR}, "
               f"seed {self.seed}{again}:"]
        width = max(len(label) for label, _ in self.per_track)
        for label, n in self.per_track:
            out.append(f"  {label:<{width}}  {_n(n):>9} kandidaten")
        out.append(f"  {'totaal':<{width}}  {_n(self.candidates):>9} kandidaten")
        count = self.row_count
        out.append(
            f"Vakken {_n(count('candidate_subjects'))}, PTA-toetsen {_n(count('pta_items'))}, "
            f"SE-resultaten {_n(count('se_results'))}, CE-scores {_n(count('ce_scores'))}, "
            f"scores per vraag {_n(count('ce_item_scores'))}."
        )
        out.append(f"Centrale examens {self.exams}, waarvan {self.exams_without_nterm} nog zonder "
                   "N-term (die CE-cijfers ontbreken bewust).")
        out.append(f"Voor de regelpakketten: jaarcijfers {_n(count('year_grades'))} (leerjaren vóór "
                   f"het examen), herkansingsaanvragen {_n(count('resit_requests'))}, vervallen "
                   f"herkansingen {_n(count('resit_forfeits'))}, te laat of afwezig "
                   f"{_n(count('incidents'))}.")
        out.append(f"Klaar in {_duration(self.seconds)}.")
        return out


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s".replace(".", ",")
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"


# ------------------------------------------------------------------------------------------
# Public API
# ------------------------------------------------------------------------------------------
def build_demo(store: Store, *, seed: int = 2025, candidates: int = 150,
               progress: Progress | None = None, chunk: int = CHUNK,
               user_reason: str | None = None, keep_results: bool = True,
               results_progress: Progress | None = None) -> DemoSummary:
    """Fill `store` with the demo school; refuse a database with a real school in it.

    A demo database (setting demo=ja) is emptied and rebuilt, so `examenbureau demo` can be
    run again with another seed or size. Progress is reported as (candidates done, candidates)
    after every `chunk` candidates; the content does not depend on `chunk`.

    Why a transaction per block of `chunk` candidates and not one for all: DuckDB keeps an
    uncommitted transaction's rows in memory, so one transaction for 100,000 candidates (25
    million rows) peaked at 5 GB. Committed blocks keep the memory flat. The price is that a
    build cut off midway (Ctrl+C, a full disk, a killed process) leaves a partial school; so
    the first transaction writes the setting `demo_onvolledig` and only the last one removes
    it: `demo_marker.incomplete(store)` is the sentence the CLI and the TUI show.

    `keep_results`: the results of every candidate are computed and kept at the end
    (`results.kept`, per block of `chunk`, reported to `results_progress`), because a real
    school's file is in that state: every import keeps the results it changed. A demo without
    them made the first `uitslag` or TUI after it compute the whole year (28 s at 20,000).
    """
    if not isinstance(candidates, int) or not len(cat.TRACKS) <= candidates <= MAX_CANDIDATES:
        raise ValueError(f"Het aantal kandidaten moet tussen {len(cat.TRACKS)} en "
                         f"{_n(MAX_CANDIDATES)} liggen (minstens één per schoolsoort, leerweg "
                         "en vwo-variant).")
    if not isinstance(seed, int) or not 0 <= seed <= cat.MASK32:
        raise ValueError(f"De seed moet een geheel getal tussen 0 en {cat.MASK32} zijn.")
    started = time.perf_counter()
    counts = cat.track_counts(candidates)
    report = progress or (lambda done, total: None)
    step = max(1, chunk)

    def block(tx: Transaction) -> list[demo_exams.CeExam]:
        """The catalogue as temp tables: they live as long as this transaction's connection."""
        tx.execute("SET enable_progress_bar = false")
        _macros(tx, seed)
        return _reference_tables(tx, seed, counts)

    def write() -> Any:
        return store.transaction(reason="demo aangemaakt", source="examenbureau demo",
                                 user_reason=user_reason)

    with write() as tx:
        rebuilt = _clear_or_refuse(tx)
        _settings(tx)
        demo_marker.mark(tx, 0, candidates)
        exams = block(tx)
        _global_rows(tx)
        for table in KEYS:  # one audit row per row written, as an import leaves (audit verify)
            tx.audit_snapshot(table, "insert",
                              f"WHERE {_AUDITED_SETTINGS}" if table == "settings" else "")
        _drop_temp_tables(tx)
    report(0, candidates)
    for lo in range(0, candidates, step):
        hi = min(candidates, lo + step)
        with write() as tx:
            block(tx)
            candidate_rows(tx, lo, hi, candidates)
            for table in _PER_CANDIDATE:   # this block's rows, each with its audit row
                tx.audit_snapshot(table, "insert", f"WHERE exam_year = {cat.EXAM_YEAR} AND "
                                  "exam_number IN (SELECT exam_number FROM d_cand)")
            demo_marker.mark(tx, hi, candidates)
            _drop_temp_tables(tx)
        report(hi, candidates)
    with write() as tx:
        demo_packs.add(tx)   # the rule packs' cases: year grades, resits, forfeits, late arrivals
        demo_marker.finish(tx)
        rows = tuple((t, tx.fetchall(f"SELECT count(*) FROM {t}")[0][0])
                     for t in _content_tables(tx))
        tx.audit("demo", new=f"seed={seed}; kandidaten={candidates}",
                 reason=f"demo aangemaakt (seed {seed}, {candidates} kandidaten)")
    if keep_results:
        _keep_results(store, step, results_progress)
    return DemoSummary(
        seed=seed, candidates=candidates,
        per_track=tuple((t.label, n) for t, n in zip(cat.TRACKS, counts, strict=True)),
        rows=rows, exams=len(exams),
        exams_without_nterm=sum(1 for e in exams if e.n_term_tenths is None),
        seconds=time.perf_counter() - started, rebuilt=rebuilt,
    )


def _keep_results(store: Store, batch: int, progress: Progress | None) -> None:
    """Compute and keep every candidate's result, `batch` at a time (flat memory)."""
    from .results.kept import current

    for _ in current(store, cat.EXAM_YEAR, progress=progress, batch=batch):
        pass


def content_fingerprint(store: Store) -> str:
    """SHA-256 over every table's rows in sorted order, except the audit log.

    The audit log (timestamps, actor), the database's creation time in `meta` and the kept
    results (derived, with the time they were computed) differ between two builds by nature;
    everything else must be byte-for-byte the same for the same seed.
    Reads every row through Python: meant for tests and checks, not for 100,000 candidates.
    """
    digest = hashlib.sha256()
    with store.read() as con:
        tables = [r[0] for r in con.execute(_TABLES_SQL).fetchall()]
        for table in tables:
            if table in ("audit_log", "kept_results"):   # kept results: derived, timed
                continue
            where = " WHERE key <> 'created_at'" if table == "meta" else ""
            digest.update(f"\x00{table}\x00".encode())
            cur = con.execute(f"SELECT * FROM {table}{where} ORDER BY ALL")
            while batch := cur.fetchmany(50_000):
                for row in batch:
                    digest.update(repr(row).encode("utf-8"))
                    digest.update(b"\n")
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------
# Steps
# ------------------------------------------------------------------------------------------
_TABLES_SQL = ("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
               " AND table_type = 'BASE TABLE' ORDER BY table_name")


def _content_tables(tx: Transaction) -> list[str]:
    return [r[0] for r in tx.fetchall(_TABLES_SQL) if r[0] not in _NOT_CONTENT]


def _clear_or_refuse(tx: Transaction) -> bool:
    """Empty a demo database; refuse one that holds anything that is not a demo."""
    tables = _content_tables(tx)
    demo = tx.fetchall("SELECT value FROM settings WHERE key = 'demo'")
    is_demo = bool(demo) and (demo[0][0] or "").strip().lower() == "ja"
    filled = [t for t in tables if t != "settings"
              and tx.fetchall(f"SELECT count(*) FROM (SELECT 1 FROM {t} LIMIT 1)")[0][0]]
    if filled and not is_demo:
        raise DemoRefusedError(
            "Deze database bevat al gegevens (" + ", ".join(filled) + ") en is geen "
            "demodatabase (instelling demo=ja ontbreekt). De demo overschrijft nooit echte "
            "schoolgegevens: kies met --db een nieuw bestand."
        )
    for table in tables:
        if table == "closings":  # the acts of the demo school that is thrown away
            withdraw_all(tx)
            continue
        where = f"WHERE {_KEEP_SETTINGS}" if table == "settings" else ""
        if table in KEYS:  # the removal is audited like any other (audit verify checks it)
            tx.audit_snapshot(table, "delete", where)
        tx.execute(f"DELETE FROM {table} {where}")
    return bool(filled) or is_demo


def _drop_temp_tables(tx: Transaction) -> None:
    for name in _TEMP_TABLES:
        tx.execute(f"DROP TABLE IF EXISTS {name}")


def _settings(tx: Transaction) -> None:
    for key, value in (("school_name", cat.SCHOOL_NAME), ("brin", cat.BRIN),
                       ("exam_year", str(cat.EXAM_YEAR)), ("demo", "ja")):
        tx.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])


def _macros(tx: Transaction, seed: int) -> None:
    """rnd(a, b, c): 32-bit pseudo-random BIGINT, equal to demo_catalog.mix(seed, a, b, c)."""
    m32 = "4294967296"
    tx.execute("CREATE OR REPLACE TEMP MACRO demo_fx(h) AS xor(h, h >> 16)")
    tx.execute(f"CREATE OR REPLACE TEMP MACRO demo_mul(h, k) AS (h * k) % {m32}")
    tx.execute(
        "CREATE OR REPLACE TEMP MACRO demo_fmix(x) AS demo_fx(demo_mul(xor("
        f"demo_mul(demo_fx(x::UBIGINT % {m32}), 2246822507::UBIGINT),"
        f" demo_mul(demo_fx(x::UBIGINT % {m32}), 2246822507::UBIGINT) >> 13),"
        " 3266489909::UBIGINT))"
    )
    tx.execute(
        "CREATE OR REPLACE TEMP MACRO rnd(a, b, c) AS demo_fmix("
        f"(a::UBIGINT * {cat.K_A}::UBIGINT) % {m32} + (b::UBIGINT * {cat.K_B}::UBIGINT) % {m32}"
        f" + (c::UBIGINT * {cat.K_C}::UBIGINT) % {m32} + {cat.seed_key(seed)}::UBIGINT)::BIGINT"
    )


def _load(tx: Transaction, name: str, columns: str, rows: Sequence[Sequence[Any]]) -> None:
    """A temporary table from Python rows in one statement (one list parameter per column).

    `columns` is "name TYPE, name TYPE, ..." in the order of the values in each row.
    """
    types = [c.split()[1] for c in columns.split(",")]
    tx.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns})")
    if rows:
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        tx.execute(f"INSERT INTO {name} SELECT {select}",
                   [[row[i] for row in rows] for i in range(len(types))])


def _reference_tables(tx: Transaction, seed: int, counts: list[int]) -> list[demo_exams.CeExam]:
    """Tracks, profiles, packages, names, PTA, DNT and question lists as temp tables."""
    width = max(3, len(str(max(counts))))
    track_rows, start = [], 0
    for tno, (t, n) in enumerate(zip(cat.TRACKS, counts, strict=True)):
        track_rows.append((tno, t.key, t.school_type, t.track, t.variant, start, n, t.exam_prefix,
                           t.class_prefix, t.class_style == "letter", t.cohort, t.born_from,
                           t.pta_type, width))
        start += n
    _load(tx, "d_track", "tno INTEGER, key VARCHAR, school_type VARCHAR, track VARCHAR, "
          "variant VARCHAR, start_idx BIGINT, n BIGINT, exam_prefix VARCHAR, class_prefix VARCHAR, "
          "class_letter BOOLEAN, cohort VARCHAR, born_from DATE, pta_type VARCHAR, width INTEGER",
          track_rows)

    codes = sorted({(row.code, t.csv_type) for t in cat.TRACKS for p in cat.PROFILES[t.key]
                    for v in p.variants for row in v})
    sid = {code: i + 1 for i, code in enumerate(sorted({c for c, _ in codes}))}
    profile_rows, package_rows = [], []
    # per exam group: the share of its candidates (by profile weight) taking each CE subject
    taken: dict[str, dict[str, Fraction]] = {}
    packages: dict[str, Fraction] = {}
    for tno, track in enumerate(cat.TRACKS):
        profiles = cat.PROFILES[track.key]
        total = sum(p.weight for p in profiles)
        lo = 0
        for pno, profile in enumerate(profiles):
            profile_rows.append((tno, pno, profile.key, profile.programme_code, lo,
                                 lo + profile.weight, total, len(profile.variants)))
            lo += profile.weight
            share = Fraction(track.share * profile.weight, total * len(profile.variants))
            for vno, variant in enumerate(profile.variants):
                groups = set()
                for order, row in enumerate(variant):
                    info = cat.subject(row.code, track.csv_type)
                    group = demo_exams.ce_group(track, row.code) if info.has_ce else None
                    if group:
                        groups.add(group)
                        by_code = taken.setdefault(group, {})
                        weight = share * EXTRA_PERCENT / 100 if row.part == "extra" else share
                        by_code[row.code] = by_code.get(row.code, Fraction(0)) + weight
                    package_rows.append((tno, pno, vno, order, row.code, sid[row.code],
                                         info.duo_code, info.name, row.part, info.has_ce, group))
                for group in groups:
                    packages[group] = packages.get(group, Fraction(0)) + share
    needed = {g: {c: n / packages[g] for c, n in by_code.items()} for g, by_code in taken.items()}
    _load(tx, "d_profile", "tno INTEGER, pno INTEGER, profile VARCHAR, programme_code VARCHAR, "
          "lo INTEGER, hi INTEGER, total INTEGER, n_variants INTEGER", profile_rows)
    _load(tx, "d_pkg", "tno INTEGER, pno INTEGER, vno INTEGER, ord INTEGER, subject VARCHAR, "
          "sid INTEGER, subject_code VARCHAR, name VARCHAR, exam_part VARCHAR, has_ce BOOLEAN, "
          "ce_group VARCHAR", package_rows)

    _load(tx, "d_first", "fno INTEGER, name VARCHAR, gender VARCHAR",
          [(i, name, g) for i, (name, g) in enumerate(cat.FIRST_NAMES)])
    _load(tx, "d_last", "lno INTEGER, prefix VARCHAR, surname VARCHAR",
          [(i, p or None, s) for i, (p, s) in enumerate(cat.LAST_NAMES)])
    _load(tx, "d_init", "ino INTEGER, initial VARCHAR", list(enumerate(cat.SECOND_INITIALS)))
    _load(tx, "d_fac", "kno INTEGER, facility VARCHAR", list(enumerate(cat.FACILITIES)))

    pta: dict[tuple[str, str, str], list[cat.PtaItem]] = {}
    for track in cat.TRACKS:   # vmbo leerwegen share one PTA per subject (pta_items.school_type)
        for code in sorted({c for c, t in codes if t == track.csv_type}):
            if (track.cohort, track.pta_type, code) not in pta:
                pta[(track.cohort, track.pta_type, code)] = cat.pta_for(track, code, seed)
    items = sorted((p for ps in pta.values() for p in ps),
                   key=lambda p: (p.cohort, p.school_type, p.subject, p.test_code))
    final_year = {(t.cohort, t.pta_type): t.final_year for t in cat.TRACKS}
    _load(tx, "d_pta", "cohort VARCHAR, school_type VARCHAR, subject VARCHAR, test_code VARCHAR, "
          "subject_code VARCHAR, description VARCHAR, year_of_study INTEGER, period INTEGER, "
          "kind VARCHAR, weight INTEGER, resit_allowed BOOLEAN, result_type VARCHAR, "
          "domains VARCHAR, duration_min INTEGER, taken_on DATE, tid INTEGER, is_final BOOLEAN",
          [(p.cohort, p.school_type, p.subject, p.test_code, p.subject_code, p.description,
            p.year_of_study, p.period, p.kind, p.weight, p.resit_allowed, p.result_type,
            p.domains, p.duration_min, p.taken_on, tid + 1,
            p.year_of_study == final_year[(p.cohort, p.school_type)])
           for tid, p in enumerate(items)])

    csv_type_of = {"vwo": "vwo", "havo": "havo", "gl-tl": "vmbo-gl", "gl": "vmbo-gl",
                   "kb": "vmbo-kb", "bb": "vmbo-bb"}
    exams = demo_exams.ce_exams(seed, needed, csv_type_of)
    _load(tx, "d_exam", "grp VARCHAR, subject VARCHAR, period INTEGER, nex_no INTEGER, "
          "nex_id VARCHAR, subject_code VARCHAR, description VARCHAR, exam_date DATE, "
          "start_time VARCHAR, end_time VARCHAR, scale_length INTEGER, n_tenths INTEGER",
          [(e.group, e.subject, e.period, int(e.nex_id), e.nex_id, e.subject_code, e.description,
            e.exam_date, e.start_time, e.end_time, e.scale_length, e.n_term_tenths)
           for e in exams])
    question_rows = []
    for e in exams:
        q = e.questions
        cum = [0]
        for m in q:
            cum.append(cum[-1] + m)
        for k, m in enumerate(q):
            # pairs (0,1), (2,3), ...: points move between the two, so the sum stays exact
            if k % 2 == 0 and k + 1 < len(q):
                role, p = 0, k + 1
            elif k % 2 == 1:
                role, p = 1, k - 1
            else:
                role, p = 2, k
            question_rows.append((int(e.nex_id), k + 1, m, cum[k], cum[k + 1], role, q[p],
                                  cum[p], cum[p + 1], k // 2))
    _load(tx, "d_q", "nex_no INTEGER, question INTEGER, max_score INTEGER, c_prev INTEGER, "
          "c_cur INTEGER, role INTEGER, p_max INTEGER, p_prev INTEGER, p_cur INTEGER, "
          "pair INTEGER", question_rows)
    return exams


def _global_rows(tx: Transaction) -> None:
    """PTA and DNT: the same whatever the number of candidates."""
    tx.execute("""
        INSERT INTO pta_items (cohort, school_type, subject, test_code, subject_code, description,
                               year_of_study, period, kind, weight, resit_allowed, result_type,
                               domains, duration_min)
        SELECT cohort, school_type, subject, test_code, subject_code, description, year_of_study,
               period, kind, CAST(weight AS DECIMAL(9,3)), resit_allowed, result_type, domains,
               duration_min
        FROM d_pta""")
    groups = ", ".join(f"('{g.key}', '{g.school_type}', "
                       + (f"'{g.track}')" if g.track else "NULL)") for g in demo_exams.CE_GROUPS.values())
    tx.execute(f"""
        INSERT INTO ce_exams (exam_year, nex_id, school_type, track, subject_code, subject, period,
                              description, exam_date, start_time, end_time, scale_length, n_term,
                              source)
        SELECT {cat.EXAM_YEAR}, e.nex_id, g.school_type, g.track, e.subject_code, e.subject,
               e.period, e.description, e.exam_date, e.start_time, e.end_time, e.scale_length,
               CAST(e.n_tenths * 0.1 AS DECIMAL(3,1)), 'demo (fictief)'
        FROM d_exam e JOIN (VALUES {groups}) g(key, school_type, track) ON g.key = e.grp""")
