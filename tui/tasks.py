"""Import, export, documents and backup from the TUI: the CLI's work, called the same way.

Why a module of its own: the palette offers these on every screen, and each one is a call into
`core` (never a rule of its own) that runs in a worker and answers with Dutch lines for a
notification. The kinds and their Dutch names are the CLI's, so the TUI and the command line
accept exactly the same files.
"""

from __future__ import annotations

from pathlib import Path

from examenbureau.cli.documents_cmd import WHAT as DOCUMENT_KINDS
from examenbureau.cli.export_cmd import WHAT as EXPORT_KINDS
from examenbureau.core.io.importers import KINDS
from examenbureau.core.store import Store
from examenbureau.core.wording import counted

__all__ = ["DOCUMENT_KINDS", "EXPORT_KINDS", "IMPORT_KINDS", "ReasonNeeded", "backup",
           "closed_text", "documents", "export", "import_one"]

IMPORT_KINDS = {kind: spec.description for kind, spec in KINDS.items()}


class ReasonNeeded(Exception):
    """The file changes what a closing act froze and no reason was given: nothing changed.
    The message is the store's Dutch sentence, worded for the TUI's Reden field."""


def closed_text(exc: Exception) -> str:
    """The store's refusal (core.store.freeze.refusal) as the TUI asks for the reason."""
    text = str(exc)
    cli_hint = '(--reden "...")'
    if cli_hint in text:
        return text.replace(cli_hint, "(het veld Reden hieronder)")
    return f"{text} Vul het veld Reden in en probeer het opnieuw."


def import_one(store: Store, kind: str, path: str, exam_year: int | None,
               source: str | None = None, user_reason: str | None = None
               ) -> tuple[bool, list[str]]:
    """(ok, lines): the importer's own summary, errors and notices.

    `user_reason` is the reason the secretary typed: only with it does a file that changes
    what a closing act froze (`vaststellen`) go through, marked in the audit log; without it
    ReasonNeeded is raised and nothing is written."""
    from examenbureau.core.io.importers import import_file
    from examenbureau.core.store.freeze import ClosedError

    file = Path(path).expanduser()
    if file.is_dir():
        return False, [f"{path} is een map, geen bestand: geef het pad van één bestand."]
    if not file.is_file():
        return False, [f"{path}: bestand bestaat niet."]
    reason = (user_reason or "").strip() or None
    try:
        report = import_file(store, kind, file, exam_year=exam_year, user_reason=reason)
    except ClosedError as exc:
        raise ReasonNeeded(closed_text(exc)) from exc
    lines = [*report.summary_lines(), *(f"let op: {n}" for n in report.notices)]
    after = report.counts.after_closing if report.counts is not None else 0
    if after:
        lines.append(f"Let op: {counted(after, 'regel', 'regels')} gewijzigd na vaststelling, "
                     f"met de reden '{reason}'; gemarkeerd als 'gewijzigd na vaststelling'.")
    if not report.ok:
        lines += report.errors[:20]
        if len(report.errors) > 20:
            lines.append(f"… en {counted(len(report.errors) - 20, 'andere fout', 'andere fouten')}.")
    return report.ok, lines


def export(store: Store, what: str, path: str, exam_year: int | None) -> tuple[bool, list[str]]:
    from examenbureau.core.io import exports

    target = Path(path).expanduser()
    exports.export_format(target)
    if what == "results":
        report = exports.export_results(store, target, exam_year=exam_year)
    elif what == "se-cijfers":
        report = exports.export_se_grades(store, target, exam_year=exam_year)
    else:
        report = exports.export_audit(store, target)
    return True, [report.sentence()]


def documents(store: Store, what: str, folder: str, exam_year: int | None,
              class_name: str | None, include_incomplete: bool = False
              ) -> tuple[bool, list[str]]:
    """One PDF per candidate ready for it; who is left out (SE gap, no result yet) is listed."""
    from examenbureau.core.document_selection import select_for_documents
    from examenbureau.core.io.documents import write_documents

    year = exam_year or store.latest_exam_year()
    if year is None:
        return False, ["De database bevat nog geen kandidaten."]
    chosen = select_for_documents(store, what, year, class_name=class_name or None,
                                  include_incomplete=include_incomplete)
    lines: list[str] = []
    if chosen.ready:
        written = write_documents(store, what, Path(folder).expanduser(), exam_year=year,
                                  class_name=class_name or None, exam_numbers=chosen.ready)
        pdfs = counted(len(written), "PDF", "PDF's")
        lines.append(f"{pdfs} geschreven naar {folder}.")
        if len(written) > 1:
            from examenbureau.core.io.print_batch import combine, combined_name

            target = Path(folder).expanduser() / combined_name(what, year, class_name or None)
            combine(written, target, group=store.file_group())
            lines.append(f"Om af te drukken, alles in één bestand: {target}.")
    else:
        lines.append("Geen PDF geschreven: geen kandidaat is klaar voor dit document.")
    if chosen.left_out:
        lines.append(f"{counted(len(chosen.left_out), 'kandidaat', 'kandidaten')} niet "
                     "meegenomen (kies 'ja' bij 'ook onvolledige' om ze toch te maken):")
        lines += chosen.lines()[:15]
        if len(chosen.left_out) > 15:
            lines.append(f"… en {len(chosen.left_out) - 15} meer.")
    return True, lines


def backup(store: Store, dest: str, user_reason: str | None = None) -> tuple[bool, list[str]]:
    """A consistent copy; the reason, when given, goes into the audit row of the backup."""
    target = Path(dest).expanduser()
    if target.exists() and not target.is_dir():
        return False, [f"{dest} bestaat al; een reservekopie overschrijft nooit een bestand."]
    written = store.backup(target, user_reason=(user_reason or "").strip() or None)
    return True, [f"Reservekopie gemaakt: {written}."]
