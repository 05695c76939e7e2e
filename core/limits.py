"""The bounds every way into examenbureau checks: the importers and `calc` alike.

Why one module: `calc` accepted `L=1e308` and `N="99"` while the N-term import refused N above
3,0. A number the program refuses from a file must be refused from a request too, with the
same bound, so both read it from here.
"""

from __future__ import annotations

import re
from decimal import Decimal

GRADE_LO, GRADE_HI = Decimal("1.0"), Decimal("10.0")
# The CvTE has set N-terms up to 2,7; the regeling names 0,0-2,0 (above 2,0 is a warning).
NTERM_LO, NTERM_HI, NTERM_USUAL = Decimal("0.0"), Decimal("3.0"), Decimal("2.0")
# Score scales (L) and scores (S) of central exams are far below a thousand points.
SCALE_LENGTH_LO, SCALE_LENGTH_HI = 1, 999
SCORE_LO, SCORE_HI = 0, 999
# A PTA weight or a weight inside the combination grade.
WEIGHT_HI = 1000
YEAR_LO, YEAR_HI = 2000, 2100
# No cell of any school file, nor any value of a calc request, is longer than this (the longest
# real ones are PTA descriptions); a longer one is a wrong file or an attack, and is refused
# before anything else looks at it (a 10 MB string of digits would otherwise overflow Decimal).
MAX_CELL_CHARS = 300
# Error messages quote at most this much of a value: a 10 MB cell must not reach stderr.
QUOTE_CHARS = 80
# Invisible characters that change what a person sees: controls, direction overrides (a name
# shown backwards) and zero-width characters (two names that look equal but are not).
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quote(text: str, *, with_length: bool = True) -> str:
    """A value in an error message: quoted, cut off after QUOTE_CHARS characters, on one line.

    Why one function for the importers, `calc` and the grade parser: an error is one line, and a
    10 MB value or a line break inside a quoted value must not reach stderr or split it, whichever
    way the value came in. `with_length=False` where the sentence itself already gives the length.
    """
    shown = INVISIBLE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"),
                          text[:QUOTE_CHARS])
    if len(text) <= QUOTE_CHARS:
        return f"'{shown}'"
    return f"'{shown}…'" + (f" ({len(text)} tekens)" if with_length else "")
