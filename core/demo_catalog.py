"""Reference material of the fictional demo school: who can be there, what they take, when.

Everything here is small (a few thousand values at most) and plain Python; `core/demo.py` loads
it into temporary tables and lets DuckDB multiply it out to any number of candidates. Keeping
the catalogue apart from the SQL makes it reviewable on its own: every subject package below is
built from the slots of `exam_composition.toml` (Uvb 3.1-3.7), every subject code and its
central-exam flag come from `subjects.csv`.

Pseudo-randomness is `mix()`: MurmurHash3's 32-bit finaliser, the same arithmetic the SQL side
uses (`demo._macros`). Python's `random` is avoided on purpose: its algorithms may change
between Python versions, and the demo must be the same school for the same seed.

All people, numbers, NEX-IDs, scale lengths and N-terms are fictional. The CE exams of the demo
year (Cito's DNT) are built in `demo_exams.py` from this catalogue.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import attrs

from .reference import SubjectInfo, subjects_of

MASK32 = 0xFFFFFFFF

EXAM_YEAR = 2025
SCHOOL_NAME = "Fictief Voorbeeldcollege"
BRIN = "99ZZ"


# ------------------------------------------------------------------------------------------
# Deterministic pseudo-random numbers
# ------------------------------------------------------------------------------------------
def fmix(x: int) -> int:
    """MurmurHash3 fmix32: a bijection on 32-bit integers that scrambles every bit."""
    h = x & MASK32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK32
    h ^= h >> 16
    return h


def seed_key(seed: int) -> int:
    """The seed as it enters every hash (also inlined into the SQL macro)."""
    return fmix(seed & MASK32)


# Odd 32-bit constants that spread the three inputs over the whole word before the finaliser.
K_A, K_B, K_C = 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D


def mix(seed: int, a: int, b: int = 0, c: int = 0) -> int:
    """A 32-bit pseudo-random number for (seed, a, b, c); the SQL macro `rnd(a, b, c)` equals it.

    One finaliser over a linear combination (not a chain of three): in SQL a macro is expanded
    inline, and a chain would make every query's expression tree 64 times larger.
    """
    x = ((a * K_A) & MASK32) + ((b * K_B) & MASK32) + ((c * K_C) & MASK32) + seed_key(seed)
    return fmix(x & MASK32)


def text_key(text: str) -> int:
    """A stable small integer for a code such as 'netl' (hash() of str is salted per process)."""
    h = 0
    for ch in text.encode("utf-8"):
        h = fmix((h * 31 + ch) & MASK32)
    return h & 0xFFFFF


# ------------------------------------------------------------------------------------------
# Subjects (from data/subjects.csv, through core.reference)
# ------------------------------------------------------------------------------------------
def subject(code: str, csv_type: str) -> SubjectInfo:
    """The subject-table row of `code` for one school type of subjects.csv."""
    try:
        return subjects_of(csv_type)[code]
    except KeyError:  # a catalogue typo must fail loudly, not produce an unknown subject
        raise KeyError(f"vak {code!r} staat niet in subjects.csv voor {csv_type}") from None


def keuzevakken(group: str) -> list[str]:
    """Beroepsgerichte keuzevakken of one profile's DUO group, in a fixed order."""
    return sorted(s.abbreviation for s in subjects_of("vmbo-kb").values()
                  if s.is_keuzevak and s.group == group)


# ------------------------------------------------------------------------------------------
# The six school types and leerwegen (seven tracks: vwo has atheneum and gymnasium)
# ------------------------------------------------------------------------------------------
@attrs.frozen
class Track:
    key: str                   # atheneum | gymnasium | havo | tl | gl | kb | bb
    label: str                 # Dutch, for the summary
    school_type: str           # candidates.school_type
    track: str | None          # candidates.track (leerweg)
    variant: str | None        # candidates.variant
    csv_type: str              # school type in subjects.csv
    share: int                 # per mille of the candidates
    exam_prefix: str           # first digit of the exam number
    class_prefix: str          # V6, G6, H5, 4T, ...
    class_style: str           # "letter" (V6a) or "number" (4T1)
    cohort: str
    first_year: int            # leerjaar in which the cohort's PTA starts
    final_year: int
    born_from: date            # typical birth dates: from here to a year later
    pta_type: str              # pta_items.school_type


def _track(key: str, label: str, school_type: str, track: str | None, variant: str | None,
           csv_type: str, share: int, prefix: str, klass: str) -> Track:
    upper = school_type != "vmbo"
    cohort, first, final, born = {"vwo": ("2022-2025", 4, 6, date(2006, 10, 1)),
                                  "havo": ("2023-2025", 4, 5, date(2007, 10, 1)),
                                  "vmbo": ("2023-2025", 3, 4, date(2008, 10, 1))}[school_type]
    return Track(key, label, school_type, track, variant, csv_type, share, prefix, klass,
                 "letter" if upper else "number", cohort, first, final, born, school_type)


TRACKS: tuple[Track, ...] = (
    _track("atheneum", "vwo (atheneum)", "vwo", None, "atheneum", "vwo", 160, "6", "V6"),
    _track("gymnasium", "vwo (gymnasium)", "vwo", None, "gymnasium", "vwo", 80, "7", "G6"),
    _track("havo", "havo", "havo", None, None, "havo", 300, "5", "H5"),
    _track("tl", "vmbo tl", "vmbo", "tl", None, "vmbo-tl", 220, "4", "4T"),
    _track("gl", "vmbo gl", "vmbo", "gl", None, "vmbo-gl", 80, "3", "4G"),
    _track("kb", "vmbo kb", "vmbo", "kb", None, "vmbo-kb", 90, "2", "4K"),
    _track("bb", "vmbo bb", "vmbo", "bb", None, "vmbo-bb", 70, "1", "4B"),
)


def track_counts(candidates: int) -> list[int]:
    """How many candidates each track gets: shares by largest remainder, at least one each."""
    if candidates < len(TRACKS):
        raise ValueError(f"minstens {len(TRACKS)} kandidaten nodig (één per schoolsoort, "
                         "leerweg en vwo-variant)")
    total = sum(t.share for t in TRACKS)
    exact = [candidates * t.share for t in TRACKS]
    counts = [max(1, e // total) for e in exact]
    order = sorted(range(len(TRACKS)), key=lambda i: (-(exact[i] % total), i))
    i = 0
    while sum(counts) < candidates:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts) > candidates:  # only when the minimum of one pushed it over
        counts[max(range(len(counts)), key=lambda k: counts[k])] -= 1
    return counts


# ------------------------------------------------------------------------------------------
# Subject packages: complete exams per track and profile (Uvb 3.1-3.7)
# ------------------------------------------------------------------------------------------
@attrs.frozen
class PackageRow:
    code: str
    part: str                  # candidate_subjects.exam_part


@attrs.frozen
class Profile:
    track: str
    key: str                   # stored in candidates.profile
    weight: int                # relative share within the track
    programme_code: str | None
    variants: tuple[tuple[PackageRow, ...], ...]   # complete packages; the last row may be 'extra'


Slots = list[tuple[str, ...]]   # each slot: the subjects that may fill it
Codes = tuple[str, ...]

# What this school offers per slot. Only combinations the law allows are listed (maths A+B or
# B+C, no kunst pairs; vrij-deel subjects of at least 440 h vwo / 320 h havo).
_GD_ATHENEUM: Slots = [("netl",), ("entl",), ("fatl", "dutl", "sptl"), ("maat",), ("ckv",), ("lo",)]
_GD_GYMNASIUM: Slots = [("netl",), ("entl",), ("latl", "grtl"), ("maat",), ("lo",)]
_GD_HAVO: Slots = [("netl",), ("entl",), ("maat",), ("ckv",), ("lo",)]

# profile: (fixed slots, profielkeuzevak choices, vrij-deel choices)
_VWO_PROFILES: dict[str, tuple[Slots, Codes, Codes]] = {
    "NT": ([("wisB",), ("nat",), ("schk",)], ("biol", "in", "wisD", "nlt"),
           ("ak", "econ", "fi", "dutl", "biol")),
    "NG": ([("wisA", "wisB"), ("biol",), ("schk",)], ("nat", "ak", "nlt"),
           ("ak", "econ", "dutl", "fi", "maw")),
    "EM": ([("wisA", "wisB"), ("econ",), ("ges",)], ("beco", "ak", "maw", "dutl"),
           ("ak", "fi", "beco", "kubv", "fatl")),
}
_HAVO_PROFILES: dict[str, tuple[Slots, Codes, Codes]] = {
    "NT": ([("wisB",), ("nat",), ("schk",)], ("biol", "in", "wisD", "nlt"),
           ("ak", "econ", "dutl", "biol")),
    "NG": ([("wisA", "wisB"), ("biol",), ("schk",)], ("nat", "ak", "nlt"),
           ("dutl", "econ", "ak", "fatl", "maw")),
    "EM": ([("wisA", "wisB"), ("econ",), ("ges",)], ("beco", "ak", "maw", "dutl", "fatl"),
           ("ak", "dutl", "beco", "kubv", "fatl")),
}
# CM: (fixed slots, cultureel, maatschappelijk, vrij deel)
_VWO_CM: tuple[Slots, Codes, Codes, Codes] = (
    [("wisC", "wisA"), ("ges",)], ("kubv", "kumu", "fatl", "dutl"), ("ak", "maw", "econ"),
    ("fi", "beco", "ak", "sptl"))
_HAVO_CM: tuple[Slots, Codes, Codes, Codes] = (
    [("ges",), ("dutl", "fatl", "sptl")], ("kubv", "kumu", "te"), ("ak", "maw", "econ"),
    ("wisA", "beco", "ak", "fi"))
_EXTRA_HAVO_VWO = ("fi", "in", "sptl", "bsm", "ak")

_TL_PROFILES: dict[str, tuple[Slots, Codes]] = {
    # name stored in candidates.profile: (profieldeel slots, vrije-deel pool)
    "techniek": ([("wi",), ("nsk1",)], ("nsk2", "ec", "ak", "du", "bi", "gs")),
    "zorg en welzijn": ([("bi",), ("wi", "ma2", "gs")], ("ec", "ak", "du", "nsk1", "gs", "fa")),
    "economie": ([("ec",), ("wi", "du", "fa")], ("ak", "gs", "bi", "du", "wi", "ma2")),
    "groen": ([("wi",), ("bi", "nsk1")], ("ak", "ec", "bi", "nsk1", "du")),
}
_TL_WEIGHTS = {"techniek": 25, "zorg en welzijn": 25, "economie": 40, "groen": 10}
_EXTRA_TL = ("ak", "gs", "nsk2", "ec", "bte")
_VMBO_MVT = {"fa", "du", "sp", "tu", "ar"}

# vmbo beroepsgerichte profielen this school offers per leerweg (profielvak: share), and the
# algemene vakken of each (Uvb 2.21 lid 2 / 2.25 lid 2)
_VMBO_PROFILES = {
    "gl": {"zw": 35, "eo": 30, "bwi": 15, "mvic": 20},
    "kb": {"zw": 30, "eo": 25, "bwi": 15, "pie": 15, "hbr": 15},
    "bb": {"zw": 30, "eo": 20, "bwi": 20, "pie": 15, "hbr": 15},
}
_ALGEMENE_VAKKEN: dict[str, Slots] = {
    "bwi": [("wi",), ("nsk1",)], "pie": [("wi",), ("nsk1",)], "mobt": [("wi",), ("nsk1",)],
    "mvic": [("wi",), ("nsk1",)], "mate": [("wi",), ("nsk1",)],
    "zw": [("bi",), ("wi", "ma2", "gs", "ak")], "eo": [("ec",), ("wi", "du", "fa")],
    "hbr": [("ec",), ("wi", "du")], "grn": [("wi",), ("bi", "nsk1")],
}
_GL_VRIJ = ("ak", "gs", "du", "ec", "bi", "wi", "ma2")

# DUO opleidingscodes (Regeling codetabellen, bijlage I): 0170-0173 atheneum, 0270-0273
# gymnasium, 0370-0373 havo, 0400 vmbo tl; the bovenbouw codes of bb/kb/gl are not known here.
_PROGRAMME = {"atheneum": "01", "gymnasium": "02", "havo": "03"}
_PROFILE_DIGITS = {"NT": "70", "NG": "71", "EM": "72", "CM": "73"}


def _product(slots: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    return [combo for combo in itertools.product(*slots) if len(set(combo)) == len(combo)]


def _spread(items: list, limit: int) -> list:
    """At most `limit` items spread over the whole list (so every choice is represented)."""
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _with_extra(rows: list[PackageRow], pool: Iterable[str], salt: int) -> tuple[PackageRow, ...]:
    """The package plus one extra subject (not already in it); candidates may or may not take it."""
    taken = {r.code for r in rows}
    options = [c for c in pool if c not in taken]
    return (*rows, PackageRow(options[salt % len(options)], "extra"))


def _havo_vwo_variants(track: Track, profile: str) -> list[tuple[PackageRow, ...]]:
    gd = {"havo": _GD_HAVO, "atheneum": _GD_ATHENEUM, "gymnasium": _GD_GYMNASIUM}[track.key]
    packages: list[tuple[PackageRow, ...]] = []
    for gd_combo in _product(gd):
        parts: list[tuple[Codes, Codes, str]] = []
        if profile == "CM":
            fixed, cult, maat, vrij = _HAVO_CM if track.key == "havo" else _VWO_CM
            for f in _product(fixed):
                for c, m, v in itertools.product(cult, maat, vrij):
                    picked = (*gd_combo, *f, c, m, v)
                    if len(set(picked)) == len(picked) and not {"wisA", "wisC"} <= set(picked):
                        parts.append((f, (c, m), v))
        else:
            fixed, keuze, vrij = (_HAVO_PROFILES if track.key == "havo" else _VWO_PROFILES)[profile]
            for f in _product(fixed):
                for k, v in itertools.product(keuze, vrij):
                    picked = (*gd_combo, *f, k, v)
                    if len(set(picked)) == len(picked):
                        parts.append((f, (k,), v))
        for f, pk, v in parts:
            if v in ("wisA", "wisB", "wisC", "wisD") and profile != "CM":
                continue
            if "wisD" in pk and "wisB" not in f:
                continue
            rows = [PackageRow(c, "gemeenschappelijk") for c in gd_combo]
            rows += [PackageRow(c, "profiel") for c in f]
            rows += [PackageRow(c, "profielkeuze") for c in pk]
            rows += [PackageRow(v, "vrij"), PackageRow("pws", "profielwerkstuk")]
            packages.append(tuple(rows))
    chosen = _spread(packages, 24)
    return [_with_extra(list(p), _EXTRA_HAVO_VWO, i) for i, p in enumerate(chosen)]


def _tl_variants(profile: str) -> list[tuple[PackageRow, ...]]:
    fixed, pool = _TL_PROFILES[profile]
    packages = []
    for f in _product(fixed):
        for v1, v2 in itertools.combinations(pool, 2):
            picked = (*f, v1, v2)
            if len(set(picked)) != len(picked):
                continue
            if sum(1 for c in picked if c not in _VMBO_MVT) < 2:   # Uvb 3.4 lid 1 c
                continue
            rows = [PackageRow(c, "gemeenschappelijk") for c in ("ne", "en", "ma", "lo", "kv1")]
            rows += [PackageRow(c, "profiel") for c in f]
            rows += [PackageRow(v1, "vrij"), PackageRow(v2, "vrij"),
                     PackageRow("pws", "profielwerkstuk")]
            packages.append(tuple(rows))
    chosen = _spread(packages, 16)
    return [_with_extra(list(p), _EXTRA_TL, i) for i, p in enumerate(chosen)]


def _beroeps_variants(track: Track, profielvak: str) -> list[tuple[PackageRow, ...]]:
    kv = keuzevakken(profielvak.upper())
    need = 2 if track.key == "gl" else 4
    packages: list[tuple[PackageRow, ...]] = []
    for f in _product(_ALGEMENE_VAKKEN[profielvak]):
        # gl: one algemeen vak in the vrije deel; kb/bb: three keuzevak rotations instead
        vrij_options: Sequence[str | None] = (
            [c for c in _GL_VRIJ if c not in f] if track.key == "gl" else [None, None, None])
        for i, vrij in enumerate(vrij_options):
            start = (i * 3 + len(packages)) % len(kv)
            picks = [kv[(start + j) % len(kv)] for j in range(need)]
            rows = [PackageRow(c, "gemeenschappelijk") for c in ("ne", "en", "ma", "lo", "kv1")]
            rows += [PackageRow(c, "profiel") for c in f]
            if vrij:
                rows.append(PackageRow(vrij, "vrij"))
            rows.append(PackageRow(profielvak, "profielvak"))
            rows += [PackageRow(c, "keuzevak") for c in picks]
            if track.key == "gl":
                rows.append(PackageRow("pws", "profielwerkstuk"))
            rows.append(PackageRow(kv[(start + need) % len(kv)], "extra"))
            packages.append(tuple(rows))
    return _spread(packages, 12)


def _build_profiles() -> dict[str, list[Profile]]:
    out: dict[str, list[Profile]] = {}
    for track in TRACKS:
        profiles: list[Profile] = []
        if track.school_type in ("vwo", "havo"):
            weights = ({"NT": 20, "NG": 30, "EM": 30, "CM": 20} if track.school_type == "vwo"
                       else {"NT": 15, "NG": 25, "EM": 40, "CM": 20})
            for key, w in weights.items():
                code = _PROGRAMME[track.key] + _PROFILE_DIGITS[key]
                profiles.append(Profile(track.key, key, w, code,
                                        tuple(_havo_vwo_variants(track, key))))
        elif track.key == "tl":
            for key, w in _TL_WEIGHTS.items():
                profiles.append(Profile(track.key, key, w, "0400", tuple(_tl_variants(key))))
        else:
            for key, w in _VMBO_PROFILES[track.key].items():
                profiles.append(Profile(track.key, key, w, None,
                                        tuple(_beroeps_variants(track, key))))
        out[track.key] = profiles
    return out


PROFILES = _build_profiles()


# ------------------------------------------------------------------------------------------
# Names: fictional, but with the warts of real ones (tussenvoegsels, diacritics, hyphens)
# ------------------------------------------------------------------------------------------
_GIRLS = ("Anna Chloë Zoë Noëlle Anaïs Renée Fleur Sanne Lotte Iris Mila Julia Saar Fenna Yara "
          "Fatima Ayşe Çağla Elif Hélène Maëlle Lieke Femke Imane Noor Jasmijn Désirée Loïs "
          "Eline Hanneke")
_BOYS = ("Daan Bram Sem Luuk Thijs Jesse Noah Milan Yusuf Mehmet Gökhan Emre Ömer François Joël "
         "Raphaël Niels Wouter Sven Jurre Stijn Kaan Björn René Sébastien Mohamed Finn Hüseyin "
         "Ruben Teun")
FIRST_NAMES: tuple[tuple[str, str], ...] = (
    tuple((n, "V") for n in _GIRLS.split()) + tuple((n, "M") for n in _BOYS.split()))

# (tussenvoegsel, achternaam)
LAST_NAMES: tuple[tuple[str, str], ...] = (
    ("", "Akkerveld"), ("van", "Beekhuizen"), ("de", "Graaff"), ("van der", "Meulendijk"),
    ("van den", "Broeckhoven"), ("'t", "Hoen"), ("in 't", "Veldhuis"), ("van 't", "Hofland"),
    ("ter", "Horstink"), ("", "Öztürk"), ("", "Doğanay"), ("", "Çelikkaya"), ("", "Jansma-Çakır"),
    ("", "Bakkenes-Smid"), ("van", "Leeuwenburg-Doğan"), ("", "Daniëls"), ("", "Michiëls"),
    ("", "Dupré"), ("", "Lefèvre"), ("", "Boulaïd"), ("", "Schröder"), ("de", "Wit-Kraaijeveld"),
    ("", "Hoekzema"), ("van de", "Kamp-Öz"), ("de la", "Croix"), ("", "Nguyen"), ("", "Tromp"),
    ("van", "Oosterhout"), ("", "El Idrissi"), ("", "Postma"), ("", "Kuipers-van Dam"),
    ("van", "Essen"), ("", "Wijnands"), ("", "IJzerman"), ("", "Brouwers"), ("de", "Jong"),
    ("", "Yılmaz"), ("", "Haşimi"), ("", "Veenstra"), ("van", "Rijn"), ("", "Ünal"), ("", "Köse"),
)

SECOND_INITIALS = ("", "", "A.", "M.", "J.", "E.", "C.", "H.", "W.", "L.")
FACILITIES = ("verlenging30", "spraaksynthese", "verlenging30;vergroting-A3", "dyslexie-font")


# ------------------------------------------------------------------------------------------
# PTA: tests with weights, per cohort, school type and subject
# ------------------------------------------------------------------------------------------
@attrs.frozen
class PtaItem:
    cohort: str
    school_type: str
    subject: str
    test_code: str
    subject_code: str | None
    description: str
    year_of_study: int
    period: int
    kind: str
    weight: int
    resit_allowed: bool
    result_type: str
    domains: str
    duration_min: int | None
    taken_on: date


_ABBREVIATIONS = {"netl": "NE", "entl": "EN", "fatl": "FA", "dutl": "DU", "sptl": "SP",
                  "latl": "LA", "grtl": "GR", "wisA": "WA", "wisB": "WB", "wisC": "WC",
                  "wisD": "WD"}
LANGUAGES = {"netl", "entl", "fatl", "dutl", "sptl", "latl", "grtl", "ne", "en", "fa", "du", "sp"}
_DUTCH = {"netl", "ne"}


def _abbr(code: str) -> str:
    return _ABBREVIATIONS.get(code, code.upper().replace("-", "").replace("_", ""))


def _weekday(day: date) -> date:
    """Tests are not on Saturday or Sunday."""
    if day.weekday() == 5:
        return day + timedelta(days=2)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def pta_date(track: Track, year_of_study: int, period: int, spread: int) -> date:
    """When a PTA test of leerjaar/periode is taken: the school's test weeks."""
    start = int(track.cohort[:4]) + (year_of_study - track.first_year)
    y, m, d = {1: (start, 11, 4), 2: (start + 1, 1, 20), 3: (start + 1, 3, 24),
               4: (start + 1, 6, 9)}[period]
    return _weekday(date(y, m, d) + timedelta(days=spread % 9))


# (leerjaar, periode, soort, weging, herkansbaar, resultaattype, omschrijving, duur, suffix)
_Item = tuple[int, int, str, int, bool, str, str, int | None, str]


def pta_for(track: Track, code: str, seed: int) -> list[PtaItem]:
    """The PTA of one subject: written tests (resittable), a practical assignment, orals for
    languages, a reading file (handelingsdeel) for Dutch, the profielwerkstuk as its own item."""
    info = subject(code, track.csv_type)
    years = list(range(track.first_year, track.final_year + 1))
    final = track.final_year
    r = mix(seed, 9001, text_key(code), text_key(track.pta_type))
    written = 60 if track.school_type == "vmbo" else 100
    items: list[_Item] = []
    if code == "pws":
        if track.school_type == "vmbo":
            items.append((final, 2, "profielwerkstuk", 0, False, "vog",
                          "Profielwerkstuk en presentatie", None, "PWS"))
        else:
            items.append((final, 1, "handelingsdeel", 0, False, "voldaan",
                          "Plan van aanpak en logboek", None, "PLAN"))
            items.append((final, 2, "profielwerkstuk", 1, False, "cijfer",
                          "Profielwerkstuk (verslag en presentatie)", None, "PWS"))
    elif info.assessment_only:
        for j, y in enumerate(years[-2:]):
            items.append((y, 2 + j, "praktische opdracht", 0, False, "vog",
                          f"{info.name}: praktische beoordeling", None, f"PO{j + 1}"))
        items.append((final, 3, "handelingsdeel", 0, False, "vog",
                      f"{info.name}: eindbeoordeling", None, "EIND"))
    elif info.category == "beroepsgericht_keuzevak":
        items.append((final - 1, 3, "praktische opdracht", 1, False, "cijfer",
                      f"{info.name}: praktijkopdracht", None, "PO1"))
        items.append((final, 1, "schriftelijk", 1, True, "cijfer",
                      f"{info.name}: theorietoets", written, "T1"))
        items.append((final, 2, "praktische opdracht", 2, False, "cijfer",
                      f"{info.name}: eindopdracht", None, "PO2"))
    else:
        n_written = 3 + r % 3 if info.has_ce else 2 + r % 2
        slots = [(y, p) for y in years for p in ((1, 2, 3, 4) if y != final else (1, 2, 3))]
        chosen = [slots[int(i * len(slots) / (n_written + 1))] for i in range(n_written + 1)]
        base = 5 if track.school_type != "vmbo" else 1
        for j, (y, p) in enumerate(chosen[:-1]):
            weight = (base * (1 + (y - track.first_year))
                      * (1 + (mix(seed, 9002, text_key(code), j) % 2)))
            items.append((y, p, "schriftelijk", weight, True, "cijfer",
                          f"{info.name}: schriftelijke toets {j + 1}", written, f"T{j + 1}"))
        y, p = chosen[-1]
        items.append((y, p, "praktische opdracht", base * 2, False, "cijfer",
                      f"{info.name}: praktische opdracht", None, "PO"))
        if code in LANGUAGES:
            items.append((final, 2, "mondeling", base * 2, False, "cijfer",
                          f"{info.name}: mondeling", 20, "MO"))
        if code in _DUTCH:
            items.append((final, 2, "handelingsdeel", 0, False, "voldaan",
                          "Leesdossier compleet", None, "LD"))
        if info.category == "profielvak":
            items.append((final, 3, "praktische opdracht", 2, False, "cijfer",
                          f"{info.name}: praktijkexamen (schooldeel)", None, "PX"))
    out = []
    for k, (y, p, kind, weight, resit, rtype, desc, duration, suffix) in enumerate(items):
        domains = ",".join(chr(ord("A") + (k + d) % 6) for d in range(1 + (r >> (k % 8)) % 2))
        out.append(PtaItem(
            cohort=track.cohort, school_type=track.pta_type, subject=code,
            test_code=f"{_abbr(code)}{y}-{suffix}", subject_code=info.duo_code, description=desc,
            year_of_study=y, period=p, kind=kind, weight=weight, resit_allowed=resit,
            result_type=rtype, domains=domains, duration_min=duration,
            taken_on=pta_date(track, y, p, text_key(code) + k),
        ))
    return out
