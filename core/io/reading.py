"""Tolerant reading of the files schools actually have: CSV in any of four delimiters and two
encodings, or the first sheet of an XLSX, columns found by name.

Why tolerant here and strict in the importers: the *shape* of a school export varies with the
program and the Excel version that produced it (BOM or not, cp1252, `;` or `,`, decimal comma,
`d-m-yyyy`, leading zeros eaten), while the *content* must be exact. So this module turns any
of those shapes into rows of text cells keyed by a canonical column name, and the parse
functions below turn one cell into one typed value or one Dutch problem sentence. Nothing here
knows about the database.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..limits import INVISIBLE as _INVISIBLE  # calc keeps the same bounds
from ..limits import MAX_CELL_CHARS, quote

DELIMITERS = (";", ",", "|", "\t")
DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "|": "verticale streep", "\t": "tab"}

# csv refuses fields longer than 128 KiB by default; a garbage file can have one, and it must be
# read to be refused with a sentence instead of a csv.Error.
csv.field_size_limit(16 * 1024 * 1024)

# Codes (exam numbers, test codes, NEX-IDs, questions) are short.
MAX_CODE_CHARS = 40
_INVISIBLE_NAMES = {"\n": "een regeleinde", "\r": "een regeleinde", "\t": "een tab"}


@attrs.frozen
class Problem:
    """One thing wrong with one cell, line or file, printed as `file:line: column: message`."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class ReadError(Exception):
    """The file as a whole cannot be read; `problems` says why (at least one)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@attrs.frozen
class Column:
    """A column an importer knows: its canonical name, whether the file must have it, and the
    other header spellings that mean the same (Cito writes `N-term` where we write `nterm`)."""

    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@attrs.define
class Row:
    line: int                      # physical line (CSV) or row number (XLSX), header = 1
    cells: dict[str, str]          # canonical column -> stripped text, '' when empty

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@attrs.define
class Table:
    file: str                      # name used in messages
    columns: list[str]             # canonical names present in the file
    rows: list[Row]
    notices: list[str] = attrs.field(factory=list)
    encoding: str | None = None
    delimiter: str | None = None

    def has(self, column: str) -> bool:
        return column in self.columns


# -- header names ---------------------------------------------------------------------------

def normalize_header(name: str) -> str:
    """`N-term`, ` nex_ID `, `Vak code` -> `n_term`, `nex_id`, `vak_code`."""
    text = name.replace("\ufeff", "").strip().strip('"').strip("'").strip().lower()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def _column_lookup(columns: Sequence[Column]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for col in columns:
        for spelling in (col.name, *col.aliases):
            lookup[normalize_header(spelling)] = col.name
    return lookup


# -- decoding -------------------------------------------------------------------------------

_MOJIBAKE = re.compile("[\u00c2\u00c3\u00c4\u00c5][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                       "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")


def decode_bytes(data: bytes, file: str) -> tuple[str, str]:
    """Text and the name of the encoding used: UTF-8 (BOM or not), UTF-16 with BOM, cp1252.

    cp1252 is tried only when UTF-8 fails; a file that then shows UTF-8 byte pairs read as
    cp1252 (`Ã«` for `ë`) mixes two encodings and is refused rather than stored garbled.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ReadError([Problem(
                file, _line_of(data, exc.start), "bestand",
                "ongeldige UTF-16-tekst, verwacht UTF-8 of Windows-1252")]) from exc
    try:
        text = data.decode("utf-8-sig")
        return text, "UTF-8 met BOM" if data.startswith(b"\xef\xbb\xbf") else "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadError([Problem(
            file, _line_of(data, exc.start), "bestand",
            f"byte 0x{data[exc.start]:02X} is geen UTF-8 en geen Windows-1252, "
            "verwacht een tekstbestand (CSV) of een XLSX-bestand")]) from exc
    found = _MOJIBAKE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise ReadError([Problem(
            file, line, "bestand",
            f"het bestand mengt UTF-8 en Windows-1252 (bijvoorbeeld '{found.group()}'), "
            "verwacht één codering: sla het bestand opnieuw op als UTF-8")])
    return text, "Windows-1252"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# -- delimiter ------------------------------------------------------------------------------

def detect_delimiter(header: str) -> str | None:
    """The delimiter that occurs most often in the header (outside quotes); ties go to the
    order `; | tab ,` because a Dutch decimal comma never appears in a header but `,` may
    appear inside a quoted column name."""
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max((";", "|", "\t", ","), key=lambda d: counts[d])
    return best if counts[best] else None


# -- reading --------------------------------------------------------------------------------

def read_table(path: str | Path, columns: Sequence[Column], *, display_name: str | None = None,
               allow_unknown: bool = True) -> Table:
    """Read a CSV or XLSX file into a Table with canonical column names.

    Raises ReadError (Dutch problems) when the file cannot be read at all or a required column
    is missing; problems within cells are the importer's business.
    """
    path = Path(path)
    name = display_name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError([Problem(name, 0, "bestand",
                                 f"kan niet worden gelezen ({exc.strerror or exc}), "
                                 "verwacht een leesbaar bestand")]) from exc
    notices: list[str]
    if data.startswith(b"PK\x03\x04"):
        raw_rows, encoding, delimiter, notices = _xlsx_rows(path, name), "XLSX", None, []
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError([Problem(name, 1, "bestand",
                                 "dit is het oude Excel-formaat (.xls), "
                                 "verwacht CSV of XLSX: sla het bestand op als .xlsx of .csv")])
    else:
        raw_rows, encoding, delimiter, notices = _csv_rows(data, name)
    return _table_from_rows(raw_rows, columns, name, encoding, delimiter, notices,
                            allow_unknown=allow_unknown)


def _csv_rows(data: bytes, name: str) -> tuple[list[tuple[int, list[str]]], str, str, list[str]]:
    text, encoding = decode_bytes(data, name)
    notices: list[str] = []
    if encoding not in ("UTF-8", "UTF-8 met BOM"):
        notices.append(f"{name}: gelezen als {encoding}.")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ReadError([Problem(name, line, "bestand",
                                 "bevat NUL-tekens, verwacht een tekstbestand (CSV)")])
    lines = re.split(r"\r\n|\r|\n", text)
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise ReadError([Problem(name, 1, "bestand", "het bestand is leeg, verwacht een kopregel "
                                 "met kolomnamen en daaronder de gegevens")])
    skip = 0
    sep = re.fullmatch(r"\s*sep=(.)\s*", lines[first])
    if sep and sep.group(1) in DELIMITERS:
        delimiter = sep.group(1)
        skip = first + 1  # Excel's "sep=;" line: honour it and read the header after it
    else:
        delimiter = detect_delimiter(lines[first])
        skip = first
        if delimiter is None:
            raise ReadError([Problem(
                name, first + 1, "kopregel",
                "geen scheidingsteken gevonden, verwacht kolomnamen gescheiden door "
                "; of , of | of tab")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, strict=False)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for cells in reader:
            line = start
            start = reader.line_num + 1
            if line <= skip:
                continue
            rows.append((line, cells))
    except csv.Error as exc:
        raise ReadError([Problem(name, reader.line_num, "bestand",
                                 f"regel is geen geldige CSV ({exc}), "
                                 "verwacht velden gescheiden door "
                                 f"{DELIMITER_NAMES[delimiter]}")]) from exc
    return rows, encoding, delimiter, notices


def _xlsx_rows(path: Path, name: str) -> list[tuple[int, list[str]]]:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ReadError([Problem(name, 1, "bestand",
                                 f"geen geldig XLSX-bestand ({type(exc).__name__}), "
                                 "verwacht een Excel-werkmap (.xlsx) of CSV")]) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise ReadError([Problem(name, 1, "bestand",
                                 f"geen geldig XLSX-bestand ({type(exc).__name__}), "
                                 "verwacht een Excel-werkmap (.xlsx) of CSV")]) from exc
    try:
        if not wb.worksheets:
            raise ReadError([Problem(name, 1, "bestand", "de werkmap heeft geen werkblad, "
                                     "verwacht de gegevens op het eerste werkblad")])
        sheet = wb.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            rows.append((number, [xlsx_cell_text(c.value, getattr(c, "number_format", None))
                                  for c in cells]))
        return rows
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError([Problem(name, 1, "bestand",
                                 f"het eerste werkblad kan niet worden gelezen "
                                 f"({type(exc).__name__}), verwacht een gewone tabel")]) from exc
    finally:
        wb.close()


def xlsx_cell_text(value: Any, number_format: str | None = None) -> str:
    """An Excel cell as the text a person sees, never through binary floating point maths:
    15 significant digits (what Excel shows), integers without `.0`, zero-padded codes when the
    cell's format is `0000`, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = format(value, ".15g")
        if "e" in text or "E" in text:
            text = format(Decimal(repr(value)), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    elif isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    elif isinstance(value, date):
        return value.isoformat()
    elif isinstance(value, time):
        return value.strftime("%H:%M")
    else:
        return str(value)
    if number_format and re.fullmatch(r"0+", number_format) and text.isdigit():
        text = text.zfill(len(number_format))
    return text


def clean_cell(text: str) -> str:
    """Strip spaces (also the non-breaking ones Excel likes) and Excel's `="0011"` trick."""
    text = text.replace("\u00a0", " ").strip()
    found = re.fullmatch(r'="(.*)"', text)
    if found:
        text = found.group(1).strip()
    return text


def _table_from_rows(raw_rows: list[tuple[int, list[str]]], columns: Sequence[Column], name: str,
                     encoding: str | None, delimiter: str | None, notices: list[str], *,
                     allow_unknown: bool) -> Table:
    xlsx = delimiter is None
    content = [(ln, cells) for ln, cells in raw_rows if any(clean_cell(c) for c in cells)]
    if not content:
        raise ReadError([Problem(name, 1, "bestand", "het bestand is leeg, verwacht een kopregel "
                                 "met kolomnamen en daaronder de gegevens")])
    header_line, header = content[0]
    lookup = _column_lookup(columns)
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for index, raw in enumerate(header):
        norm = normalize_header(raw)
        if not norm:
            continue
        canonical = lookup.get(norm)
        if canonical is None:
            unknown.append(raw.strip())
            continue
        if canonical in positions:
            problems.append(Problem(name, header_line, raw.strip(),
                                    f"kolom komt twee keer voor (ook kolom "
                                    f"{positions[canonical] + 1}), verwacht elke kolom één keer"))
            continue
        positions[canonical] = index
    for col in columns:
        if col.required and col.name not in positions:
            problems.append(Problem(name, header_line, col.name,
                                    "verplichte kolom ontbreekt in de kopregel, verwacht een kolom "
                                    f"'{col.name}'"))
    if not positions and not problems:
        problems.append(Problem(name, header_line, "kopregel",
                                "geen enkele bekende kolom gevonden, verwacht kolommen als "
                                + ", ".join(c.name for c in columns if c.required)))
    if problems:
        raise ReadError(problems)
    if unknown:
        if not allow_unknown:
            raise ReadError([Problem(name, header_line, u, "onbekende kolom, verwacht "
                                     + ", ".join(c.name for c in columns)) for u in unknown])
        notices.append(f"{name}: onbekende kolommen genegeerd: {', '.join(unknown)}.")
    width = len(header)
    rows: list[Row] = []
    for line, cells in content[1:]:
        if not xlsx and len(cells) < width:
            problems.append(Problem(name, line, "regel",
                                    f"heeft {len(cells)} velden maar de kopregel {width}, "
                                    "verwacht een volledige regel (afgebroken of verkeerd "
                                    "scheidingsteken?)"))
            continue
        extra = [c for c in cells[width:] if clean_cell(c)]
        if extra:
            problems.append(Problem(name, line, "regel",
                                    f"heeft {len(cells)} velden maar de kopregel {width}, "
                                    "verwacht niet meer velden dan kolommen (staat er een "
                                    "scheidingsteken in een waarde zonder aanhalingstekens?)"))
            continue
        values = {col: clean_cell(cells[i]) if i < len(cells) else ""
                  for col, i in positions.items()}
        bad = [Problem(name, line, col, why) for col, text in values.items()
               if (why := cell_problem(text)) is not None]
        if bad:
            problems.extend(bad)
            continue
        rows.append(Row(line, values))
    if problems:
        raise ReadError(problems)
    return Table(name, list(positions), rows, notices, encoding, delimiter)


def cell_problem(text: str) -> str | None:
    """Why a cell is refused whatever its column, or None: too long, or an invisible character.

    Every column of every importer passes here, so a name with a right-to-left override or a
    10 MB value never reaches a parser, the database or an error message.
    """
    if len(text) > MAX_CELL_CHARS:
        return (f"de waarde is {len(text)} tekens lang, verwacht hoogstens {MAX_CELL_CHARS} "
                f"(begint met {quote(text)})")
    found = _INVISIBLE.search(text)
    if found:
        ch = found.group()
        what = _INVISIBLE_NAMES.get(ch, f"het onzichtbare teken U+{ord(ch):04X}")
        return (f"bevat {what} op positie {found.start() + 1}, verwacht gewone tekst op één regel "
                "(stuurtekens en tekens die de schrijfrichting omdraaien worden niet "
                "opgeslagen)")
    return None


# -- cell parsers: value or Dutch problem -----------------------------------------------------

class CellError(ValueError):
    """What is wrong with one cell and what was expected, as one Dutch sentence."""


# Only ASCII digits: Python's \d also matches Arabic-Indic and full-width digits, which no
# school system writes and which a person cannot check against the paper list.
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]*)(?:[.,]([0-9]+))?")
_INTEGER = re.compile(r"0|[1-9][0-9]*")
_SIGNED_OR_PADDED = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY_DATE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})(?::[0-9]{2})?")
_DIGITS = re.compile(r"[0-9]+")
_BOOLEANS = {"j": True, "ja": True, "1": True, "true": True, "waar": True, "y": True,
             "yes": True, "n": False, "nee": False, "0": False, "false": False,
             "onwaar": False, "no": False}


def parse_decimal(text: str, *, lo: Decimal | None = None, hi: Decimal | None = None,
                  places: int | None = None, what: str = "getal") -> Decimal:
    """`6,4` and `6.4` both mean 6.4, and `6,50` (as Excel writes it) 6.5; no sign, no leading
    zeros, no thousands separators, no exponent, no NaN, only ASCII digits."""
    found = _DECIMAL.fullmatch(text)
    if not found:
        raise CellError(_not_a_number(text, what, _example(lo, hi, places)))
    fraction = found.group(1) or ""
    if places is not None and len(fraction) > places:
        if fraction[places:].strip("0"):
            raise CellError(f"{quote(text)} heeft te veel decimalen, verwacht hoogstens {places}")
        text = text[: len(text) - (len(fraction) - places)].rstrip(".,")
    value = Decimal(text.replace(",", "."))
    _check_range(value, lo, hi, text, what)
    return value


def parse_int(text: str, *, lo: int | None = None, hi: int | None = None,
              what: str = "geheel getal") -> int:
    candidate = text
    if re.fullmatch(r"[0-9]+[.,]0+", text):  # Excel's 52,0 for 52
        candidate = re.split(r"[.,]", text)[0]
    if not _INTEGER.fullmatch(candidate) or len(candidate) > 12:
        bounds = f" van {lo} tot en met {hi}" if lo is not None and hi is not None else ""
        raise CellError(_not_a_number(text, what, f"een geheel getal{bounds}"))
    value = int(candidate)
    _check_range(value, lo, hi, text, what)
    return value


def _not_a_number(text: str, what: str, expected: str) -> str:
    """Say what is wrong in words a secretary can fix: a sign, leading zeros or odd digits."""
    if _SIGNED_OR_PADDED.fullmatch(text):
        if text[0] in "+-":
            return f"{quote(text)} heeft een teken {text[0]}, verwacht {expected} zonder teken"
        return f"{quote(text)} begint met een nul, verwacht {expected} zonder voorloopnullen"
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in text):
        return (f"{quote(text)} bevat cijfers uit een ander schrift, verwacht {expected} met de "
                "cijfers 0-9")
    return f"{quote(text)} is geen {what}, verwacht {expected}"


def _check_range(value: Any, lo: Any, hi: Any, text: str, what: str) -> None:
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        if lo is not None and hi is not None:
            expected = f"van {_nl(lo)} tot en met {_nl(hi)}"
        elif lo is not None:
            expected = f"minstens {_nl(lo)}"
        else:
            expected = f"hoogstens {_nl(hi)}"
        raise CellError(f"{what} {quote(text)} valt buiten het bereik, verwacht {expected}")


def _nl(value: Any) -> str:
    return str(value).replace(".", ",")


def _example(lo: Any, hi: Any, places: int | None) -> str:
    if places == 0:
        return "bijvoorbeeld 12"
    if lo is not None and hi is not None:
        return f"bijvoorbeeld een getal van {_nl(lo)} tot en met {_nl(hi)} zoals 6,4"
    return "bijvoorbeeld 6,4 of 6.4"


def parse_date(text: str) -> date:
    """`2025-05-14`, `14-5-2025`, `14/05/2025` and an XLSX date-time with time 00:00."""
    found = _ISO_DATE.fullmatch(text) or _ISO_DATE.fullmatch(text.split(" ")[0].split("T")[0])
    try:
        if found:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        found = _DMY_DATE.fullmatch(text)
        if found:
            return date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
    except ValueError as exc:
        raise CellError(f"{quote(text)} is geen bestaande datum, "
                        "verwacht jjjj-mm-dd of d-m-jjjj") from exc
    raise CellError(f"{quote(text)} is geen datum, "
                    "verwacht jjjj-mm-dd (2025-05-14) of d-m-jjjj (14-5-2025)")


def parse_time(text: str) -> str:
    found = _TIME.fullmatch(text)
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise CellError(f"{quote(text)} is geen tijd, verwacht uu:mm zoals 13:30")
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def parse_bool(text: str) -> bool:
    value = _BOOLEANS.get(text.strip().lower())
    if value is None:
        raise CellError(f"{quote(text)} is geen ja/nee-waarde, "
                        "verwacht J of N (ook ja/nee, 1/0, true/false)")
    return value


def parse_code(text: str, *, width: int | None = None, what: str = "code") -> str:
    """A code stays text; a numeric code shorter than `width` lost its leading zeros in
    Excel and gets them back (`11` -> `0011`)."""
    if re.fullmatch(r"[0-9]+[.,]0+", text):  # 1001,0 from a spreadsheet
        text = re.split(r"[.,]", text)[0]
    digits = bool(_DIGITS.fullmatch(text))
    if width is not None and digits and len(text) < width:
        text = text.zfill(width)
    if width is not None and (len(text) != width or not digits):
        raise CellError(f"{quote(text)} is geen geldige {what}, verwacht {width} cijfers (0-9)"
                        + (" zoals 0011" if width == 4 else ""))
    if len(text) > MAX_CODE_CHARS:
        raise CellError(f"{what} {quote(text)} is {len(text)} tekens lang, verwacht hoogstens "
                        f"{MAX_CODE_CHARS}")
    if _INVISIBLE.search(text):
        raise CellError(f"{what} bevat stuurtekens, verwacht gewone tekst")
    return text


def parse_choice(text: str, options: Mapping[str, str], what: str) -> str:
    """One of a fixed list; case-insensitive; `options` maps accepted spellings to the value."""
    key = text.strip().lower()
    if key in options:
        return options[key]
    shown = sorted(set(options.values()))
    raise CellError(f"{quote(text)} is geen geldige {what}, verwacht " + _or_list(shown))


def _or_list(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " of " + items[-1]
