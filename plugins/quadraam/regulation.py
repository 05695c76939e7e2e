"""The document the Quadraam pack cites, named as its title page names it."""

from __future__ import annotations

PACK = "quadraam"
REGULATION = "Algemeen PTA 2023-2024 Lorentz Lyceum"
SEED = "seeds/003_85a7d273f8e5ac8f.txt"
BOARD_REGULATION = "Examenreglement Quadraam"


def art(article: str) -> str:
    """"Algemeen PTA 2023-2024 Lorentz Lyceum art. 4.9.1"; a bijlage as "bijlage 2 punt 1"."""
    if article.startswith("bijlage"):
        return f"{REGULATION} {article}"
    return f"{REGULATION} art. {article}"
