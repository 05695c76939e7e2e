"""Change one SE result (grade, assessment or status) or add an attempt, with a reason.

The form of `CorrectionDialog` for an SE attempt: what it changes is `core.corrections.
se_correction` on the values `core.corrections.se_values` accepts.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from examenbureau.core import corrections

from ..dutch_select import Select
from .correction import CorrectionDialog, row

STATUS_CHOICES = [("geen", ""), ("niet gemaakt", "niet_gemaakt"), ("vrijstelling", "vrijstelling"),
                  ("onregelmatigheid", "onregelmatigheid")]
ATTEMPT_CHOICES = [("afname", "afname"), ("inhaal", "inhaal"), ("herkansing", "herkansing")]


class SeEditDialog(CorrectionDialog):
    """Edit (or add) one SE attempt of one candidate."""

    SOURCE = "Kandidaat"

    def __init__(self, *, exam_year: int, exam_number: str, name: str, subject: str,
                 test_code: str, description: str, attempt: str, seq: int,
                 current: Any | None, new_attempt: bool = False) -> None:
        heading = Text()
        heading.append(f"{name} ({exam_number})", style="bold")
        heading.append(f" · {subject} {test_code} {description}".rstrip())
        super().__init__(heading)
        self.exam_year, self.exam_number = exam_year, exam_number
        self.subject, self.test_code = subject, test_code
        self.attempt, self.seq = attempt, seq
        self.current = current               # SeAttempt or None (a new attempt)
        self.new_attempt = new_attempt

    def compose_fields(self) -> ComposeResult:
        c = self.current
        grade_text = format(c.grade, "f").replace(".", ",") if c is not None and c.grade else ""
        if self.new_attempt:
            yield row("Poging", Select(ATTEMPT_CHOICES, value=self.attempt, allow_blank=False,
                                       id="se-poging", compact=True))
        else:
            yield Static(f"Poging: {self.attempt}" + (f" {self.seq}" if self.seq != 1 else "")
                         + (f" · versie {c.row_version}" if c is not None else ""))
        yield row("Cijfer", Input(grade_text, placeholder="bijv. 6,4", id="se-cijfer",
                                  compact=True))
        yield row("Beoordeling", Input((c.assessment or "") if c is not None else "",
                                       placeholder="voldaan, goed, voldoende, …",
                                       id="se-beoordeling", compact=True))
        yield row("Status", Select(STATUS_CHOICES, value=(c.status or "") if c is not None else "",
                                   allow_blank=False, id="se-status", compact=True))

    def correction(self) -> corrections.Correction:
        values = corrections.se_values(self.field("se-cijfer"), self.field("se-beoordeling"),
                                       self.field("se-status"))
        attempt = self.field("se-poging") if self.new_attempt else self.attempt
        version = self.current.row_version if self.current is not None else None
        return corrections.se_correction(self.exam_year, self.exam_number, self.subject,
                                         self.test_code, attempt, self.seq, values, version)
