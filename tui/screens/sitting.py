"""Zitting: the sittings of a day, and at the door: may this candidate still go in?

Why: on a CE morning the secretary stands at the door with a list. Typing an exam number must
answer at once whether the candidate may still enter now and until when they write (their
extra time included), from the rule pack (`core.sitting_day.admission`, the calc op
`late_arrival` with the board's `sitting_rules`); the screen also says, before the CE, whose
school exam is not complete. A late arrival, an absence or an irregularity is recorded with a
reason (audited). The clock is the computer's, unless a time is typed (to check a case later).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Label, Static

from examenbureau.core import packs, sitting_day
from examenbureau.core.sitting_day import Sitting, Taker
from examenbureau.core.store import Store
from examenbureau.core.wording import counted

from ..columns import set_columns
from ..data import resolve_exam_year
from ..formatting import cited
from ..navbar import NavBar
from .base import StoreScreen
from .dialogs import Field, FormDialog
from .logbook import parse_day

# (label, key, width); one column of each table takes the width left (tui.columns)
SITTING_COLUMNS = [("Begin", "begin", 5), ("Laatst in", "laatst", 9), ("Einde", "einde", 5),
                   ("Soort", "soort", 5), ("Examen", "examen", 40)]
TAKER_COLUMNS = [("Nr", "nr", 5), ("Naam", "naam", 22), ("Extra", "extra", 5),
                 ("Inleveren", "inleveren", 9), ("SE compleet", "se", 26)]


def load_day(store: Store, exam_year: int | None, day: date) -> tuple[int | None, str,
                                                                      list[Sitting]]:
    year = resolve_exam_year(store, exam_year)
    pack = store.get_setting("rulepack") or packs.STATUTORY
    return year, pack, (sitting_day.sittings_on(store, year, day) if year else [])


def parse_time(text: str) -> time | None:
    text = text.strip().replace(".", ":")
    if not text:
        return None
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise ValueError(f"tijd '{text}' niet herkend; schrijf uu:mm") from None


class SittingScreen(StoreScreen):
    TITLE = "Zitting"
    WRITES = frozenset({"record"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "record('te_laat')", "Te laat", id="zitting-te-laat"),
        Binding("ctrl+b", "record('afwezig')", "Afwezig", id="zitting-afwezig"),
        Binding("ctrl+o", "record('onregelmatigheid')", "Onregelmatigheid",
                id="zitting-onregelmatigheid"),
        Binding("ctrl+n", "focus_number", "Examennummer", id="zitting-nummer", show=False),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day or date.today()
        self.year: int | None = None
        self.pack = packs.STATUTORY
        self.sittings: list[Sitting] = []
        self.takers: list[Taker] = []
        self.current: Sitting | None = None
        # the exam numbers of every sitting of the day, to find a candidate's sitting at the door
        self.day_numbers: list[frozenset[str]] = []

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with Vertical(id="zitting-body"):
            with Horizontal(id="zitting-kop"):
                yield Label("Datum ")
                yield Input(self.day.strftime("%d-%m-%Y"), id="z-datum", compact=True)
                yield Label(" Tijd ")
                yield Input(placeholder="nu", id="z-tijd", compact=True)
                yield Label(" Examennr. ")
                yield Input(placeholder="typ een nummer", id="z-nummer", compact=True)
            yield DataTable(id="z-zittingen", cursor_type="row", zebra_stripes=True)
            yield Static("", id="z-antwoord")
            yield DataTable(id="z-kandidaten", cursor_type="row", zebra_stripes=True)
            yield Static("", id="z-status", classes="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._set_columns()
        self.query_one("#z-nummer", Input).focus()
        self.action_reload()

    def _set_columns(self) -> None:
        """Empty both tables; the exam's name and the candidate's name take the width left."""
        set_columns(self.query_one("#z-zittingen", DataTable), SITTING_COLUMNS, "examen")
        set_columns(self.query_one("#z-kandidaten", DataTable), TAKER_COLUMNS, "naam")

    def on_resize(self) -> None:
        if self.sittings:
            self._day_loaded((self.year, self.pack, self.sittings))
        if self.takers:
            self._takers_loaded(self.takers)

    # -- the day -----------------------------------------------------------------------------
    def action_reload(self) -> None:
        try:
            day = parse_day(self.query_one("#z-datum", Input).value) or date.today()
        except ValueError as exc:
            self.show_problem(str(exc))
            return
        self.day = day
        year = self.eb_app.exam_year
        self.read_in_background(lambda store: load_day(store, year, day), self._day_loaded,
                                group="zitting-dag")

    def show_problem(self, text: str) -> None:
        self.query_one("#z-status", Static).update(text)

    def data_changed(self, changes: list[Any]) -> None:
        if any(c.table in ("ce_exams", "sittings", "incidents", "se_results", "candidates")
               for c in changes):
            self.action_reload()

    def _day_loaded(self, loaded: tuple[int | None, str, list[Sitting]]) -> None:
        self.year, self.pack, self.sittings = loaded
        table = self.query_one("#z-zittingen", DataTable)
        set_columns(table, SITTING_COLUMNS, "examen")
        for s in self.sittings:
            last = sitting_day.last_admission(s, self.pack)
            table.add_row(s.start, last or "—", s.end or "—",
                          s.kind.upper(), s.description or f"{s.subject} {s.test_code or ''}")
        if not self.sittings:
            self.show_problem(f"Geen zittingen op {self.day.strftime('%d-%m-%Y')}.")
            self.current = None
            self.takers = []
            self.day_numbers = []
            self.query_one("#z-kandidaten", DataTable).clear()
            self._answer_number()       # the answer of the day before must not stay on screen
            return
        index = 0
        if self.current is not None:
            index = next((i for i, s in enumerate(self.sittings) if s == self.current), 0)
        table.move_cursor(row=index)
        self._choose(index)
        year, sittings = self.year, list(self.sittings)
        self.day_numbers = []
        if year is not None:
            self.read_in_background(
                lambda store: [frozenset(t.exam_number for t in sitting_day.takers(store, year, s))
                               for s in sittings],
                self._day_numbers_loaded, group="zitting-dag-kandidaten")

    def _day_numbers_loaded(self, numbers: list[frozenset[str]]) -> None:
        self.day_numbers = numbers
        self._answer_number()

    @on(Input.Submitted, "#z-datum")
    def _date_entered(self) -> None:
        self.action_reload()

    @on(Input.Changed, "#z-datum")
    def _date_typed(self, event: Input.Changed) -> None:
        """A whole date read at once: leaving the field with tab kept the old day's sittings
        under the new date. A half-typed date leaves the day shown and says so."""
        try:
            day = parse_day(event.value)
        except ValueError:
            self.show_problem(f"Datum '{event.value.strip()}': schrijf dd-mm-jjjj. Hieronder "
                              f"staan de zittingen van {self.day.strftime('%d-%m-%Y')}.")
            return
        if day is not None and day != self.day:
            self.action_reload()

    @on(DataTable.RowHighlighted, "#z-zittingen")
    def _sitting_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._choose(event.cursor_row)

    def _choose(self, index: int) -> None:
        if not 0 <= index < len(self.sittings) or self.year is None:
            return
        sitting = self.sittings[index]
        if sitting == self.current and self.takers:
            return
        self.current = sitting
        year = self.year
        self.read_in_background(lambda store: sitting_day.takers(store, year, sitting),
                                self._takers_loaded, group="zitting-kandidaten")

    def _takers_loaded(self, takers: list[Taker]) -> None:
        self.takers = takers
        table = self.query_one("#z-kandidaten", DataTable)
        set_columns(table, TAKER_COLUMNS, "naam")
        sitting = self.current
        for t in takers:
            on_time = self._answer(sitting, None, t.extra_minutes) if sitting else {}
            complete = (Text("ja", style="green") if not t.se_missing else
                        Text("nee: " + ", ".join(t.se_missing), style="bold yellow"))
            table.add_row(t.exam_number, t.name,
                          f"+{t.extra_minutes}" if t.extra_minutes else "",
                          on_time.get("hand_in") or "—", complete)
        gaps = sum(1 for t in takers if t.se_missing)
        text = f"{counted(len(takers), 'kandidaat', 'kandidaten')}"
        if sitting is not None and sitting.kind == "ce":
            text += (f"; SE niet compleet bij {gaps}: zie de kolom." if gaps
                     else "; het SE is bij iedereen compleet.")
        text += f" Regelpakket: {self.pack}."
        self.show_problem(text)
        self._answer_number()

    # -- at the door ---------------------------------------------------------------------------
    def _answer(self, sitting: Sitting | None, arrival: time | None, extra: int
                ) -> dict[str, Any]:
        """The pack's answer for an arrival (None: on time, at the start)."""
        if sitting is None:
            return {}
        start = datetime.strptime(sitting.start, "%H:%M").time()
        return sitting_day.admission(sitting, arrival or start, extra, self.pack)

    @on(Input.Changed, "#z-nummer")
    @on(Input.Changed, "#z-tijd")
    def _number_typed(self) -> None:
        self._answer_number()

    def _answer_number(self) -> None:
        box = self.query_one("#z-antwoord", Static)
        number = self.query_one("#z-nummer", Input).value.strip()
        if not number:
            box.update(Text("Typ een examennummer: het antwoord verschijnt hier.", style="dim"))
            return
        taker = next((t for t in self.takers if t.exam_number == number), None)
        if taker is None:
            matches = [t for t in self.takers if t.exam_number.startswith(number)]
            if matches:
                box.update(Text(f"{number}: {len(matches)} mogelijk, typ verder."))
            else:
                box.update(Text(f"{number}: {self._other_sitting(number)}"))
            return
        try:
            arrival = parse_time(self.query_one("#z-tijd", Input).value) or \
                datetime.now().time().replace(second=0, microsecond=0)
        except ValueError as exc:
            box.update(str(exc))
            return
        answer = self._answer(self.current, arrival, taker.extra_minutes)
        text = Text()
        text.append(f"{taker.exam_number} {taker.name}", style="bold")
        if taker.extra_minutes:
            text.append(f" · {taker.extra_minutes} minuten extra tijd")
        text.append(f" · aankomst {arrival.strftime('%H:%M')}: ")
        if answer.get("decidable") is False:
            text.append("niet te bepalen", style="bold yellow")
        elif answer.get("admitted"):
            text.append("MAG NAAR BINNEN", style="bold green")
            text.append(f", schrijft tot {answer.get('hand_in')}")
        else:
            text.append("MAG NIET MEER NAAR BINNEN", style="bold red")
        for reason in answer.get("reasons", [])[:2]:
            text.append(f"\n  {reason.get('text', '')}", style="dim")
            text.append(cited(reason.get("text", ""), reason.get("source")), style="dim italic")
        if taker.se_missing:
            text.append("\n  Let op: SE niet compleet: " + ", ".join(taker.se_missing),
                        style="bold yellow")
        box.update(text)

    def _other_sitting(self, number: str) -> str:
        """At the door the candidate's own sitting of the day is chosen for them: with five
        sittings at 13:30 the secretary should not have to look for it."""
        if not self.sittings:
            return f"op {self.day.strftime('%d-%m-%Y')} is er geen zitting."
        if len(self.day_numbers) != len(self.sittings):
            return "doet niet mee aan deze zitting (de andere zittingen worden gelezen…)."
        found = [i for i, numbers in enumerate(self.day_numbers) if number in numbers]
        if len(found) == 1:
            self.query_one("#z-zittingen", DataTable).move_cursor(row=found[0])
            return f"zit in {self.sittings[found[0]].title}; die zitting is gekozen."
        if found:
            return ("doet niet mee aan deze zitting, wel aan: "
                    + "; ".join(self.sittings[i].title for i in found) + ".")
        if any(n.startswith(number) for numbers in self.day_numbers for n in numbers):
            return "typ verder."
        return "doet vandaag aan geen zitting mee."

    def action_focus_number(self) -> None:
        self.query_one("#z-nummer", Input).focus()

    def action_record(self, kind: str) -> None:
        if not self.eb_app.may_write():
            return
        number = self.query_one("#z-nummer", Input).value.strip()
        sitting, year = self.current, self.year
        if sitting is None or year is None or not any(t.exam_number == number
                                                      for t in self.takers):
            self.app.notify("Typ eerst het examennummer van een kandidaat van deze zitting.",
                            severity="warning")
            return
        try:
            arrival = parse_time(self.query_one("#z-tijd", Input).value) or \
                datetime.now().time().replace(second=0, microsecond=0)
        except ValueError as exc:
            self.app.notify(str(exc), severity="warning")
            return
        start = datetime.strptime(sitting.start, "%H:%M")
        late = max(0, (arrival.hour * 60 + arrival.minute) - (start.hour * 60 + start.minute))
        word = sitting_day.INCIDENT_KINDS[kind]

        def save(values: dict[str, str] | None) -> None:
            if not values:
                return
            at = datetime.combine(self.day, arrival)
            source = self.eb_app.write_source("Zitting")

            def job(store: Store) -> tuple[bool, list[str]]:
                sitting_day.record_incident(
                    store, year, sitting, number, kind, at=at, note=values.get("notitie", ""),
                    reason=values["reden"], source=source,
                    minutes_late=late if kind == "te_laat" else None)
                return True, [f"{number}: {word} vastgelegd ({at.strftime('%H:%M')})."]

            self.eb_app.run_task("Zitting", job)

        self.app.push_screen(FormDialog(
            f"{word.capitalize()}: {number} bij {sitting.title}",
            [Field("notitie", "Wat gebeurde er", required=False),
             Field("reden", "Reden (komt in het logboek)")]), save)
