"""The words a school file may use, mapped to the words we store; and the bounds of a value.

Why tolerant spellings: exports from Magister, Somtoday and Cito spell the same thing in
different ways ("PO", "praktische_opdracht"; "GT", "gl/tl"). Each map lists what we accept on
the left and the one stored spelling on the right; anything else is refused with the list.
"""

from __future__ import annotations

SCHOOL_TYPES = {"vwo": "vwo", "havo": "havo", "vmbo": "vmbo"}
CANDIDATE_TRACKS = {"bb": "bb", "bbl": "bb", "basis": "bb", "kb": "kb", "kbl": "kb",
                    "kader": "kb", "gl": "gl", "gt": "gl-tl", "tl": "tl", "mavo": "tl"}
EXAM_TRACKS = {"bb": "bb", "kb": "kb", "gl": "gl", "tl": "tl", "gl/tl": "gl-tl", "gl-tl": "gl-tl",
               "gltl": "gl-tl", "gt": "gl-tl", "gl tl": "gl-tl"}
GENDERS = {"m": "M", "man": "M", "v": "V", "vrouw": "V", "x": "X"}
EXAM_PARTS = {p: p for p in ("gemeenschappelijk", "profiel", "profielkeuze", "vrij", "extra",
                             "profielvak", "keuzevak", "keuze", "sector", "profielwerkstuk")}
EXAM_PARTS.update({"gd": "gemeenschappelijk", "gemeenschappelijk deel": "gemeenschappelijk",
                   "profieldeel": "profiel", "vrij deel": "vrij"})
PTA_KINDS = {k: k for k in ("schriftelijk", "mondeling", "praktische opdracht", "handelingsdeel",
                            "profielwerkstuk", "luistertoets")}
PTA_KINDS.update({"praktische_opdracht": "praktische opdracht", "po": "praktische opdracht",
                  "pws": "profielwerkstuk", "hd": "handelingsdeel"})
RESULT_TYPES = {"cijfer": "cijfer", "voldaan": "voldaan", "vog": "vog"}
ATTEMPTS = {"afname": "afname", "inhaal": "inhaal", "herkansing": "herkansing"}
SE_STATUSES = {"niet_gemaakt": "niet_gemaakt", "niet gemaakt": "niet_gemaakt",
               "vrijstelling": "vrijstelling", "onregelmatigheid": "onregelmatigheid"}
ASSESSMENTS = {"voldaan": "voldaan", "v": "voldoende", "voldoende": "voldoende", "g": "goed",
               "goed": "goed", "o": "onvoldoende", "onvoldoende": "onvoldoende",
               "niet_voldaan": "onvoldaan", "niet voldaan": "onvoldaan", "onvoldaan": "onvoldaan",
               "nv": "onvoldaan"}
ASSESSMENTS_BY_TYPE = {"voldaan": {"voldaan", "onvoldaan"},
                       "vog": {"voldoende", "onvoldoende", "goed"}}
CE_STATUSES = {"afwezig": "afwezig", "onregelmatigheid": "onregelmatigheid",
               "vrijstelling": "vrijstelling"}
STY_IDS = {"1": "vwo", "2": "havo", "3": "vmbo"}

# The numeric bounds are in core/limits.py: calc checks the same ones.
