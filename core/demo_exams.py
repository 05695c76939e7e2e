"""The CE of the demo school: Cito's DNT for the demo year, one exam per school type, leerweg,
subject with a central exam and tijdvak.

Why apart from the catalogue: the exams are derived from it (which subjects the catalogue's
packages take, and how many candidates take each), and they carry rules of their own: an
N-term is deliberately not published for some exams, so that the program must say "N-term
ontbreekt" instead of assuming one. NEX-IDs, scale lengths and N-terms are fictional; only the
vmbo GL/TL CE timetable of tijdvak 1 in 2025 is real (CvTE-23.00859).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import attrs

from .demo_catalog import EXAM_YEAR, LANGUAGES, Track, mix, subject, text_key


@attrs.frozen
class CeGroup:
    key: str                   # vwo | havo | gl-tl | gl | kb | bb
    school_type: str
    track: str | None          # ce_exams.track
    label: str                 # prefix in the DNT description
    nex_base: int
    minutes: int


CE_GROUPS = {
    "vwo": CeGroup("vwo", "vwo", None, "VWO", 21000, 180),
    "havo": CeGroup("havo", "havo", None, "HAVO", 22000, 180),
    "gl-tl": CeGroup("gl-tl", "vmbo", "gl-tl", "GL/TL", 23000, 120),
    "gl": CeGroup("gl", "vmbo", "gl", "GL", 23600, 180),
    "kb": CeGroup("kb", "vmbo", "kb", "KB", 24000, 120),
    "bb": CeGroup("bb", "vmbo", "bb", "BB", 25000, 90),
}
TV2_NEX_OFFSET = 5000


def ce_group(track: Track, code: str) -> str:
    """Which DNT exam a candidate of this track sits for a subject (GL and TL share exams,
    except the cspe of the gl profielvak)."""
    if track.school_type in ("vwo", "havo"):
        return track.school_type
    if track.key in ("gl", "tl"):
        return "gl" if subject(code, track.csv_type).category == "profielvak" else "gl-tl"
    return track.key


# Real CE rooster 2025 tijdvak 1, vmbo GL/TL (CvTE-23.00859; tests/fixtures/examples).
ROOSTER_GLTL_2025 = {
    "en": ("2025-05-09", "13:30", "15:30"), "ne": ("2025-05-12", "13:30", "15:30"),
    "nsk2": ("2025-05-13", "13:30", "15:30"), "ma2": ("2025-05-14", "09:00", "11:00"),
    "fa": ("2025-05-14", "13:30", "15:30"), "du": ("2025-05-15", "09:00", "11:00"),
    "wi": ("2025-05-15", "13:30", "15:30"), "kmu": ("2025-05-16", "09:00", "11:00"),
    "ak": ("2025-05-16", "13:30", "15:30"), "gs": ("2025-05-19", "13:30", "15:30"),
    "nsk1": ("2025-05-20", "13:30", "15:30"), "kda": ("2025-05-21", "09:00", "11:00"),
    "kdr": ("2025-05-21", "09:00", "11:00"), "bi": ("2025-05-21", "13:30", "15:30"),
    "frtc": ("2025-05-22", "09:00", "11:00"), "ec": ("2025-05-22", "13:30", "15:30"),
    "bte": ("2025-05-23", "13:30", "15:30"), "bha": ("2025-05-23", "13:30", "15:30"),
    "ar": ("2025-05-26", "13:30", "15:30"), "sp": ("2025-05-26", "13:30", "15:30"),
    "tu": ("2025-05-26", "13:30", "15:30"),
}
# Tijdvak 1 runs Friday 9 May - Monday 26 May 2025, tijdvak 2 Tuesday 17 - Tuesday 24 June
# (CvTE-23.00859 / -23.00931), cspe from 1 April; the days below are school days in those windows.
_TV1_DAYS = ("2025-05-09", "2025-05-12", "2025-05-13", "2025-05-14", "2025-05-15", "2025-05-16",
             "2025-05-19", "2025-05-20", "2025-05-21", "2025-05-22", "2025-05-23", "2025-05-26")
_TV2_DAYS = ("2025-06-17", "2025-06-18", "2025-06-19", "2025-06-20", "2025-06-23", "2025-06-24")
_CSPE_DAYS = ("2025-04-01", "2025-04-03", "2025-04-08", "2025-04-10", "2025-04-15")
# Subjects that get a tijdvak-2 exam in the demo (for resits and for candidates who were absent)
_TV2_SUBJECTS = {"netl", "entl", "wisA", "wisB", "wisC", "schk", "nat", "biol", "econ", "ges", "ak",
                 "ne", "en", "wi", "bi", "ec", "nsk1", "gs"}


@attrs.frozen
class CeExam:
    group: str
    subject: str
    subject_code: str | None
    period: int
    nex_id: str
    description: str
    exam_date: date
    start_time: str
    end_time: str
    scale_length: int
    n_term_tenths: int | None
    questions: tuple[int, ...]   # max score per question; sums to scale_length


def _end(start: str, minutes: int) -> str:
    h, m = map(int, start.split(":"))
    total = h * 60 + m + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def _questions(seed: int, nex: int, length: int) -> tuple[int, ...]:
    out: list[int] = []
    k = 0
    while sum(out) < length:
        out.append(min(1 + mix(seed, 9101, nex, k) % 4, length - sum(out)))
        k += 1
    return tuple(out)


def ce_exams(seed: int, needed: dict[str, dict[str, Fraction]],
             csv_type_of: dict[str, str]) -> list[CeExam]:
    """The DNT of the demo year: every CE subject a candidate of the catalogue can take.

    `needed` gives, per exam group, each CE subject with the share of the group's candidates
    taking it. N-terms are published for most exams but deliberately not for all: in tijdvak 1
    the least taken exams of a group go without (together at most a tenth of the group's
    candidates; at least one exam in the whole DNT), in tijdvak 2 about a third. The program
    must then say "N-term ontbreekt", never assume one; most candidates stay decidable.
    """
    exams: list[CeExam] = []
    for key, group in CE_GROUPS.items():
        shares = needed.get(key, {})
        codes = sorted(shares, key=lambda c: (subject(c, csv_type_of[key]).duo_code or "9999", c))
        missing: set[str] = set()
        budget = Fraction(1, 10)
        for code in sorted(codes, key=lambda c: (shares[c], mix(seed, 9104, text_key(key),
                                                                 text_key(c)))):
            if Fraction(shares[code]) > budget:
                break
            budget -= Fraction(shares[code])
            missing.add(code)
        for i, code in enumerate(codes):
            info = subject(code, csv_type_of[key])
            cspe = info.category == "profielvak"
            for period in (1, 2):
                if period == 2 and (cspe or code not in _TV2_SUBJECTS):
                    continue
                nex = group.nex_base + (TV2_NEX_OFFSET if period == 2 else 0) + i + 1
                r = mix(seed, 9100, nex)
                if period == 1 and key == "gl-tl" and code in ROOSTER_GLTL_2025:
                    day, start, end = ROOSTER_GLTL_2025[code]
                else:
                    days = _CSPE_DAYS if cspe else _TV1_DAYS if period == 1 else _TV2_DAYS
                    day = days[(i * 5 + text_key(key)) % len(days)]
                    start = "09:00" if (i + text_key(key)) % 2 == 0 else "13:30"
                    shorter = 30 if code in LANGUAGES and group.minutes == 180 else 0
                    end = _end(start, 240 if cspe else group.minutes - shorter)
                length = 40 + r % 46
                published = code not in missing if period == 1 else (r >> 16) % 3 != 0
                exams.append(CeExam(
                    group=key, subject=code, subject_code=info.duo_code, period=period,
                    nex_id=str(nex),
                    description=(f"{group.label} {info.name} {'CSPE' if cspe else 'CSE'} "
                                 f"{EXAM_YEAR} tijdvak {period}"),
                    exam_date=date.fromisoformat(day), start_time=start, end_time=end,
                    scale_length=length, n_term_tenths=3 + (r >> 8) % 17 if published else None,
                    questions=_questions(seed, nex, length),
                ))
    # never all published: the demo must show an exam without N-term in tijdvak 1
    tv1 = [e for e in exams if e.period == 1]
    if all(e.n_term_tenths is not None for e in tv1):
        victim = min(tv1, key=lambda e: (needed[e.group][e.subject],
                                         mix(seed, 9102, int(e.nex_id))))
        exams[exams.index(victim)] = attrs.evolve(victim, n_term_tenths=None)
    return exams
