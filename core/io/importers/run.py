"""One import from file to database: read, validate everything, then write all or nothing.

Why all or nothing: a secretary who imports 4,000 SE results and gets 3,997 of them has a
database that is wrong in a way nobody can see. So the whole file is validated first; any
problem refuses the whole file and lists every bad line. Only a clean file is written, in one
audited transaction, by key, so importing the same file again changes nothing and says so.
When the kind says which candidates the file may affect (`KindSpec.watch`), their results are
compared before and after the write and the report names whose result changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...result_changes import ResultWatch
from ...store import Store, Transaction, UpsertCounts
from ...wording import counted
from ..reading import Problem, ReadError, Table, read_table
from .context import Context, ImportReport, KindSpec, Reference, Rows
from .registry import KINDS

Progress = Callable[[int, int], None]

CHUNK = 2000   # rows per upsert call: lets long imports report progress


def import_file(store: Store, kind: str, path: str | Path, *, exam_year: int | None = None,
                progress: Progress | None = None, display_name: str | None = None,
                user_reason: str | None = None) -> ImportReport:
    """Validate the whole file; write it in one audited transaction only when it is clean.

    `user_reason` is the person's reason (--reden): it goes into every audit row, and without
    it a file that changes what a closing act froze is refused (ClosedError, nothing written).
    """
    if kind not in KINDS:
        raise ValueError(f"Onbekende soort '{kind}', verwacht een van: {', '.join(KINDS)}.")
    spec = KINDS[kind]
    name = display_name or str(path)
    report = ImportReport(kind, name, ok=False)
    try:
        table = read_table(path, spec.columns, display_name=name)
    except ReadError as exc:
        report.errors = [str(p) for p in exc.problems]
        return report
    report.notices += table.notices
    report.rows_read = len(table.rows)
    if spec.year_column and not table.has("examenjaar") and exam_year is None:
        report.errors = [str(Problem(name, 1, "examenjaar",
                                     "kolom ontbreekt, verwacht een kolom examenjaar of de optie "
                                     "--examenjaar JJJJ"))]
        return report
    if spec.one_transaction:
        # One connection for all of it: opening and closing the file cost more than the work
        # of a one-row N-term file, and the candidates it touches are recomputed from the very
        # state that commits. Nothing is written when the file is refused.
        with store.transaction(reason=f"import {kind}", source=Path(name).name,
                               user_reason=user_reason) as tx:
            _validate_and_write(store, spec, table, exam_year, report, progress, tx)
    else:
        _validate_and_write(store, spec, table, exam_year, report, progress, None,
                            user_reason=user_reason)
    return report


def _validate_and_write(store: Store, spec: KindSpec, table: Table, exam_year: int | None,
                        report: ImportReport, progress: Progress | None, tx: Transaction | None,
                        *, user_reason: str | None = None) -> None:
    """Check the whole file, then write it (in `tx` when given, else in a transaction of its
    own) and compare the watched candidates' results before and after."""
    ctx = Context(spec, table, Reference(store, con=tx.con if tx is not None else None),
                  exam_year)
    try:
        rows = spec.validate(ctx)
    except ReadError as exc:
        report.errors = [str(p) for p in exc.problems]
        return
    _check_duplicates(ctx, rows)
    report.notices += ctx.notices
    if ctx.problems:
        report.errors = [str(p) for p in sorted(ctx.problems, key=lambda p: p.line)]
        return
    values = [v for _, v in rows]
    if spec.prepare is not None:
        values = spec.prepare(ctx, values, report)
    watched = spec.watch(ctx, values, report) if spec.watch is not None else None
    con = tx.con if tx is not None else None
    watch = (ResultWatch.start(store, watched, spec.watch_reason, con=con)
             if watched is not None else None)
    if tx is not None:
        counts = _write(tx, spec, values, report, progress)
    else:
        with store.transaction(reason=f"import {spec.kind}", source=Path(report.file).name,
                               user_reason=user_reason) as own:
            counts = _write(own, spec, values, report, progress)
    report.ok = True
    report.counts = counts
    if watch is not None:
        names = {key: c["name"] for key, c in ctx.ref.candidates().items()}
        report.affected = watch.finish(store, names, con=con)
        report.results_compared = True
        report.notices += watch.notices


def _write(tx: Transaction, spec: KindSpec, values: list[dict[str, Any]], report: ImportReport,
           progress: Progress | None) -> UpsertCounts:
    counts = UpsertCounts()
    total = len(values)
    for start in range(0, total, CHUNK):
        counts.add(tx.upsert_many(spec.table, spec.key, values[start:start + CHUNK]))
        if progress:
            progress(min(start + CHUNK, total), total)
    tx.audit("import", spec.table, None, None, None,
             f"{counted(report.rows_read, 'regel', 'regels')}; {counts.sentence()}")
    return counts


def _check_duplicates(ctx: Context, rows: Rows) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for line, values in rows:
        key = tuple(values[k] for k in ctx.spec.key)
        if key in seen:
            shown = "/".join(str(k) for k in key)
            extra = (" (een tweede herkansing krijgt een kolom volgnummer)"
                     if ctx.spec.kind == "se-results" else "")
            ctx.problems.append(Problem(ctx.table.file, line, "regel",
                                        f"dubbele sleutel {shown}, staat ook op regel "
                                        f"{seen[key]}; verwacht elke sleutel één keer{extra}"))
        else:
            seen[key] = line
