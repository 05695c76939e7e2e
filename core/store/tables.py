"""The school's fact tables by their keys: what the audit log must account for, row by row.

`audit verify` checks that every row of these tables equals its last audited value, so every
writer (imports, the demo, edits) must leave an audit row per row it writes. Tables whose rows
are numbered by a sequence (resit requests, sittings, incidents) are audited too, but not
verified value by value.
"""

from __future__ import annotations

from typing import Any

import duckdb

KEYS: dict[str, tuple[str, ...]] = {
    "settings": ("key",),
    "candidates": ("exam_year", "exam_number"),
    "candidate_subjects": ("exam_year", "exam_number", "subject"),
    "pta_items": ("cohort", "school_type", "subject", "test_code"),
    "se_results": ("exam_year", "exam_number", "subject", "test_code", "attempt", "seq"),
    "ce_exams": ("exam_year", "nex_id"),
    "ce_scores": ("exam_year", "period", "exam_number", "subject"),
    "ce_item_scores": ("exam_year", "nex_id", "exam_number", "question"),
    "ce_question_awards": ("exam_year", "nex_id", "question"),
    "pws_titles": ("exam_year", "exam_number"),
}
CANDIDATE_COLUMNS = ("exam_year", "exam_number", "subject")
NOT_AUDITED = ("row_version",)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The first column of the first row of an aggregate query (which always has one row)."""
    row = con.execute(sql, params or []).fetchone()
    return None if row is None else row[0]


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """column -> DuckDB type, in the table's order."""
    return dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                            "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall())


def value_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    keys = KEYS[table]
    return [c for c in column_types(con, table) if c not in keys and c not in NOT_AUDITED]


def text_sql(column: str, data_type: str | None, prefix: str = "") -> str:
    """SQL for a value as the audit log writes it: text, booleans as ja/nee."""
    name = f"{prefix}{column}"
    if data_type == "BOOLEAN":
        return f"CASE WHEN {name} THEN 'ja' WHEN NOT {name} THEN 'nee' END"
    return f"CAST({name} AS VARCHAR)"


def key_sql(keys: tuple[str, ...] | list[str], types: dict[str, str], prefix: str = "") -> str:
    """SQL for a row's key as the audit log writes it: `2025/5101/netl`."""
    return " || '/' || ".join(f"coalesce({text_sql(k, types.get(k), prefix)}, '')" for k in keys)


def snapshot_query(con: duckdb.DuckDBPyConnection, table: str, action: str,
                   where: str = "") -> str:
    """The SELECT that gives one audit row per row of `table` with all its values (as JSON):
    how set-based writers (the demo, the migration that starts the chain) account for rows
    they did not write one by one. For action `delete` the values are the old value."""
    types = column_types(con, table)
    values = value_columns(con, table)
    pairs = ", ".join(f"'{c}', {text_sql(c, types[c])}" for c in values)
    row = f"{'json_object(' + pairs + ')' if pairs else 'NULL'}::VARCHAR"
    old, new = (row, "NULL::VARCHAR") if action == "delete" else ("NULL::VARCHAR", row)
    about = ", ".join(f"{c if c in types else 'NULL'} AS {c}" for c in CANDIDATE_COLUMNS)
    order = ", ".join(KEYS[table])
    return (f"SELECT '{action}' AS action, '{table}' AS table_name, {key_sql(KEYS[table], types)} AS row_key, "
            f"NULL::VARCHAR AS field, {old} AS old_value, {new} AS new_value, {about}, "
            f"false AS after_closing, row_number() OVER (ORDER BY {order}) AS _sort "
            f"FROM {table} {where}")
