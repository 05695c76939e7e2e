"""Reference data every part of examenbureau shares: school types and the DUO subject table.

`school_types`: the spellings of a school type (stored school type + track, the law's level +
leerweg, the subject table's school type) and the conversions between them (`SchoolType`).
`subjects`: `data/subjects.csv`, parsed once, with one `SubjectInfo` per subject and school
type and every lookup (by abbreviation, by DUO vakcode, by name).
"""

from __future__ import annotations

from .school_types import (
    LEVEL_ALIASES,
    LEVELS,
    STORE_SCHOOL_TYPES,
    STORE_TRACKS,
    TABLE_TYPES,
    SchoolType,
    normalize_level,
    store_table_types,
    table_type,
    table_types,
)
from .subjects import (
    SubjectInfo,
    SubjectTable,
    canonical_code,
    canonical_in,
    info_for,
    info_in,
    subject_by_code,
    subject_for_vakcode,
    subject_info,
    subject_name,
    subject_table,
    subjects_of,
)

__all__ = [
    "LEVELS",
    "LEVEL_ALIASES",
    "STORE_SCHOOL_TYPES",
    "STORE_TRACKS",
    "TABLE_TYPES",
    "SchoolType",
    "SubjectInfo",
    "SubjectTable",
    "canonical_code",
    "canonical_in",
    "info_for",
    "info_in",
    "normalize_level",
    "store_table_types",
    "subject_by_code",
    "subject_for_vakcode",
    "subject_info",
    "subject_name",
    "subject_table",
    "subjects_of",
    "table_type",
    "table_types",
]
