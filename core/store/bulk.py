"""Many rows in few statements: the set-based half of the store's writes.

Why: DuckDB spends about 1 ms on each statement, so one INSERT or UPDATE per row made a
re-import of a cohort's SE results take minutes. Here rows travel as one list per column
(`unnest`) in chunks of `CHUNK_ROWS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import duckdb

# Rows per bulk statement: large enough that the per-statement cost vanishes, small enough that
# one statement's parameter lists stay a few MB.
CHUNK_ROWS = 10_000


def column_lists(rows: Sequence[Sequence[Any]]) -> list[list[Any]] | None:
    """The rows as one list per column, or None when a column mixes Python types.

    DuckDB turns a list parameter into one LIST value of a single type, so [7, Decimal("7.5")]
    would reach a TEXT column as "7.0". Mixed columns are rare (an importer types each column
    one way); for them the caller falls back to one statement per row, where every value is
    typed on its own exactly as before.
    """
    lists = [list(values) for values in zip(*rows, strict=True)]
    for values in lists:
        if len({type(v) for v in values if v is not None}) > 1:
            return None
    return lists


def unnest(count: int, offset: int = 0) -> str:
    """`unnest($1) AS _c0, unnest($2) AS _c1, ...`: the column lists side by side as rows."""
    return ", ".join(f"unnest(${offset + i + 1}) AS _c{offset + i}" for i in range(count))


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                 rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows with one INSERT ... SELECT unnest(column lists) per chunk.

    Why not executemany: DuckDB runs it as one statement per row (about 1 ms each), which made
    a re-import of a cohort's SE results and its audit rows take minutes. A multi-row VALUES
    statement binds every value as a parameter (about 30 µs a row); one list per column binds
    a handful of parameters and is another ten times faster. The rows keep their order, so the
    audit log's ids follow the order in which the changes were made.
    """
    head = f"INSERT INTO {table} ({', '.join(columns)}) "
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start:start + CHUNK_ROWS]
        lists = column_lists(chunk)
        if lists is None:
            one = head + "VALUES (" + ", ".join("?" for _ in columns) + ")"
            for row in chunk:
                con.execute(one, list(row))
            continue
        con.execute(head + "SELECT " + unnest(len(columns)), lists)


def update_rows(con: duckdb.DuckDBPyConnection, table: str, key_columns: Sequence[str],
                 columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Set `columns` of many rows, each given as (*key, *new values), and bump their row_version.

    One UPDATE ... FROM (column lists) per chunk instead of one UPDATE per row, for the same
    reason as insert_rows. The keys are the ones read from the table, so they match exactly;
    no key occurs twice in `rows` (upsert_many puts a repeated key in a later pass).
    """
    width = len(key_columns)
    sets = ", ".join(f"{c} = _v._c{width + i}" for i, c in enumerate(columns))
    where = " AND ".join(f"{table}.{k} = _v._c{i}" for i, k in enumerate(key_columns))
    bulk = (f"UPDATE {table} SET {sets}, row_version = row_version + 1"
            f" FROM (SELECT {unnest(width + len(columns))}) AS _v WHERE {where}")
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start:start + CHUNK_ROWS]
        lists = column_lists(chunk)
        if lists is not None:
            con.execute(bulk, lists)
            continue
        one = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)}, row_version = row_version + 1"
               f" WHERE {' AND '.join(f'{k} = ?' for k in key_columns)}")
        for row in chunk:
            con.execute(one, [*row[width:], *row[:width]])


def normal_key(value: Any) -> Any:
    return value if not isinstance(value, (int, Decimal)) or isinstance(value, bool) else str(value)
