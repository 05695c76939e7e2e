"""The Dutch sentence behind every rule check: what a parent reads on results day.

Each sentence carries the numbers that decided it (decimal comma; an unrounded mean is cut
off, never rounded up past the threshold) and the check's `numbers` go along as data.
"""

from __future__ import annotations

from typing import Any

from examenbureau.core.reasons import Reason

from .engine import Check
from .model import ASSESSMENT_NAMES, Exam
from .texts import join_nl, mean_nl, mean_tenths_nl, nl

_PATTERN = {"een_4": "één vier", "twee_5": "twee vijven", "4_en_5": "een vier en een vijf"}


def _list(grades: dict[str, int], names: dict[str, str]) -> str:
    return join_nl(f"{names.get(code, code)} {g}" for code, g in grades.items())


def reason_for(c: Check, exam: Exam, pack: str) -> Reason:
    """The reason behind one rule check: its article, its sentence and the numbers in it."""
    source = exam.rules.sources.get(c.rule)
    if source is None:
        source = f"Uitvoeringsbesluit WVO 2020 ({c.rule})"
    text, numbers = _TEXTS.get(c.rule, _assessment)(c, exam)
    return Reason(c.rule, source, text, numbers, c.violated, pack)


def _ce_average(c: Check, exam: Exam) -> tuple[str, dict[str, Any]]:
    n = c.numbers["count"]
    total_t: int = c.numbers["sum_tenths"]
    minimum = nl(c.numbers["minimum"])
    if n == 0:
        return ("Je hebt geen vakken met een centraal examen; de regel over het gemiddelde van "
                "de CE-cijfers telt dan niet."), {"count": 0}
    mean = mean_tenths_nl(total_t, n)
    total = f"{total_t // 10},{total_t % 10}"
    numbers = {"sum": total.replace(",", "."), "count": n,
               "mean_truncated": mean.replace(",", "."), "minimum": str(c.numbers["minimum"])}
    if c.violated:
        return (f"Het gemiddelde van je CE-cijfers is {mean} ({total} gedeeld door {n}); "
                f"dat moet minimaal {minimum} zijn."), numbers
    return (f"Het gemiddelde van je CE-cijfers is {mean} ({total} gedeeld door {n}); "
            f"dat is minimaal {minimum}."), numbers


def _kernvakken(c: Check, exam: Exam) -> tuple[str, dict[str, Any]]:
    grades: dict[str, int] = c.numbers["grades"]
    names: dict[str, str] = c.numbers["names"]
    numbers = {"grades": grades}
    if not grades:
        return ("Er zijn geen kernvakken aangegeven (kernvak: true); de kernvakkenregel kon niet "
                "worden getoetst."), numbers
    if not c.violated:
        return (f"Je eindcijfers voor de kernvakken ({_list(grades, names)}) voldoen: hoogstens "
                "één 5 en geen cijfer lager dan 5."), numbers
    parts = []
    too_low = {k: g for k, g in grades.items() if g < c.numbers["minimum"]}
    if too_low:
        parts.append(f"in een kernvak mag je eindcijfer niet lager zijn dan 5, en je hebt "
                     f"{_list(too_low, names)}")
    below_six = [k for k, g in grades.items() if g < 6]
    if len(below_six) > 1:
        parts.append(f"in de kernvakken mag je hoogstens één cijfer onder de 6 hebben, en je hebt "
                     f"{_list({k: grades[k] for k in below_six}, names)}")
    text = "Voor de kernvakken Nederlands, Engels en wiskunde geldt: " + "; ".join(parts) + "."
    return text, numbers


def _nederlands(c: Check, exam: Exam) -> tuple[str, dict[str, Any]]:
    grades: dict[str, int] = c.numbers["grades"]
    numbers = {"grades": grades}
    if not grades:
        return ("Nederlands is niet gevonden (geen vak met kernvak: true of code 'ne'); de regel "
                "'Nederlands minimaal 5' kon niet worden getoetst."), numbers
    g = min(grades.values())
    if c.violated:
        return f"Voor Nederlands moet je eindcijfer minimaal een 5 zijn; je hebt een {g}.", numbers
    return f"Je eindcijfer voor Nederlands is {g}; dat is minimaal een 5.", numbers


def _below_four(c: Check, exam: Exam) -> tuple[str, dict[str, Any]]:
    grades: dict[str, int] = c.numbers["grades"]
    names: dict[str, str] = c.numbers["names"]
    word = "eindcijfer" if len(grades) == 1 else "eindcijfers"
    return (f"Je {word}: {_list(grades, names)}. Een eindcijfer van 3 of lager mag niet; dat "
            "kun je met andere cijfers niet compenseren."), {"grades": grades}


def _compensation(c: Check, exam: Exam) -> tuple[str, dict[str, Any]]:
    num = c.numbers
    low: dict[str, int] = num["low"]
    names: dict[str, str] = num["names"]
    pattern: str = num["pattern"]
    total, count = num["sum"], num["count"]
    numbers: dict[str, Any] = {"low": low, "sum": total, "count": count}
    base = pattern.split(":")[0]
    vmbo = num["mean_min"] is None
    if vmbo:
        allowed = ("Toegestaan is één vijf; of één vier of twee vijven als je daarnaast minstens "
                   "één 7 of hoger hebt.")
    else:
        allowed = ("Toegestaan is één vijf; of één vier, twee vijven of een vier en een vijf als "
                   "het gemiddelde van al je eindcijfers minimaal 6,0 is.")
    if pattern == "ok":
        if not low:
            return "Je hebt geen eindcijfer lager dan 6.", numbers
        return f"Je hebt één vijf ({_list(low, names)}) en verder 6 of hoger; dat mag.", numbers
    if pattern == "te_veel":
        return f"Je hebt te veel onvoldoendes: {_list(low, names)}. {allowed}", numbers
    desc = f"{_PATTERN[base]} ({_list(low, names)})"
    if not vmbo:
        mean = mean_nl(total, count)
        numbers["mean_truncated"] = mean.replace(",", ".")
        if c.violated:
            return (f"Je hebt {desc}. Dat mag alleen als het gemiddelde van al je eindcijfers "
                    f"minimaal 6,0 is, en dat is {mean} ({total} gedeeld door {count})."), numbers
        return (f"Je hebt {desc} en verder 6 of hoger, en het gemiddelde van je eindcijfers is "
                f"{mean} ({total} gedeeld door {count}), minimaal 6,0; dat mag."), numbers
    if c.violated:
        return (f"Je hebt {desc}. Dat mag alleen als je daarnaast minstens één 7 of hoger hebt, "
                "en die heb je niet."), numbers
    return f"Je hebt {desc} en verder 6 of hoger, met minstens één 7; dat mag.", numbers


def _components(c: Check, exam: Exam) -> tuple[str, dict[str, Any]]:
    grades: dict[str, int] = c.numbers["grades"]
    comb = c.numbers["combination"]
    numbers = {"grades": grades, "combination_grade": comb}
    if c.violated:
        return ("Geen onderdeel van het combinatiecijfer mag lager zijn dan een 4; je hebt "
                f"{_list(grades, c.numbers['names'])}."), numbers
    shown = f" Het combinatiecijfer is {comb}." if comb is not None else ""
    return f"Alle onderdelen van het combinatiecijfer zijn 4 of hoger.{shown}", numbers


_SUBJECT = {"lo": ("Lichamelijke opvoeding", "moet", "is"),
            "kunstvakken": ("De kunstvakken (inclusief ckv)", "moeten", "zijn"),
            "pws": ("Het profielwerkstuk", "moet", "is")}


def _assessment(c: Check, exam: Exam) -> tuple[str, dict[str, Any]]:
    name, must, be = _SUBJECT.get(c.rule, (ASSESSMENT_NAMES.get(c.rule, c.rule), "moet", "is"))
    value = c.numbers.get("value")
    shown = f"'{value}'" if value is not None else "geen beoordeling"
    if c.violated:
        return (f"{name} {must} 'voldoende' of 'goed' zijn; je hebt {shown}."), {"value": value}
    return f"{name} {be} '{value}'.", {"value": value}


_TEXTS = {
    "ce_gemiddelde": _ce_average,
    "kernvakken": _kernvakken,
    "nederlands": _nederlands,
    "eindcijfer_onder_4": _below_four,
    "compensatie": _compensation,
    "combinatie_onderdeel": _components,
}


def dropped_note(exam: Exam, dropped: frozenset[str], pack: str) -> Reason:
    names = [exam.name_of(c) for c in sorted(dropped)]
    one = len(names) == 1
    text = (f"{join_nl(names)} {'is' if one else 'zijn'} niet meegeteld voor de uitslag: zonder "
            f"{'dat vak' if one else 'die vakken'} ben je geslaagd, en de overige vakken vormen "
            "nog een volledig examen.")
    return Reason("weglaten", exam.rules.sources.get(
        "weglaten", "Uitvoeringsbesluit WVO 2020 art. 3.33 lid 3"), text,
        {"dropped": sorted(dropped)}, False, pack)


def composition_reason(exam: Exam, problems: tuple[str, ...], pack: str) -> Reason:
    detail = " ".join(problems) if problems else "de samenstelling klopt niet."
    return Reason("samenstelling", exam.rules.sources.get(
        "samenstelling", "Uitvoeringsbesluit WVO 2020 art. 3.33 lid 1"),
        f"Je vakken vormen geen volledig eindexamen: {detail}",
        {"problems": list(problems)}, True, pack)


def note(exam: Exam, rule: str, source: str, text: str, numbers: dict[str, Any],
         pack: str) -> Reason:
    return Reason(rule, source, text, numbers, False, pack)
