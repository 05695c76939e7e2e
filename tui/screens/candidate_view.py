"""How the Kandidaat screen draws a candidate: pure functions from loaded data to Rich text.

Kept apart from the screen (`candidate.py`) so the screen module holds only what it does (tabs,
keys, editing) and the drawing can be read and tested on its own. Nothing here computes a
grade or a result: the sentences, rules and articles are the engine's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from examenbureau.core import packs
from examenbureau.core.corrections import COLUMN_WORDS, show
from examenbureau.core.logbook import LogLine
from examenbureau.core.rules.answers import Advice, Needed
from examenbureau.core.rules.texts import tenths_nl
from examenbureau.core.store.changes import TABLE_WORDS

from ..data import CandidateFile, SeTest
from ..formatting import MISSING, grade, outcome_label, yes_no


# -- rendering (pure functions of the loaded data) ------------------------------------------------
def facilities_text(file: CandidateFile) -> Text:
    text = Text()
    text.append("Voorzieningen\n", style="bold")
    value = file.personal.get("facilities")
    text.append(str(value) if value else "Geen voorzieningen vastgelegd (zoals extra tijd).")
    return text


def resits_block(result: Any, requests: list[Any]) -> Group | Text:
    """The requests registered for this candidate (Herkansingen, F8), then the CE advice."""
    parts: list[Any] = []
    if requests:
        parts.append(Text("Aangevraagde herkansingen:", style="bold"))
        for r in requests:
            what = f"{r.kind.upper()} {r.subject} {r.test_code or ''}".strip()
            line = Text(f"  {what}: {r.status}")
            if r.decision:
                line.append(f" — {r.decision}", style="dim")
            parts.append(line)
    else:
        parts.append(Text("Geen herkansingen aangevraagd (registreren: F8 Herkansingen).",
                          style="dim"))
    if result is None:
        parts.append(Text("Herkansingsadvies: de uitslag wordt berekend…", style="italic"))
    else:
        _advice(parts, result.advice)
        _needed(parts, result.needed)
    return Group(*parts)


ACTION_WORDS: dict[str, str] = {"insert": "nieuw", "update": "gewijzigd", "delete": "verwijderd",
                "import": "import"}


def log_row(c: LogLine) -> tuple[str, ...]:
    """When (UTC), who, what (the key after year and number, the field in Dutch), old → new,
    why. A grade that followed from another change reads "gevolg: CE-cijfer netl tijdvak 1";
    a change after a closing act says so before its reason."""
    where = _where(c.table, (c.key or "").split("/"))
    field = COLUMN_WORDS.get(c.field or "", c.field or "")
    what = " ".join(p for p in (where, field) if p)
    if c.derived:
        # "CE-cijfer ak tijdvak 2" as the narrow column reads it: "gevolg: CE ak tv2"
        what = "gevolg: " + (c.consequence or "").replace("CE-cijfer ", "CE ").replace(
            " tijdvak ", " tv")
        change = f"{show(_number(c.old))} → {show(_number(c.new))}"
    elif c.action == "update":
        change = f"{show(_number(c.old))} → {show(_number(c.new))}"
    elif c.action == "gevolg":          # how a correction changed this candidate's result
        change = c.new or ""
    else:
        change = ACTION_WORDS.get(c.action, c.action)
    reason = c.reason or ""
    if c.after_closing:
        reason = f"NA VASTSTELLING: {reason}" if reason else "NA VASTSTELLING"
    return (c.when, c.who, what, change, reason)


def log_detail(c: LogLine | None) -> Text:
    """The chosen Logboek line written out in full under the list: the columns cut "SE-resultaat:
    beco" and "netl eindcijfe" off, and the list has no room for whose grade it was."""
    text = Text()
    if c is None:
        return text
    when, who, what, change, reason = log_row(c)
    table = TABLE_WORDS.get(c.table or "", (c.table or c.action or "", ""))[0]
    if c.exam_number:
        text.append(f"kandidaat {c.exam_number}", style="bold")
        text.append(" · ")
    text.append(what if c.derived else (f"{table}: {what}" if what else table))
    if change and change != table:          # an action without a table: 'demo', not twice
        text.append(f" · {change}")
    if reason:
        text.append(f" · reden: {reason}")
    text.append(f" · {who}, {when} UTC", style="dim")
    return text


def log_detail_at(lines: Sequence[LogLine], row: int) -> Text:
    """`log_detail` of the line under a list's cursor (nothing when the list is empty)."""
    return log_detail(lines[row] if 0 <= row < len(lines) else None)


def _where(table: str | None, parts: list[str]) -> str:
    """The part of an audit key a reader needs next to the candidate: 'netl NE-T1 herkansing',
    'ak tv2', '31001 vraag 7' (the year and the exam number are known from the context)."""
    def part(i: int) -> str:
        return parts[i] if len(parts) > i else ""

    if table == "se_results":
        seq = part(5)
        return " ".join(p for p in (part(2), part(3), part(4), seq if seq != "1" else "") if p)
    if table == "ce_scores":
        return f"{part(3)} tv{part(1)}"
    if table == "ce_item_scores":
        return f"{part(1)} vraag {part(3)}"
    if table in ("candidates", "candidate_subjects", "results"):
        return " ".join(parts[2:])
    return " ".join(parts[1:]) if table else ""


def _number(text: str | None) -> Any:
    """Audit values are text ('5.4'); shown as the screens show grades ('5,4')."""
    try:
        return Decimal(text) if text and text[0].isdigit() else text
    except ArithmeticError:
        return text


def header_text(file: CandidateFile) -> Text:
    p = file.personal
    text = Text()
    text.append(file.name, style="bold")
    text.append(f"   examennummer {file.exam_number} · examenjaar {file.exam_year}\n")
    facts = [
        ("Schooltype", file.type_label),
        ("Profiel", p.get("profile")),
        ("Klas", p.get("class_name")),
        ("Leerlingnummer", p.get("student_number")),
        ("Geboortedatum", p["birth_date"].strftime("%d-%m-%Y") if p.get("birth_date") else None),
        ("Geslacht", p.get("gender")),
        ("Cohort", p.get("cohort")),
        ("Opleidingscode", p.get("programme_code")),
        ("Voorzieningen", p.get("facilities")),
    ]
    shown = [f"{label}: {value}" for label, value in facts if value]
    text.append(" · ".join(shown))
    if p.get("pws_title"):
        text.append(f"\nProfielwerkstuk: {p['pws_title']}")
    return text


def result_block(result: Any, problem: str | None) -> Group | Text:
    if result is None:
        return Text(f"Uitslag: {problem or 'wordt berekend…'}", style="italic")
    parts: list[Any] = []
    head = Text()
    head.append("Uitslag: ")
    label = outcome_label(result.passed)
    style = {True: "bold green", False: "bold red"}.get(result.passed, "bold yellow")
    head.append(label.upper(), style=style)
    head.append("   cum laude: ")
    head.append(yes_no(result.cum_laude) if result.cum_laude is not None else "nog niet te bepalen",
                style="bold" if result.cum_laude else "")
    head.append("   combinatiecijfer: ")
    head.append(grade(result.combination_grade))
    parts.append(head)
    _reasons(parts, "Redenen uitslag:", result.reasons)
    _reasons(parts, "Redenen cum laude:", result.cum_laude_reasons)
    _reasons(parts, "Opmerkingen:", result.notes)
    _advice(parts, result.advice)
    _needed(parts, result.needed)
    missing = list(_unique_missing(result))
    if missing:
        parts.append(Text("Ontbreekt:", style="bold"))
        parts.extend(_item_line("?", m.text) for m in missing)
    composition = result.composition
    missing_texts = " ".join(m.text for m in missing)
    problems = [p for p in (composition.problems if composition is not None else [])
                if p not in missing_texts]
    warnings = list(result.warnings)
    if problems or warnings:
        parts.append(Text("Let op:", style="bold"))
        parts.extend(_item_line("!", text) for text in [*problems, *warnings])
    dropped = list(result.dropped)
    if dropped:
        parts.append(Text(f"Niet meegeteld: {', '.join(map(str, dropped))}", style="dim"))
    return Group(*parts)


ADVICE_OPTIONS_SHOWN = 4


def _advice(parts: list[Any], advice: Advice | None) -> None:
    """Results day: which single CE resit makes this candidate pass, or brings cum laude.

    The sentences are the rule engine's (its summary, then one per option); only when one
    resit can change something are the options listed (smallest step first), with the article
    the advice rests on."""
    if advice is None:
        return
    options = advice.options
    if advice.passed and not options:
        return  # geslaagd, and no single resit brings cum laude: nothing to advise
    parts.append(Text("Herkansing:", style="bold"))
    body = Text(advice.summary)
    for option in options[:ADVICE_OPTIONS_SHOWN]:
        body.append("\n• " + option.text)
    if len(options) > ADVICE_OPTIONS_SHOWN:
        body.append(f"\n… en {len(options) - ADVICE_OPTIONS_SHOWN} andere vakken.", style="dim")
    body.append("\n" + advice.source, style="dim italic")
    parts.append(_arrow_block(body))


def _needed(parts: list[Any], needed: Needed | None) -> None:
    """Before the CE: the lowest CE grade per open subject that still lets the candidate pass,
    and the lowest score when the exam's L and N are known (the engine's `needed`)."""
    if needed is None:
        return
    parts.append(Text("Nodig op het CE:", style="bold"))
    body = Text(needed.text)
    if needed.possible and len(needed.subjects) > 1:
        for s in needed.subjects:
            if s.lowest_tenths is not None:
                body.append(f"\n• {s.name}: minimaal {tenths_nl(s.lowest_tenths)}")
    for s in needed.subjects:
        if s.lowest_score is not None and s.n_term is not None:
            body.append(f"\n• {s.name}: dat is een score van minimaal {s.lowest_score} van de "
                        f"{s.scale_length} punten (N-term {grade(s.n_term)})")
    if needed.possible:
        body.append("\n" + needed.source, style="dim italic")
    parts.append(_arrow_block(body))


def _arrow_block(body: Text) -> Table:
    """An arrow and an indented text: advice reads apart from the reasons (✗/✓) above it."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    grid.add_row(Text("→", style="bold"), body)
    return grid


def _reasons(parts: list[Any], title: str, reasons: Iterable[Any]) -> None:
    """Broken rules first (✗), then the rules that hold (✓), each with its rule and article."""
    ordered = sorted(reasons, key=lambda r: not r.violated)
    if not ordered:
        return
    parts.append(Text(title, style="bold"))
    parts.extend(_reason_text(r) for r in ordered)


def _reason_text(reason: Any) -> Table:
    """Mark, sentence and, below it, rule and article; wrapped lines keep their indent."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    mark = Text("✗", style="bold red") if reason.violated else Text("✓", style="green")
    where = f"regel {reason.rule} — {reason.source}"
    if reason.pack and reason.pack != packs.STATUTORY:
        where += f" (regelpakket {reason.pack})"
    body = Text(reason.text)
    body.append("\n")
    body.append(where, style="dim italic")
    grid.add_row(mark, body)
    return grid


def _item_line(mark: str, text: str) -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    grid.add_row(Text(mark, style="bold yellow"), Text(text))
    return grid


def _unique_missing(result: Any) -> Iterable[Any]:
    seen: set[str] = set()
    items = list(result.missing)
    for s in result.subjects:
        items.extend(s.missing)
    for m in items:
        if m.text not in seen:
            seen.add(m.text)
            yield m


def _table(title: str) -> Table:
    """A compact table that fits 80 columns: no outer edge, one header rule."""
    return Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                 pad_edge=False, show_edge=False, expand=False, padding=(0, 0))


def subjects_table(file: CandidateFile, result: Any) -> Table:
    by_subject = {s.subject: s for s in result.subjects} if result is not None else {}
    table = _table("Vakken")
    table.add_column("Vak", no_wrap=True)
    table.add_column("Code", no_wrap=True)
    table.add_column("Naam", no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column("Examendeel", no_wrap=True)
    table.add_column("CE?", no_wrap=True)
    table.add_column("SE", justify="right", no_wrap=True)
    table.add_column("CE", justify="right", no_wrap=True)
    table.add_column("Eind", justify="right", no_wrap=True)
    subjects = list(file.subjects)
    known = {s.subject for s in subjects}
    for s in subjects:
        r = by_subject.get(s.subject)
        table.add_row(s.subject, s.subject_code or MISSING, s.name or MISSING,
                      s.exam_part or MISSING, yes_no(s.has_ce) if s.has_ce is not None else "?",
                      *_grades(r))
    for name, r in by_subject.items():  # a subject the result knows but the file does not list
        if name not in known:
            table.add_row(r.subject, r.subject_code or MISSING, r.name or MISSING, MISSING,
                          yes_no(r.has_ce), *_grades(r))
    if not subjects and not by_subject:
        table.add_row("", "", "Geen vakken opgeslagen.", "", "", "", "", "")
    return table


def _grades(r: Any) -> list[str]:
    if r is None:
        return [MISSING, MISSING, MISSING]
    ce = grade(r.ce_grade) if r.has_ce else ""
    final = grade(r.final_grade)
    if r.final_grade is None and r.assessment:
        final = r.assessment  # lo, kunstvakken: goed / voldoende / onvoldoende
    return [grade(r.se_grade), ce, final]


def description(test: SeTest, subject_names: dict[str, str]) -> str:
    """The PTA description without the subject name it usually starts with."""
    text = test.description or ""
    name = subject_names.get(test.subject)
    if name and text.casefold().startswith(name.casefold() + ":"):
        text = text[len(name) + 1:].strip()
    return text


def ce_table(file: CandidateFile, result: Any) -> Table:
    by_subject = {s.subject: s for s in result.subjects} if result is not None else {}
    table = _table("Centraal examen (CE) per tijdvak")
    table.add_column("Vak")
    table.add_column("Tijdvak", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("L", justify="right")
    table.add_column("N-term", justify="right")
    table.add_column("Status")
    table.add_column("Cijfer", justify="right")
    for s in file.ce_scores:
        r = by_subject.get(s.subject)
        ce_grade = None
        if r is not None and r.ce_grades:
            ce_grade = r.ce_grades.get(s.period)
        status = (s.status or "").replace("_", " ")
        if s.direct_grade is not None:  # stored as received, e.g. a paper exam in tijdvak 3
            status = f"{status} cijfer {grade(s.direct_grade)}".strip()
        table.add_row(s.subject, str(s.period),
                      str(s.score) if s.score is not None else MISSING,
                      str(s.scale_length) if s.scale_length is not None else MISSING,
                      grade(s.n_term), status, grade(ce_grade))
    if not file.ce_scores:
        table.add_row("", "", "", "", "", "Geen CE-scores opgeslagen.", "")
    return table
