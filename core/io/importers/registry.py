"""Every kind of school file the importers read, one entry each, in the order of a school year.

Adding a kind: write one module that defines its `KindSpec` (columns, validator, and when it
changes results, its `watch`), and add it here. `import_file`, the CLI's list of kinds and the
fuzz tests all read this one table.
"""

from __future__ import annotations

from .candidates import CANDIDATES, SUBJECTS
from .ce_exams import DNT, N_TERMS
from .ce_scores import CE_ITEM_SCORES, CE_SCORES
from .context import KindSpec
from .pws import PWS_TITLES
from .school_exam import PTA, SE_RESULTS
from .year_grades import YEAR_GRADES

KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in (
    CANDIDATES, SUBJECTS, PTA, SE_RESULTS, DNT, N_TERMS, CE_SCORES, CE_ITEM_SCORES, YEAR_GRADES,
    PWS_TITLES,
)}
