"""The DUO subject table shipped in `examenbureau.data/subjects.csv`, for mapping a vakcode to
the subject abbreviation that is our key.

Why: Cito's DNT and many school exports carry only the 4-digit DUO vakcode, while the store
keys subjects by their DUO abbreviation (`netl`, `wi`). The same vakcode can mean the same
subject in several school types, so the lookup is per school type (and vmbo leerweg).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

import attrs


@attrs.frozen
class SubjectInfo:
    code: str          # abbreviation, e.g. netl
    vakcode: str       # DUO vakcode, '' when it has none
    name: str          # Dutch name
    school_types: tuple[str, ...]   # vwo, havo, vmbo-bb, vmbo-kb, vmbo-gl, vmbo-tl


@lru_cache(maxsize=1)
def subjects() -> tuple[SubjectInfo, ...]:
    text = resources.files("examenbureau.data").joinpath("subjects.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        out.append(SubjectInfo(row["code"], row.get("vakcode") or "", row.get("name") or "",
                               tuple(t for t in (row.get("school_types") or "").split("|") if t)))
    return tuple(out)


def school_type_keys(school_type: str, track: str | None) -> set[str]:
    """`vmbo` + `gl-tl` -> {vmbo-gl, vmbo-tl}; `havo` -> {havo}; bare `vmbo` -> all four."""
    if school_type != "vmbo":
        return {school_type}
    if not track:
        return {"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"}
    return {f"vmbo-{part}" for part in track.split("-")}


def subject_for_vakcode(vakcode: str, school_type: str, track: str | None) -> str | None:
    """The one abbreviation for this vakcode in this school type; None if unknown/ambiguous."""
    keys = school_type_keys(school_type, track)
    found = {s.code for s in subjects() if s.vakcode == vakcode and keys & set(s.school_types)}
    return found.pop() if len(found) == 1 else None


def info_for(code: str, school_type: str | None = None,
             track: str | None = None) -> SubjectInfo | None:
    keys = school_type_keys(school_type, track) if school_type else None
    for s in subjects():
        if s.code == code and (keys is None or keys & set(s.school_types)):
            return s
    return None
