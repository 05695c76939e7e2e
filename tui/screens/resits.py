"""Herkansingen: register SE and CE resit requests with the rule pack's verdict, and the lists
per subject and test that the teachers need (exportable).

Why: the examenreglement decides how many resits a candidate has and which tests may be
resat; the secretary must see that answer with its article before registering, and keep it.
The verdict and the deadline come from `core.resit_register` (the pack's hooks, the same
as `calc se_resit` / `ce_resit`), which also keeps the register; the screen asks, shows and
stores (audited with a reason).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Label, Static

from examenbureau.core import resit_register
from examenbureau.core.io.exports import write_table
from examenbureau.core.resit_register import Request, Verdict
from examenbureau.core.store import Store
from examenbureau.core.wording import counted

from ..columns import set_columns
from ..data import resolve_exam_year
from ..dutch_select import Select
from ..formatting import cited
from ..navbar import NavBar
from .base import StoreScreen, deliver
from .dialogs import Field, FormDialog

COLUMNS = [("Nr", "nr", 5), ("Naam", "naam", 16), ("Srt", "soort", 3), ("Vak", "vak", 6),
           ("Toets", "toets", 8), ("Status", "status", 11), ("Besluit", "besluit", 12)]


MOMENT_FORMAT = "%d-%m-%Y %H:%M"


def _moment(text: str) -> datetime | None:
    """'12-06-2025 09:00' as typed; empty is None; anything else is a Dutch error."""
    if not text.strip():
        return None
    try:
        return datetime.strptime(" ".join(text.split()), MOMENT_FORMAT)
    except ValueError:
        raise ValueError(f"Uitslag bekend op: '{text}' is geen moment; schrijf "
                         "dd-mm-jjjj uu:mm, bijvoorbeeld 12-06-2025 09:00.") from None


def _verdict(store: Store, exam_year: int | None, number: str, kind: str, subject: str,
             test: str, published: str, now: datetime) -> Verdict:
    year = resolve_exam_year(store, exam_year)
    if year is None:
        raise ValueError("Er staan nog geen kandidaten in de database.")
    if kind == "se":
        request = resit_register.se_request(store, year, number, subject, test)
        return resit_register.preview_se_resit(store, year, number, request)
    return resit_register.preview_ce_resit(store, year, number, subject, _moment(published),
                                           now)


class ResitsScreen(StoreScreen):
    TITLE = "Herkansingen"
    WRITES = frozenset({"register"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "register", "Registreren", id="herk-registreren",
                tooltip="De aanvraag met het oordeel van het regelpakket vastleggen"),
        Binding("ctrl+o", "export", "Exporteren", id="herk-exporteren",
                tooltip="De lijst (per vak en toets) naar CSV of XLSX voor de docenten"),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.verdict: Verdict | None = None
        self.year: int | None = None
        self.listed: list[Request] = []

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with Vertical(id="herk-body"):
            with Horizontal(id="herk-kop"):
                yield Label("Nr ")
                yield Input(placeholder="examennr.", id="h-nummer", compact=True)
                yield Select([("SE", "se"), ("CE", "ce")], value="se", allow_blank=False,
                             id="h-soort", compact=True)
                yield Label(" Vak ")
                yield Input(placeholder="bijv. netl", id="h-vak", compact=True)
                yield Label(" Toets ")
                yield Input(placeholder="bijv. NE5-T2", id="h-toets", compact=True)
            with Horizontal(id="h-ce-kop"):
                yield Label("Uitslag bekend op ")
                yield Input(placeholder="dd-mm-jjjj uu:mm (voor de termijn)", id="h-uitslag",
                            compact=True)
            yield Static("", id="h-oordeel")
            yield DataTable(id="h-lijst", cursor_type="row", zebra_stripes=True)
            yield Static("", id="h-status", classes="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#h-nummer", Input).focus()
        self.query_one("#h-ce-kop").display = False
        self.action_reload()

    def fields(self) -> tuple[str, str, str, str]:
        return (self.query_one("#h-nummer", Input).value.strip(),
                str(self.query_one("#h-soort", Select).value),
                self.query_one("#h-vak", Input).value.strip(),
                self.query_one("#h-toets", Input).value.strip())

    # -- the list ------------------------------------------------------------------------------
    def action_reload(self) -> None:
        _number, _kind, subject, test = self.fields()
        year = self.eb_app.exam_year

        def read(store: Store) -> tuple[int | None, list[Request]]:
            y = resolve_exam_year(store, year)
            return y, (resit_register.requests(store, y, subject=subject or None,
                                               test_code=test or None) if y else [])

        self.read_in_background(read, self._listed, group="herk-lijst")

    def _listed(self, found: tuple[int | None, list[Request]]) -> None:
        self.year, self.listed = found
        table = self.query_one("#h-lijst", DataTable)
        set_columns(table, COLUMNS, "besluit")
        for r in self.listed:
            table.add_row(r.exam_number, r.name, r.kind.upper(), r.subject, r.test_code or
                          (f"tv{r.period}" if r.period else ""), r.status, r.decision or "")
        _number, _kind, subject, test = self.fields()
        scope = " ".join(p for p in (subject, test) if p) or "alle vakken"
        self.query_one("#h-status", Static).update(
            f"{counted(len(self.listed), 'aanvraag', 'aanvragen')} ({scope}). "
            "Vak en toets filteren; ctrl+o exporteert.")

    def show_problem(self, text: str) -> None:
        self.query_one("#h-status", Static).update(text)

    def data_changed(self, changes: list[Any]) -> None:
        """A request registered (here or by a colleague), a grade or the pack changed: the
        verdict on screen counted the resits before it, so it is asked again with the list."""
        if any(c.table in ("resit_requests", "candidates", "pta_items", "se_results",
                           "settings") for c in changes):
            self.action_reload()
            self._ask_verdict()

    # -- the verdict as you type -----------------------------------------------------------------
    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.action_reload()
        self._ask_verdict()

    def _ask_verdict(self) -> None:
        number, kind, subject, test = self.fields()
        self.query_one("#h-ce-kop").display = kind == "ce"
        published = self.query_one("#h-uitslag", Input).value
        box = self.query_one("#h-oordeel", Static)
        self.verdict = None
        if not number or not subject or (kind == "se" and not test):
            asked = "examennummer, vak en toets" if kind == "se" else "examennummer en vak"
            box.update(Text(f"Vul {asked} in: het oordeel van het regelpakket verschijnt hier.",
                            style="dim"))
            return
        app: Any = self.app
        year = self.eb_app.exam_year

        def job() -> None:
            try:
                answer = _verdict(app.get_store(), year, number, kind, subject, test,
                                  published, datetime.now())
            except Exception as exc:   # unknown candidate or test, or a pack error: say it
                deliver(app, self._show_verdict, None, str(exc))
                return
            deliver(app, self._show_verdict, answer, None)

        self.run_worker(job, thread=True, exclusive=True, group="herk-oordeel")

    def _show_verdict(self, verdict: Verdict | None, problem: str | None) -> None:
        box = self.query_one("#h-oordeel", Static)
        if verdict is None:
            box.update(Text(problem or "", style="bold red"))
            return
        self.verdict = verdict
        text = Text()
        allowed = verdict.allowed
        text.append({True: "TOEGESTAAN", False: "NIET TOEGESTAAN"}.get(allowed,
                                                                       "NIET TE BEPALEN"),
                    style={True: "bold green", False: "bold red"}.get(allowed, "bold yellow"))
        text.append(f" ({verdict.pack})")
        # the refusals first: the article that decides is what the secretary must see
        reasons = sorted(verdict.reasons, key=lambda r: not r.violated)[:3]
        shown = {r.text for r in reasons}
        if verdict.text not in shown:       # the summary, unless a reason below says it
            text.append(f" {verdict.text}")
        if verdict.left is not None:
            text.append(f" Daarna over: {verdict.left}.")
        for reason in reasons:
            text.append(f"\n  {reason.text}")
            text.append(cited(reason.text, reason.source), style="dim italic")
        if verdict.deadline is not None:
            text.append("\nTermijn: ", style="bold")
            text.append(verdict.deadline.text)
            text.append(f" ({verdict.deadline.source})", style="dim italic")
        box.update(text)

    # -- keys ------------------------------------------------------------------------------------
    def action_register(self) -> None:
        if not self.eb_app.may_write():
            return
        number, kind, subject, test = self.fields()
        verdict = self.verdict
        if verdict is None:
            self.app.notify("Vul eerst een aanvraag in; het oordeel moet er staan.",
                            severity="warning")
            return
        year = self.year or self.eb_app.exam_year
        if year is None:
            return
        source = self.eb_app.write_source("Herkansingen")
        published = self.query_one("#h-uitslag", Input).value

        def save(values: dict[str, str] | None) -> None:
            if not values:
                return

            def job(store: Store) -> tuple[bool, list[str]]:
                # decided again on what the database holds now: the verdict on screen may be
                # a few seconds old, the register keeps the decision made when it is written
                if kind == "se":
                    request = resit_register.se_request(store, year, number, subject, test)
                    done = resit_register.register_se_resit(
                        store, year, number, request, datetime.now(),
                        reason=values["reden"], source=source)
                else:
                    done = resit_register.register_ce_resit(
                        store, year, number, subject, _moment(published), datetime.now(),
                        reason=values["reden"], source=source)
                what = f"{subject} {test}" if kind == "se" else f"{subject} (CE)"
                return True, [f"{number} {what}: {done.status} en vastgelegd."]

            self.eb_app.run_task("Herkansingen", job)

        self.app.push_screen(FormDialog(
            f"Herkansing {kind.upper()} {subject} {test} van {number} vastleggen",
            [Field("reden", "Reden (komt in het logboek)", value="aanvraag kandidaat")]), save)

    def action_export(self) -> None:
        rows = resit_register.request_rows(self.listed)

        def go(values: dict[str, str] | None) -> None:
            if not values:
                return
            path = values["pad"]
            self.eb_app.run_task("Exporteren", lambda store: (True, [write_table(
                path, resit_register.HEADER, rows, sheet="Herkansingen",
                group=store.file_group()).sentence()]))

        self.app.push_screen(FormDialog("Herkansingen exporteren", [
            Field("pad", "Naar bestand (.csv of .xlsx)", placeholder="/pad/herkansingen.xlsx")]),
            go)
