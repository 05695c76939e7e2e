"""The DUO subject table (`data/subjects.csv`), parsed once, and every lookup in it.

Why one module: the store keys a subject by its DUO abbreviation (`netl`, `wi`), Cito's DNT and
many exports carry only the 4-digit DUO vakcode, the rules need a subject's facts (central
exam or not, assessment only, part of the combinatiecijfer) and every sentence a parent reads
needs its Dutch name. All of it comes from the same table; the answers depend on the school
type, because the same code can be another subject in another school type.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

import attrs

from .school_types import store_table_types, table_types


@attrs.frozen
class SubjectInfo:
    """Facts of one subject for one school type (a row of subjects.csv)."""

    abbreviation: str            # DUO afkorting (or the project code, see code_status)
    name: str                    # Dutch name as the Uvb writes it
    duo_code: str | None         # 4-digit DUO vakcode with leading zeros; None where unknown
    level: str                   # subjects.csv school type answered for: vwo, havo, vmbo-gl, ...
    school_types: tuple[str, ...]
    category: str                # vak | gd_beoordeling | profielvak | beroepsgericht_keuzevak | ...
    has_ce: bool                 # central exam (vmbo profielvak: the cspe)
    se_only: bool                # only a schoolexamen, whole-number eindcijfer (Uvb 3.13 lid 2)
    assessment_only: bool        # goed/voldoende/onvoldoende, no number (lo, kv1, vmbo pws)
    combination_member: bool     # always part of the combinatiecijfer for this school type
    combination_note: str
    study_load_hours: int | None
    code_status: str
    legal_basis: str
    notes: str

    @property
    def is_keuzevak(self) -> bool:
        return self.category == "beroepsgericht_keuzevak"

    @property
    def is_profielvak(self) -> bool:
        return self.category == "profielvak"

    @property
    def is_praktijkgericht(self) -> bool:
        return self.category == "praktijkgericht_vak"

    @property
    def combination_optional(self) -> bool:
        """The school may add it to the combinatiecijfer (Uvb 3.34 lid 2-3)."""
        return self.combination_note.startswith("optioneel")

    @property
    def group(self) -> str | None:
        """A beroepsgericht keuzevak's DUO group (the profile it belongs to), from the notes."""
        if "DUO-groep " not in self.notes:
            return None
        return self.notes.split("DUO-groep ", 1)[1].split()[0]


# Spellings seen in school exports and in test vectors for a DUO abbreviation; used only when
# the code itself is unknown for the level.
_ALIASES_HAVO_VWO = {
    "inf": "in", "ltc": "latl", "gtc": "grtl", "lat": "latl", "grc": "grtl", "wa": "wisA",
    "wb": "wisB", "wc": "wisC", "wd": "wisD", "bedrijfseconomie": "beco", "m&o": "beco",
}
_ALIASES_VMBO = {"ml": "ma", "ml1": "ma", "nask1": "nsk1", "nask2": "nsk2", "ckv": "kv1",
                 "kv": "kv1"}


@attrs.frozen
class SubjectTable:
    """subjects.csv, indexed the ways it is asked."""

    rows: tuple[SubjectInfo, ...]                              # one per csv row (first type)
    by_type: dict[str, dict[str, SubjectInfo]]                 # table type -> code -> info
    folded: dict[str, dict[str, str]]                          # table type -> casefold -> code
    by_vakcode: dict[str, dict[str, str]]                      # table type -> vakcode -> code


def _data_text(name: str) -> str:
    return resources.files("examenbureau.data").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def subject_table() -> SubjectTable:
    """subjects.csv, parsed once per process."""
    rows: list[SubjectInfo] = []
    by_type: dict[str, dict[str, SubjectInfo]] = {}
    for row in csv.DictReader(io.StringIO(_data_text("subjects.csv")), delimiter=";"):
        types = tuple(t.strip() for t in row["school_types"].split("|") if t.strip())
        infos = [SubjectInfo(
            abbreviation=row["code"],
            name=row["name"],
            duo_code=row["vakcode"].strip() or None,
            level=t,
            school_types=types,
            category=row["category"],
            has_ce=row["has_ce"] == "J",
            se_only=row["se_only"] == "J",
            assessment_only=row["assessment_only"] == "J",
            combination_member=row["combination_member"] == "J",
            combination_note=row["combination_note"],
            study_load_hours=int(row["study_load_hours"]) if row["study_load_hours"] else None,
            code_status=row["code_status"],
            legal_basis=row["legal_basis"],
            notes=row["notes"],
        ) for t in types]
        for info in infos:
            by_type.setdefault(info.level, {})[info.abbreviation] = info
        if infos:
            rows.append(infos[0])
    folded = {t: {c.casefold(): c for c in found} for t, found in by_type.items()}
    by_vakcode = {t: {i.duo_code: c for c, i in found.items() if i.duo_code}
                  for t, found in by_type.items()}
    return SubjectTable(tuple(rows), by_type, folded, by_vakcode)


def subjects_of(table_type: str) -> dict[str, SubjectInfo]:
    """Every subject of one table type (vwo, havo, vmbo-tl, vmbo-gl, vmbo-kb, vmbo-bb), by code."""
    return subject_table().by_type.get(table_type, {})


# -- by level (the engine's spelling) ---------------------------------------------------------------

def canonical_code(code: str, level: str, leerweg: str | None = None) -> str | None:
    """The DUO abbreviation `code` stands for at this level (case-insensitive), or None."""
    return canonical_in(code, table_types(level, leerweg))


@functools.lru_cache(maxsize=65536)
def canonical_in(code: str, types: tuple[str, ...]) -> str | None:
    """The abbreviation `code` stands for in these table types: as written, then ignoring
    case, then as a known alternative spelling (wa -> wisA, nask1 -> nsk1)."""
    t = subject_table()
    raw = (code or "").strip()
    for ct in types:
        if raw in t.by_type.get(ct, {}):
            return raw
    folded = raw.casefold()
    for ct in types:
        hit = t.folded.get(ct, {}).get(folded)
        if hit:
            return hit
    aliases = _ALIASES_VMBO if types[0].startswith("vmbo") else _ALIASES_HAVO_VWO
    alias = aliases.get(folded)
    if alias:
        for ct in types:
            if alias in t.by_type.get(ct, {}):
                return alias
    return None


def subject_info(abbreviation: str, level: str, leerweg: str | None = None) -> SubjectInfo | None:
    """Facts of a subject at a level, or None when the subject is not part of that level.

    For vmbo-gt without a leerweg the gl row answers first (the tl rows differ only for the
    praktijkgerichte vakken and tl has no profielvak or keuzevakken of its own).
    """
    types = table_types(level, leerweg)
    code = canonical_in(abbreviation, types)
    if code is None:
        return None
    return info_in(code, types)


def info_in(code: str | None, types: tuple[str, ...]) -> SubjectInfo | None:
    """The row of `code` (exactly as written) in the first of these table types that has it."""
    if code is None:
        return None
    t = subject_table()
    for ct in types:
        info = t.by_type.get(ct, {}).get(code)
        if info is not None:
            return info
    return None


def subject_by_code(code: str, level: str, leerweg: str | None = None) -> str | None:
    """The abbreviation of a DUO vakcode at a level ("11" and "0011" both give "ne")."""
    raw = (code or "").strip()
    if raw.isdigit():
        raw = raw.zfill(4)
    t = subject_table()
    for ct in table_types(level, leerweg):
        hit = t.by_vakcode.get(ct, {}).get(raw)
        if hit:
            return hit
    return None


def subject_name(table_type: str, code: str) -> str | None:
    """The Dutch name of a subject in one table type, or None when the table lacks it."""
    info = subject_table().by_type.get(table_type, {}).get(code)
    return info.name if info else None


# -- by stored school type and track (the importers' spelling) -------------------------------------

def subject_for_vakcode(vakcode: str, school_type: str, track: str | None) -> str | None:
    """The one abbreviation for this vakcode (exactly as written) in this stored school type;
    None when unknown or ambiguous. A bare "vmbo" searches all four leerwegen
    (`store_table_types`)."""
    keys = store_table_types(school_type, track)
    found = {s.abbreviation for s in subject_table().rows
             if (s.duo_code or "") == vakcode and keys & set(s.school_types)}
    return found.pop() if len(found) == 1 else None


def info_for(code: str, school_type: str | None = None,
             track: str | None = None) -> SubjectInfo | None:
    """The first row of `code` that a stored school type (if given) may stand for."""
    keys = store_table_types(school_type, track) if school_type else None
    for s in subject_table().rows:
        if s.abbreviation == code and (keys is None or keys & set(s.school_types)):
            return s
    return None
