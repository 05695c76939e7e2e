"""School types and leerwegen in every spelling we meet, and the one conversion between them.

Why: the same candidate is written three ways. The store keeps what a school export says
(`school_type` vwo | havo | vmbo with `track` bb | kb | gl | tl; a CE exam of the DNT may have
track `gl-tl`). The law's pass rules and `calc` speak of a *level* (vwo, havo, vmbo-gt,
vmbo-kb, vmbo-bb) and, for vmbo-gt only, a *leerweg* (gl | tl): gl and tl sit the same exams
and differ only in their programme. The DUO subject table (`data/subjects.csv`) lists a
subject per *table type* (vwo, havo, vmbo-tl, vmbo-gl, vmbo-kb, vmbo-bb). `SchoolType` is the
level with its leerweg; each conversion below says which spelling it reads and which it gives.
"""

from __future__ import annotations

import functools

import attrs

# The levels of the law's pass rules and of `calc` (field `level`).
LEVELS = ("vwo", "havo", "vmbo-gt", "vmbo-kb", "vmbo-bb")
# Spellings of a level that carry the leerweg with them (calc accepts them).
LEVEL_ALIASES = {"vmbo-gl": ("vmbo-gt", "gl"), "vmbo-tl": ("vmbo-gt", "tl")}
# The school types of the DUO subject table (`subjects.csv`, column school_types).
TABLE_TYPES = ("vwo", "havo", "vmbo-tl", "vmbo-gl", "vmbo-kb", "vmbo-bb")
# candidates.school_type and the leerwegen of candidates.track.
STORE_SCHOOL_TYPES = ("vwo", "havo", "vmbo")
STORE_TRACKS = ("bb", "kb", "gl", "tl")


@attrs.frozen
class SchoolType:
    """A level with, for vmbo-gt, its leerweg (None: gl or tl, not known)."""

    level: str
    leerweg: str | None = None

    @classmethod
    def from_store(cls, school_type: str | None, track: str | None = None) -> SchoolType:
        """From a candidate's stored school type and track (any case).

        Also reads the level spellings (vmbo-gt, vmbo-kb, vmbo-gl, ...), "atheneum" and
        "gymnasium" (vwo) and "mavo" (vmbo tl). A vmbo candidate without a leerweg, or with the
        exam's "gt"/"gl-tl", is vmbo-gt with an unknown leerweg. Raises ValueError when it is
        none of these.
        """
        st = (school_type or "").strip().lower().replace("_", "-")
        tr = (track or "").strip().lower() or None
        if st in ("vwo", "atheneum", "gymnasium"):
            return cls("vwo")
        if st == "havo":
            return cls("havo")
        if st in ("vmbo-gl", "vmbo-tl", "mavo"):
            return cls("vmbo-gt", "tl" if st in ("vmbo-tl", "mavo") else "gl")
        if st in ("vmbo-bb", "vmbo-kb"):
            return cls(st)
        if st in ("vmbo", "vmbo-gt"):
            if tr in ("bb", "kb"):
                return cls(f"vmbo-{tr}")
            if tr in ("gl", "tl"):
                return cls("vmbo-gt", tr)
            if tr in ("gt", "gl-tl", "gl/tl", None):
                return cls("vmbo-gt")
        raise ValueError(f"Onbekend schooltype '{school_type}' met leerweg '{track}'.")

    @property
    def table_types(self) -> tuple[str, ...]:
        """The subject-table types to look a subject up in, the first one first."""
        return table_types(self.level, self.leerweg)

    @property
    def table_type(self) -> str:
        """The one subject-table type whose names and facts describe this candidate; vmbo-gt
        without a leerweg reads as tl (tl has no subjects of its own that gl lacks)."""
        return table_type(self.level, self.leerweg)

    @property
    def store(self) -> tuple[str, str | None]:
        """(candidates.school_type, track): vmbo-gt without a leerweg gives the exam's gl-tl."""
        if self.level in ("vwo", "havo"):
            return self.level, None
        if self.level == "vmbo-gt":
            return "vmbo", self.leerweg or "gl-tl"
        return "vmbo", self.level.removeprefix("vmbo-")


def normalize_level(school_type: str | None, track: str | None = None) -> tuple[str, str | None]:
    """(level, leerweg) of a stored school type and track; see `SchoolType.from_store`."""
    found = SchoolType.from_store(school_type, track)
    return found.level, found.leerweg


@functools.cache
def table_types(level: str, leerweg: str | None) -> tuple[str, ...]:
    """The subject-table types of a level, in lookup order.

    vmbo-gt with gl: vmbo-gl; with tl: vmbo-tl, then vmbo-gl (a tl candidate may take gl
    subjects as extra, Uvb 3.4 lid 4); without a leerweg: vmbo-gl, then vmbo-tl. The aliases
    vmbo-gl and vmbo-tl read as vmbo-gt with that leerweg.
    """
    if level == "vmbo-gt":
        if leerweg == "gl":
            return ("vmbo-gl",)
        if leerweg == "tl":
            return ("vmbo-tl", "vmbo-gl")
        return ("vmbo-gl", "vmbo-tl")
    if level in LEVEL_ALIASES:
        return table_types(*LEVEL_ALIASES[level])
    if level in ("vwo", "havo", "vmbo-kb", "vmbo-bb"):
        return (level,)
    raise ValueError(f"Onbekend niveau '{level}'; verwacht een van {', '.join(LEVELS)}.")


def table_type(level: str, leerweg: str | None) -> str:
    """The one subject-table type for names in a sentence: vmbo-gt gives vmbo-gl or vmbo-tl
    (vmbo-tl when the leerweg is not known); every other level is its own table type."""
    if level == "vmbo-gt":
        return f"vmbo-{leerweg}" if leerweg else "vmbo-tl"
    return level


def store_table_types(school_type: str, track: str | None) -> frozenset[str]:
    """Every subject-table type a stored (school type, track) may stand for.

    Unlike `SchoolType.from_store`, a bare "vmbo" here means "any vmbo leerweg" (bb, kb, gl and
    tl): a DNT row or PTA line without a leerweg can name a bb or kb subject, and a vakcode is
    only taken when it is unambiguous over all four. A track "gl-tl" gives vmbo-gl and vmbo-tl;
    havo and vwo are their own type, whatever the track says.
    """
    if school_type != "vmbo":
        return frozenset({school_type})
    if not track:
        return frozenset({"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"})
    return frozenset(f"vmbo-{part}" for part in track.split("-"))
