"""One importer per kind of school file: read tolerantly, validate strictly, write all or nothing.

The whole file is validated against itself and against what the database already holds (known
candidate, known PTA test, known exam, score within the scale); any problem refuses the whole
file and lists every bad line as `file:line: column: wat er mis is, wat werd verwacht`. Only a
clean file is written, in one audited transaction, by key, so importing the same file again
changes nothing and says so, and an updated file (the DNT is re-published many times a year)
changes exactly what changed.

Entry point: `import_file(store, kind, path, exam_year=None)` -> `ImportReport`.

The package: `registry` (the kinds, `KINDS`), `run` (one import from file to database),
`context` (what every importer shares: `KindSpec`, the report, typed cells, what the database
holds), `vocabulary` (accepted spellings and bounds), and one module per family of files:
`candidates` (candidates, subjects), `school_exam` (PTA, SE results), `ce_exams` (DNT,
N-terms), `ce_scores` (CE scores, scores per question).
"""

from __future__ import annotations

from ...result_changes import AffectedCandidate
from .context import ImportReport, KindSpec
from .registry import KINDS
from .run import import_file

__all__ = ["KINDS", "AffectedCandidate", "ImportReport", "KindSpec", "import_file"]
