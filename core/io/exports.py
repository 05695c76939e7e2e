"""Exports for people and for other programs: results, SE grades before the DUO deadline, and
the audit log, as CSV (Dutch Excel conventions) or XLSX, chosen by the file's extension.

Why these conventions: a Dutch secretary opens the CSV by double-clicking it in Excel, which
expects `;`, a decimal comma and (to recognise UTF-8 at all) a byte-order mark. Every cell that
a spreadsheet could take for a formula (leading = + - @ tab CR) is neutralised, because names
and free text in an export come from files other people made (CSV injection). Grades are
written as exact decimals; nothing is computed here: results come from core.results.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import attrs

from ..closing import CHANGED_AFTER_CLOSING, changes_after_closing
from ..store import Store
from ..store.audit import utc_text
from ..store.files import open_private
from ..wording import counted

Progress = Callable[[int, int], None]
Cell = str | int | Decimal | bool | date | datetime | None

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

RESULT_COLUMNS = ["examenjaar", "examennummer", "vakcode", "vak", "se_cijfer", "ce_cijfer_tv1",
                  "ce_cijfer_tv2", "ce_cijfer_tv3", "ce_cijfer", "eindcijfer"]
RESULT_EXTRA_COLUMNS = ["combinatiecijfer", "uitslag", "cum_laude", "redenen", "beoordeling",
                        "ontbreekt", "gewijzigd_na_vaststelling"]
SE_COLUMNS = ["examenjaar", "examennummer", "naam", "klas", "schooltype", "vakcode", "vak",
              "se_cijfer", "beoordeling", "ontbreekt", "gewijzigd_na_vaststelling"]
AUDIT_COLUMNS = ["id", "tijdstip", "gebruiker", "actie", "tabel", "sleutel", "veld", "oud",
                 "nieuw", "reden", "bron", "naam", "na_vaststelling", "hash"]


class ExportError(ValueError):
    """An export that cannot be written; the message is Dutch."""


@attrs.frozen
class ExportReport:
    path: Path
    rows: int
    format: str   # CSV | XLSX

    def sentence(self) -> str:
        return f"{counted(self.rows, 'regel', 'regels')} geschreven naar {self.path} ({self.format})."


# -- cell conversion ----------------------------------------------------------------------------

def neutralize(text: str) -> str:
    """A `'` before text a spreadsheet would run as a formula (OWASP CSV injection).

    The one function every CSV and XLSX writer passes its text cells through (exports, the
    audit log, `uitslag --format csv`): names and free text come from files other people made,
    and `=cmd|' /C calc'!A0` or `@SUM(A1:A9)` in a name must reach Excel as text. Spaces before
    the formula sign do not help: Excel and LibreOffice skip them.
    """
    if text.startswith(FORMULA_START) or text.lstrip(" \u00a0").startswith(FORMULA_START):
        return "'" + text
    return text


def csv_text(value: Cell) -> str:
    """One cell as Dutch Excel reads it: decimal comma, ISO dates, ja/nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return _one_newline(neutralize(str(value)))


def _one_newline(text: str) -> str:
    """A line break inside a cell is LF in both formats (XML turns a CR into LF anyway), so
    the CSV and the XLSX say the same thing."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def export_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return "XLSX"
    if suffix in (".csv", ".txt", ""):
        return "CSV"
    raise ExportError(f"{path}: onbekende extensie '{suffix}', verwacht .csv of .xlsx.")


def write_table(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], *,
                sheet: str = "Blad1", group: str | None = None) -> ExportReport:
    """Write CSV (`;`, decimal comma, UTF-8 with BOM) or XLSX, by the file's extension.

    Written to a temporary name first and renamed, so a half-written export never looks like a
    finished one. The file is private (600, or 640 for the school's configured `group`): it
    holds pupil data."""
    path = Path(path)
    fmt = export_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        with open_private(tmp, "wb", group=group) as handle:
            count = (_write_csv(handle, header, rows) if fmt == "CSV"
                     else _write_xlsx(handle, header, rows, sheet))
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ExportReport(path, count, fmt)


def _write_csv(binary: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    count = 0
    handle = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    writer = csv.writer(handle, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in header])
    for row in rows:
        writer.writerow([csv_text(v) for v in row])
        count += 1
    handle.flush()
    handle.detach()
    return count


def _write_xlsx(handle: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Cell]],
                sheet: str) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append([_xlsx_cell(ws, WriteOnlyCell, h) for h in header])
    count = 0
    for row in rows:
        ws.append([_xlsx_cell(ws, WriteOnlyCell, v) for v in row])
        count += 1
    wb.save(handle)
    return count


def _xlsx_cell(ws: Any, cell_type: Any, value: Cell) -> Any:
    """Strings stay strings, neutralised exactly as in the CSV (codes keep their zeros);
    decimals are numbers with one decimal shown, as a person expects a grade."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        cell = cell_type(ws, value=value)
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        cell.number_format = "0" if places == 0 else "0." + "0" * places
        return cell
    if isinstance(value, (int, datetime, date)):
        cell = cell_type(ws, value=value)
        if isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
        elif isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        return cell
    cell = cell_type(ws, value=_one_newline(_xml_safe(neutralize(str(value)))))
    cell.data_type = "s"            # text, never a formula: the same cell as in the CSV
    return cell


def _xml_safe(text: str) -> str:
    """XLSX is XML: control characters (other than tab, LF, CR) cannot be stored."""
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 32 else "\ufffd" for ch in text)


# -- results -------------------------------------------------------------------------------------

def _outcome(passed: bool | None) -> str:
    return {True: "geslaagd", False: "afgewezen", None: "nog niet te bepalen"}[passed]


def _texts(items: Iterable[Any]) -> str:
    return " | ".join(getattr(i, "text", str(i)) for i in items or ())


def result_rows(results: Sequence[Any], exam_year: int,
                changed: Mapping[tuple[str, str], Sequence[Any]] | None = None) -> Iterator[list[Cell]]:
    """One row per candidate and subject: the columns of cli.md `export results`, then
    combination grade, outcome, cum laude, reasons, what is missing and what was changed after
    a closing act (`changed`, from closing.changes_after_closing)."""
    for result in results:
        reasons = _texts(r for r in (result.reasons or ()) if getattr(r, "violated", True))
        candidate_missing = [m for m in (result.missing or ()) if getattr(m, "subject", None)
                             is None]
        for s in result.subjects:
            ce = s.ce_grades or {}
            missing = list(s.missing or ()) + [
                m for m in (result.missing or ()) if getattr(m, "subject", None) == s.subject]
            yield [getattr(result, "exam_year", exam_year), result.exam_number, s.subject_code,
                   s.subject, s.se_grade, ce.get(1), ce.get(2), ce.get(3), s.ce_grade,
                   s.final_grade, result.combination_grade, _outcome(result.passed),
                   _yes_no(result.cum_laude), reasons, getattr(s, "assessment", None),
                   _texts([*missing, *candidate_missing]),
                   _after_closing(changed, result.exam_number, s.subject)]


def _after_closing(changed: Mapping[tuple[str, str], Sequence[Any]] | None, number: str,
                   subject: str) -> str:
    """"gewijzigd na vaststelling: grade 6,4 -> 7,0 op ... (reden: ...)" or empty."""
    found = (changed or {}).get((number, subject), ())
    if not found:
        return ""
    return f"{CHANGED_AFTER_CLOSING}: " + " | ".join(c.sentence() for c in found)


def changes_for(store: Store, exam_year: int) -> dict[tuple[str, str], list[Any]]:
    with store.read() as con:
        return changes_after_closing(con, exam_year)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nee")


def latest_exam_year(store: Store) -> int:
    year = store.latest_exam_year()
    if year is None:
        raise ExportError("De database bevat nog geen kandidaten; er is niets te exporteren.")
    return year


def export_results(store: Store, path: str | Path, *, exam_year: int | None = None,
                   exam_numbers: Sequence[str] | None = None,
                   pack: str | None = None) -> ExportReport:
    """Results per candidate and subject, for the school's own records and other programs."""
    from ..results import compute_results

    year = exam_year or latest_exam_year(store)
    results = compute_results(store, exam_year=year, exam_numbers=exam_numbers, pack=pack)
    header = RESULT_COLUMNS + RESULT_EXTRA_COLUMNS
    return write_table(path, header, result_rows(results, year, changes_for(store, year)),
                       sheet="Resultaten", group=store.file_group())


def se_rows(results: Sequence[Any], exam_year: int,
            changed: Mapping[tuple[str, str], Sequence[Any]] | None = None) -> Iterator[list[Cell]]:
    for result in results:
        for s in result.subjects:
            yield [getattr(result, "exam_year", exam_year), result.exam_number,
                   result.display_name, result.class_name, result.school_type, s.subject_code,
                   s.subject, s.se_grade, getattr(s, "assessment", None),
                   _texts(s.missing or ()), _after_closing(changed, result.exam_number, s.subject)]


def export_se_grades(store: Store, path: str | Path, *, exam_year: int | None = None,
                     exam_numbers: Sequence[str] | None = None,
                     pack: str | None = None) -> ExportReport:
    """SE grade per candidate and subject: what the school checks before it reports the SE
    grades to DUO (the deadline is before the first CE sitting)."""
    from ..results import compute_results

    year = exam_year or latest_exam_year(store)
    results = compute_results(store, exam_year=year, exam_numbers=exam_numbers, pack=pack)
    return write_table(path, SE_COLUMNS, se_rows(results, year, changes_for(store, year)),
                       sheet="SE-cijfers", group=store.file_group())


def export_audit(store: Store, path: str | Path, *, since: datetime | None = None,
                 progress: Progress | None = None) -> ExportReport:
    """The audit log, oldest first, streamed in batches (it can hold millions of rows).

    Times are UTC with the zone, as text (`2025-06-11T08:00:00.000000+00:00`): exactly what the
    hash chain covers, and what a spreadsheet cannot shift into another zone."""
    where, params = ("WHERE changed_at >= ?", [since]) if since else ("", [])
    group = store.file_group()
    with store.read() as con:
        total = (con.execute(f"SELECT count(*) FROM audit_log {where}", params).fetchone() or (0,))[0]
        cur = con.execute(
            "SELECT id, changed_at, actor, action, table_name, row_key, field, old_value,"
            " new_value, reason, source, display_name, after_closing, row_hash"
            f" FROM audit_log {where} ORDER BY id", params)

        def rows() -> Iterator[Sequence[Cell]]:
            done = 0
            while batch := cur.fetchmany(10_000):
                for row in batch:
                    yield (row[0], utc_text(row[1]), *row[2:12],
                           "ja" if row[12] else "", row[13])
                done += len(batch)
                if progress:
                    progress(done, total)

        return write_table(path, AUDIT_COLUMNS, rows(), sheet="Auditlog", group=group)
