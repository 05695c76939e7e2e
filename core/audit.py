"""`audit verify`: is the audit log intact, and does every stored fact equal its last audited value?

Two checks, both needed. The chain (store/audit.py) shows that no audit row was edited,
deleted, inserted or back-dated after it was written. The values check shows that nobody
changed a grade, a score or an N-term *beside* the log: with plain DuckDB, setting candidate
4007's CE scores to the maximum left no audit row at all. For every row of the fact tables
(store/tables.py) the current value of every field is compared with the last value the log
recorded for it (an insert's JSON, an update's new value, or a delete).

What this does not prove: that the first recorded value was right (the log shows who entered
it), or anything about a file whose whole chain was rewritten. The head hash printed at each
closing act is the anchor against that: a rewritten chain no longer passes through it.
"""

from __future__ import annotations

from datetime import datetime

import attrs
import duckdb

from .store import Store
from .store.audit import GENESIS, content_sql, fold, utc_text
from .store.tables import KEYS, column_types, key_sql, scalar, text_sql, value_columns

_BATCH = 100_000
_NUMERIC = ("INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "DOUBLE", "FLOAT")
FACTS = {"se_results": "SE-resultaat", "ce_scores": "CE-score", "ce_item_scores": "score per vraag",
         "ce_exams": "examen (N-term, schaallengte)", "candidates": "kandidaat",
         "candidate_subjects": "vak van een kandidaat", "pta_items": "PTA-toets",
         "ce_question_awards": "besluit CvTE", "settings": "instelling",
         "pws_titles": "titel profielwerkstuk"}


@attrs.define
class VerifyReport:
    rows: int = 0                       # audit rows checked
    values: int = 0                     # stored values compared
    head: tuple[int, str] = (0, GENESIS)
    chain_problem: str | None = None    # the first row that does not fit, in Dutch
    value_problem: str | None = None    # the first value that differs from its last audit row
    value_mismatches: int = 0
    closing_problem: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.chain_problem or self.value_problem or self.closing_problem)

    def lines(self) -> list[str]:
        if self.ok:
            return [f"Auditlog intact: {_n(self.rows)} regels, de hashketen klopt.",
                    f"Alle {_n(self.values)} opgeslagen waarden (cijfers, scores, scores per vraag, "
                    "N-termen, kandidaten, PTA, instellingen) zijn gelijk aan hun laatste auditregel.",
                    f"Kop van de keten: {self.head[1]} (regel {self.head[0]})."]
        out = []
        if self.chain_problem:
            out.append(f"Keten verbroken: {self.chain_problem}")
        if self.closing_problem:
            out.append(f"Vaststelling klopt niet: {self.closing_problem}")
        if self.value_problem:
            more = self.value_mismatches - 1
            out.append(f"Waarde gewijzigd buiten het auditlog om: {self.value_problem}"
                       + (f" (en nog {_n(more)} {'waarde' if more == 1 else 'waarden'})" if more else ""))
        return out


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def verify(store: Store) -> VerifyReport:
    report = VerifyReport()
    with store.read() as con:
        _verify_chain(con, report)
        _verify_closings(con, report)
        for table in KEYS:
            _verify_values(con, table, report)
    return report


# -- the chain ------------------------------------------------------------------------------------

def _verify_chain(con: duckdb.DuckDBPyConnection, report: VerifyReport) -> None:
    prev_hash, prev_id, prev_at = GENESIS, 0, None
    last = -1
    while batch := con.execute(
            f"SELECT id, changed_at, prev_hash, row_hash, {content_sql()} FROM audit_log "
            "WHERE id > ? ORDER BY id LIMIT ?", [last, _BATCH]).fetchall():
        for row_id, at, stored_prev, stored_hash, content in batch:
            problem = _row_problem(row_id, at, stored_prev, stored_hash, content, prev_hash,
                                   prev_id, prev_at)
            if problem:
                report.chain_problem = problem
                report.rows += 1
                return
            prev_hash, prev_id, prev_at = stored_hash, row_id, at
            report.rows += 1
        last = batch[-1][0]
    report.head = (prev_id, prev_hash)


def _row_problem(row_id: int, at: datetime, stored_prev: str | None, stored_hash: str | None,
                 content: str, prev_hash: str, prev_id: int, prev_at: datetime | None) -> str | None:
    if stored_hash is None or stored_prev is None:
        return f"regel {row_id} heeft geen hash: hij is buiten examenbureau om toegevoegd."
    if stored_prev != prev_hash:
        where = f"regel {prev_id}" if prev_id else "het begin van het log"
        return (f"regel {row_id} sluit niet aan op {where}: daartussen is een regel verwijderd, "
                "ingevoegd of verplaatst.")
    if prev_at is not None and at < prev_at:
        return (f"regel {row_id} is teruggedateerd: {utc_text(at)} ligt vóór regel {prev_id} "
                f"({utc_text(prev_at)}).")
    if fold(prev_hash, content) != stored_hash:
        return f"regel {row_id} is gewijzigd nadat hij geschreven is (inhoud en hash verschillen)."
    return None


def _verify_closings(con: duckdb.DuckDBPyConnection, report: VerifyReport) -> None:
    """Every closing act in the table has its audit row, with the head hash printed at the act;
    every act in the log is still in the table, unless the log says it was withdrawn."""
    found = con.execute("""
        SELECT c.kind || '/' || c.exam_year || '/' || c.period, c.audit_id, c.head_hash, a.row_hash, a.action
        FROM closings c LEFT JOIN audit_log a ON a.id = c.audit_id
        WHERE a.id IS NULL OR a.action <> 'vaststelling' OR a.row_hash <> c.head_hash
           OR a.row_key <> c.kind || '/' || c.exam_year || '/' || c.period
        ORDER BY c.audit_id LIMIT 1""").fetchone()
    if found:
        act, audit_id, head, actual, _ = found
        report.closing_problem = (f"vaststelling {act} noemt regel {audit_id} met kop {head}, maar "
                                  f"het log heeft daar {actual or 'niets'}.")
        return
    missing = con.execute("""
        SELECT a.id, a.row_key FROM audit_log a
        WHERE a.action = 'vaststelling'
          AND NOT EXISTS (SELECT 1 FROM closings c WHERE c.audit_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM audit_log w WHERE w.action = 'vaststelling ingetrokken'
                          AND w.row_key = a.row_key AND w.id > a.id)
        ORDER BY a.id LIMIT 1""").fetchone()
    if missing:
        report.closing_problem = (f"de vaststelling {missing[1]} van regel {missing[0]} ontbreekt in "
                                  "de tabel closings: zonder haar zouden wijzigingen zonder reden "
                                  "weer mogelijk zijn.")


# -- the values -----------------------------------------------------------------------------------

def _compare_sql(column: str, data_type: str, current: str, audited: str) -> str:
    """SQL that is true when the stored text and the audited text are the same fact, and never
    NULL: a value emptied beside the log (an N-term set to NULL) compares as NULL = '1.3', and
    `NOT NULL` would hide it."""
    same = f"{current} IS NOT DISTINCT FROM {audited}"
    if data_type.startswith("DECIMAL") or data_type in _NUMERIC:
        cast = "DECIMAL(38,10)"
    elif data_type.startswith("TIMESTAMP"):
        cast = "TIMESTAMP"
    else:
        return same
    return (f"({same} OR coalesce(TRY_CAST({current} AS {cast}) = TRY_CAST({audited} AS {cast}), "
            "false))")


def values_sql(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, int]:
    """The query that lists every value of `table` that differs from its last audit row
    (first by key), and how many values the table holds."""
    types = column_types(con, table)
    columns = value_columns(con, table)
    listed = ", ".join(f"'{c}'" for c in columns)
    current = " ".join(f"WHEN '{c}' THEN {text_sql(c, types[c], 't.')}" for c in columns)
    compare = " ".join(f"WHEN '{c}' THEN {_compare_sql(c, types[c], 'c.value', 'l.value')}"
                       for c in columns)
    count = scalar(con, f"SELECT count(*) FROM {table}") * len(columns)
    sql = f"""
        WITH fields AS (SELECT unnest([{listed}]) AS field),
        events AS (
            SELECT a.id, a.row_key, f.field,
                   CASE WHEN a.action = 'delete' THEN NULL
                        ELSE json_extract_string(a.new_value, '$.' || f.field) END AS value,
                   a.action = 'delete' AS gone
            FROM audit_log a, fields f
            WHERE a.table_name = '{table}' AND a.action IN ('insert', 'vastgelegd', 'delete')
              AND (a.action = 'delete' OR json_valid(a.new_value))
            UNION ALL
            SELECT a.id, a.row_key, a.field, a.new_value, false
            FROM audit_log a WHERE a.table_name = '{table}' AND a.action = 'update'
              AND a.field IN ({listed})),
        last AS (
            SELECT * FROM events
            QUALIFY row_number() OVER (PARTITION BY row_key, field ORDER BY id DESC) = 1),
        cur AS (
            SELECT {key_sql(KEYS[table], types, 't.')} AS row_key, f.field,
                   CASE f.field {current} END AS value
            FROM {table} t, fields f)
        SELECT coalesce(c.row_key, l.row_key) AS row_key, coalesce(c.field, l.field) AS field,
               c.value AS current, l.value AS audited, l.id AS audit_id, l.gone,
               c.row_key IS NULL AS missing
        FROM cur c FULL OUTER JOIN last l ON c.row_key = l.row_key AND c.field = l.field
        WHERE c.row_key IS NULL AND NOT l.gone
           OR l.row_key IS NULL
           OR c.row_key IS NOT NULL AND l.gone
           OR c.row_key IS NOT NULL AND l.row_key IS NOT NULL AND NOT coalesce(l.gone, false)
              AND NOT (CASE coalesce(c.field, l.field) {compare} END)
        ORDER BY 1, 2"""
    return sql, count


def _verify_values(con: duckdb.DuckDBPyConnection, table: str, report: VerifyReport) -> None:
    sql, count = values_sql(con, table)
    report.values += count
    found = con.execute(f"SELECT count(*) OVER (), * FROM ({sql}) LIMIT 1").fetchone()
    if not found:
        return
    total, row_key, field, current, audited, audit_id, gone, missing = found
    report.value_mismatches += total
    if report.value_problem:
        return
    what = f"{FACTS.get(table, table)} {row_key}"
    if audit_id is None:
        report.value_problem = (f"{what}: {field} = {_shown(current)} staat in de database zonder "
                                "enige auditregel.")
    elif missing:
        report.value_problem = (f"{what}: ontbreekt in de database, maar volgens auditregel "
                                f"{audit_id} is {field} {_shown(audited)}.")
    elif gone:
        report.value_problem = (f"{what}: staat in de database, maar is volgens auditregel "
                                f"{audit_id} verwijderd.")
    else:
        report.value_problem = (f"{what}: {field} is {_shown(current)} in de database, maar "
                                f"{_shown(audited)} volgens de laatste auditregel ({audit_id}).")


def _shown(value: str | None) -> str:
    if value is None:
        return "leeg"
    text = value if len(value) <= 60 else value[:60] + "…"
    return f"'{text}'"
