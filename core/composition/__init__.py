"""Is this set of subjects a complete eindexamen? And what role does each subject play?

Three modules: `tables` (the exam kinds of Uvb 3.1-3.7 built from `exam_composition.toml`),
`completeness` (the check of Uvb 3.33: `check_complete`) and `roles` (part, kernvak and
combinatiecijfer of each subject for the uitslag engine: `subject_roles`). Subject facts and
school types come from `examenbureau.core.reference`; the names below that belong there are
re-exported so that callers of `composition` keep working.
"""

from __future__ import annotations

from ..reference import (
    LEVELS,
    SubjectInfo,
    canonical_code,
    normalize_level,
    subject_by_code,
    subject_info,
)
from .completeness import CompositionResult, _check_cached, check_complete
from .roles import CandidateRoles, SubjectRole, subject_roles
from .tables import NON_SUBJECTS, from_programme_code, profile_keys

__all__ = [
    "LEVELS",
    "NON_SUBJECTS",
    "CandidateRoles",
    "CompositionResult",
    "SubjectInfo",
    "SubjectRole",
    "_check_cached",
    "canonical_code",
    "check_complete",
    "from_programme_code",
    "normalize_level",
    "profile_keys",
    "subject_by_code",
    "subject_info",
    "subject_roles",
]
