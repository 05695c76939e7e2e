"""The composition tables: every exam kind the check knows, built from `exam_composition.toml`.

Why data: the slots, profiles, constraints and the articles a problem sentence cites are the
law's, not ours; a reader checks them against the Uitvoeringsbesluit in one file. The file's
`[[checked]]` blocks say, per exam kind (vwo atheneum and gymnasium, havo, vmbo tl, gl, kb,
bb), where its slots are and which articles to cite; this module turns each block into a
`Kind` in one loop. Parsed once per process.
"""

from __future__ import annotations

import functools
import itertools
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

from ..reference import LEVEL_ALIASES, LEVELS, subjects_of

# Items that are on a candidate's list but are no exam subject at all (Uvb 3.10: maatschappelijke
# stage; the schoolexamen rekenen is no exam subject and never counts for the uitslag).
NON_SUBJECTS = frozenset({"msst", "rekenen", "rek", "re"})


@attrs.frozen
class Slot:
    """A place in the exam that `choose` distinct subjects out of `codes` fill."""

    key: str
    part: str                    # gd | pd
    codes: frozenset[str]
    order: tuple[str, ...]       # codes in table order (for messages)
    choose: int
    article: str


@attrs.frozen
class Profile:
    key: str
    name: str
    article: str
    slots: tuple[Slot, ...]
    new_codes: Mapping[str, tuple[str, ...]]   # slot key -> codes added by the 2026-08-01 text
    profielvak: str | None = None
    pg_vakken: tuple[str, ...] = ()


@attrs.frozen
class Kind:
    """One exam kind as the check reads it (a `[[checked]]` block of the TOML)."""

    key: str                     # vwo.atheneum | vwo.gymnasium | havo | vmbo_tl | vmbo_gl | ...
    level: str                   # the law's level: vwo | havo | vmbo-gt | vmbo-kb | vmbo-bb
    variant: str | None          # vwo: atheneum | gymnasium
    leerweg: str | None          # vmbo-gt: gl | tl
    family: str                  # how the rest is checked: havo_vwo | tl | beroeps
    csv_type: str                # vwo | havo | vmbo-tl | vmbo-gl | vmbo-kb | vmbo-bb
    name: str
    article: str                 # the exam article, e.g. "Uvb 3.1"
    profiles_article: str        # where the law lists the profiles
    gd: tuple[Slot, ...]
    profiles: Mapping[str, Profile]
    part_article: Mapping[str, str]
    pws_required: bool
    pws_article: str
    constraints: tuple[Mapping[str, Any], ...]
    vd_sources: frozenset[str]
    vd_sources_new: frozenset[str]
    vd_article: str
    vd_min_hours: int
    vd_count: int
    keuzevakken_min: int
    opleidingscodes: Mapping[str, str]


@attrs.frozen
class Exemption:
    """A vrijstelling or ontheffing the check applies: the note it adds, and what a replaced
    slot cites besides its own article."""

    id: str
    note: str
    slot_article: str = ""


@attrs.frozen
class Tables:
    law: str                                                   # "Uitvoeringsbesluit WVO 2020"
    kinds: Mapping[str, Kind]                                  # in the order they are tried
    groups: Mapping[str, tuple[str, ...]]
    # DUO opleidingscode -> (level, vwo variant, profile keys)
    programme_codes: Mapping[str, tuple[str, str | None, tuple[str, ...]]]
    exemptions: Mapping[str, Exemption]


def _data_text(name: str) -> str:
    return resources.files("examenbureau.data").joinpath(name).read_text(encoding="utf-8")


def _at(toml: Mapping[str, Any], path: str) -> Any:
    value: Any = toml
    for part in path.split("."):
        value = value[part]
    return value


def _resolved(toml: Mapping[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    """A `[[checked]]` block with every `<name>_at = "path"` replaced by `<name>` = its value."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if key.endswith("_at"):
            out[key.removesuffix("_at")] = _at(toml, value)
        elif isinstance(value, dict):
            out[key] = _resolved(toml, value)
        else:
            out[key] = value
    return out


@functools.cache
def tables() -> Tables:
    """Parse the composition table once per process."""
    toml = tomllib.loads(_data_text("exam_composition.toml"))
    groups: dict[str, tuple[str, ...]] = {
        name: tuple(value) for name, value in toml["groups"].items() if isinstance(value, list)}
    for entry in toml["checked"]:
        if entry["family"] == "beroeps":
            t = entry["subjects_type"]
            groups[f"keuzevakken:{t}"] = tuple(c for c, i in subjects_of(t).items() if i.is_keuzevak)

    def codes(value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            return groups[value.removeprefix("@")]
        out: list[str] = []
        for v in value:
            out.extend(codes(v) if isinstance(v, str) and v.startswith("@") else [v])
        return tuple(out)

    def slot(entry: Mapping[str, Any], part: str) -> Slot:
        order = codes(entry["from"])
        return Slot(entry["slot"], part, frozenset(order), order, int(entry.get("choose", 1)),
                    entry["article"])

    def profiles(table: Mapping[str, Any], key_slots: str) -> dict[str, Profile]:
        out = {}
        for key, p in table.items():
            if not isinstance(p, dict) or key_slots not in p:
                continue
            out[key] = Profile(
                key=key, name=p["name"], article=p["article"],
                slots=tuple(slot(s, "pd") for s in p[key_slots]),
                new_codes={s["slot"]: tuple(s["from_2026_08_01_add"]) for s in p[key_slots]
                           if "from_2026_08_01_add" in s},
                profielvak=p.get("profielvak"),
                pg_vakken=tuple(p.get("praktijkgerichte_vakken_gl", ())),
            )
        return out

    kinds: dict[str, Kind] = {}
    programme_codes: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for entry in toml["checked"]:
        k = _resolved(toml, entry)
        vd = k.get("vrije_deel", {})
        if "sources" in vd:   # havo/vwo: every listed source but the school's own subjects
            vd_sources = frozenset(itertools.chain.from_iterable(
                codes(s["from"]) for s in vd["sources"] if s["from"] != "schooleigen"))
        else:
            vd_sources = frozenset(codes(vd.get("from", ())))
        kind = Kind(
            key=k["key"], level=k["level"], variant=k.get("variant"), leerweg=k.get("leerweg"),
            family=k["family"], csv_type=k["subjects_type"], name=k["name"],
            article=k["article"], profiles_article=k["profiles_article"],
            gd=tuple(slot(s, "gd") for s in k["gd"]),
            profiles=profiles(k["profiles"], k["profile_slots"]),
            part_article=dict(k["parts"]),
            pws_required=bool(k["pws"]["required"]), pws_article=k["pws"]["article"],
            constraints=tuple(k.get("constraints", ())),
            vd_sources=vd_sources,
            vd_sources_new=frozenset(vd.get("sources_from_2026_08_01", ())),
            vd_article=vd.get("article", ""), vd_min_hours=int(vd.get("min_hours", 0)),
            vd_count=int(vd.get("count", 0)),
            keuzevakken_min=int(k.get("keuzevakken_min", 0)),
            opleidingscodes=k.get("opleidingscodes", {}),
        )
        kinds[kind.key] = kind
        for prof, code in kind.opleidingscodes.items():
            programme_codes[code] = (kind.level, kind.variant, tuple(prof.split("_")))
    for code, level in toml["checked_programme_codes"].items():
        programme_codes[code] = (level, None, ())
    exemptions = {key: Exemption(key, e["note"], e.get("slot_article", ""))
                  for key, e in toml["checked_exemptions"].items()}
    return Tables(toml["meta"]["law"], kinds, groups, programme_codes, exemptions)


def hours(kind: Kind, code: str) -> int:
    """A subject's study load in hours in this kind's school type (0 when unknown)."""
    info = subjects_of(kind.csv_type).get(code)
    return (info.study_load_hours or 0) if info else 0


def kind_keys(level: str, leerweg: str | None, variant: str | None) -> tuple[str, ...]:
    """The exam kinds a level may be, in the order they are tried: the vwo variant or the
    vmbo-gt leerweg picks one when it is known, else all of the level's kinds are tried."""
    if level in LEVEL_ALIASES:
        level, leerweg = LEVEL_ALIASES[level]
    kinds = [k for k in tables().kinds.values() if k.level == level]
    if not kinds:
        raise ValueError(f"Onbekend niveau '{level}'; verwacht een van {', '.join(LEVELS)}.")
    wanted = (variant or "").strip().lower()
    picked = [k for k in kinds if (k.variant and k.variant == wanted)
              or (k.leerweg and k.leerweg == leerweg)]
    return tuple(k.key for k in (picked or kinds))


def from_programme_code(code: str | None) -> tuple[str, str | None, tuple[str, ...]] | None:
    """(level, vwo variant, profile keys) of a DUO opleidingscode such as 0372 or 0174."""
    if not code:
        return None
    raw = code.strip()
    if raw.isdigit():
        raw = raw.zfill(4)
    return tables().programme_codes.get(raw)


_TL_PROFILE_ALIASES = {
    "T": "TECHNIEK", "TECH": "TECHNIEK", "ZW": "ZORG_EN_WELZIJN", "ZORG": "ZORG_EN_WELZIJN",
    "EC": "ECONOMIE", "ECO": "ECONOMIE", "E": "ECONOMIE", "GR": "GROEN", "GRN": "GROEN",
}


def profile_keys(kind_key: str, profile: str | None) -> tuple[str, ...] | None:
    """TOML profile keys for a profile as a school writes it; () none given; None unknown.

    "E&M", "em", "0372", "economie en maatschappij" all give ("EM",); "NT/NG" gives ("NT", "NG").
    """
    if profile is None or not profile.strip():
        return ()
    kind = tables().kinds[kind_key]
    raw = profile.strip()
    by_name = {p.name.casefold(): k for k, p in kind.profiles.items()}
    if raw.casefold() in by_name:
        return (by_name[raw.casefold()],)
    prog = from_programme_code(raw) if raw.isdigit() else None
    if prog is not None:
        return prog[2] or None
    up = raw.upper().replace("&", "").replace(" EN ", "_EN_").replace(" ", "_").replace("-", "_")
    if up in kind.profiles:
        return (up,)
    if kind_key == "vmbo_tl" and up in _TL_PROFILE_ALIASES:
        return (_TL_PROFILE_ALIASES[up],)
    parts = [p for p in up.replace("/", "+").replace("_", "+").split("+") if p]
    if parts and all(p in kind.profiles for p in parts):
        return tuple(dict.fromkeys(parts))
    return None
