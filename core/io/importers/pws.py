"""Titles of the profielwerkstukken: what the official cijferlijst names beside the PWS grade.

Why a kind of its own and not a column of candidates.csv: the titles come months after the
candidates are registered, from the PWS coordinator, and a candidates file without titles must
never erase them. One row per candidate; a title is plain text of one line (it is printed on
the cijferlijst), at most MAX_TITLE characters.

Format (`;`): examenjaar;examennummer;pws_titel  (the column may also be called `titel`).
"""

from __future__ import annotations

from ..reading import Column
from .context import Cells, Context, KindSpec, Rows, exam_number

MAX_TITLE = 200


def _validate(ctx: Context) -> Rows:
    out: Rows = []
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        year = ctx.year(c)
        number = exam_number(c)
        ctx.candidate(c, year, number)
        title = c.get("pws_titel", required=True, expected="de titel van het profielwerkstuk")
        if title is not None:
            title = " ".join(title.split())
            if len(title) > MAX_TITLE:
                c.error("pws_titel", f"is {len(title)} tekens lang, verwacht hoogstens "
                        f"{MAX_TITLE} (de titel staat op de cijferlijst)")
        if not c.failed:
            out.append((row.line, {"exam_year": year, "exam_number": number, "title": title}))
    return out


PWS_TITLES = KindSpec(
    "pws", "pws_titles", ("exam_year", "exam_number"), (
        Column("examenjaar"), Column("examennummer", True),
        Column("pws_titel", True, aliases=("titel", "titel_pws", "profielwerkstuk")),
    ), "titels van profielwerkstukken (pws.csv)", _validate)
