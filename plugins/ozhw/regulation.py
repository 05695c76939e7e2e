"""The document the OZHW pack cites, named as its title page names it."""

from __future__ import annotations

PACK = "ozhw"
REGULATION = "Examenreglement 2024-2025 Willem de Zwijger College"
SEED = "seeds/002_1c23185a9a65f2ce.txt"


def art(article: str) -> str:
    """"Examenreglement 2024-2025 Willem de Zwijger College art. 28 lid 5"."""
    return f"{REGULATION} art. {article}"


def nl(value: object) -> str:
    """A grade as a parent reads it: decimal comma."""
    return str(value).replace(".", ",")
