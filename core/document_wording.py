"""The words of an official document: the programme with its full profile, the outcome formal.

Why: a cijferlijst is an official paper a pupil keeps for life; it names the programme as the
law does ("havo, profiel Natuur en Gezondheid", not "havo NG") and speaks of "de kandidaat",
never "je". The screens speak to the secretary and a parent; this module is what the paper
says. Names come from the exam composition tables (`core.composition`), nothing is typed here.
"""

from __future__ import annotations

from .composition.tables import kind_keys, profile_keys, tables
from .reference import SchoolType


def programme_text(school_type: str, track: str | None, profile: str | None,
                   variant: str | None = None) -> str:
    """'vwo, profiel Natuur en Techniek'; a profile the tables do not know is shown as given."""
    try:
        level = SchoolType.from_store(school_type, track).level
        keys = kind_keys(level, track, variant)
    except ValueError:
        return " ".join(p for p in (school_type, track, profile) if p)
    kinds = tables().kinds
    kind = kinds[keys[0]]
    # atheneum or gymnasium unknown: the level's own name (both have the same profiles)
    name = kind.name if len(keys) == 1 else kind.name.split(" (")[0]
    if not profile or not profile.strip():
        return name
    found = profile_keys(keys[0], profile)
    if not found:
        return f"{name}, profiel {profile.strip()}"
    names = [kind.profiles[k].name for k in found]
    word = "profiel" if len(names) == 1 else "profielen"
    return f"{name}, {word} {' / '.join(names)}"


def pws_line(title: str) -> str:
    """The profielwerkstuk by its title, as the cijferlijst names it."""
    return f"Profielwerkstuk: {title}"


def formal_outcome(passed: bool | None, cum_laude: bool | None) -> str:
    """The outcome as the paper states it (third person, no reasons: those are on the screen
    and in the Uitslag report, not on the diploma's list)."""
    if passed is None:
        return "De uitslag van de kandidaat is nog niet vastgesteld."
    if not passed:
        return "De kandidaat is afgewezen."
    return "De kandidaat is geslaagd" + (" met lof (cum laude)." if cum_laude else ".")
