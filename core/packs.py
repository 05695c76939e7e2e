"""Finding and combining rule packs.

Packs come from the entry-point group `examenbureau.rulepacks` (the three in this repository
are registered the same way as a contributed pack would be). The statutory pack is always
registered; at most one board pack is active on top of it, chosen per school.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from types import ModuleType

import pluggy

from . import hookspecs
from .hookspecs import PackInfo

GROUP = "examenbureau.rulepacks"
STATUTORY = "wvo2020"


class PackError(Exception):
    """A pack that cannot be found or loaded; the message is Dutch."""


def available() -> dict[str, EntryPoint]:
    """Installed packs by name."""
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def load(name: str) -> ModuleType:
    eps = available()
    if name not in eps:
        known = ", ".join(sorted(eps)) or "geen"
        raise PackError(f"Onbekend regelpakket '{name}'. Geïnstalleerd: {known}.")
    try:
        return eps[name].load()
    except Exception as exc:  # a broken contributed pack must not take the program down
        raise PackError(f"Regelpakket '{name}' kan niet worden geladen: {exc}") from exc


def manager(pack: str | None = None) -> pluggy.PluginManager:
    """A plugin manager with the statutory pack and, if given, one board pack on top."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    pm.register(load(STATUTORY), name=STATUTORY)
    if pack and pack != STATUTORY:
        pm.register(load(pack), name=pack)
    pm.check_pending()
    return pm


def info(name: str) -> PackInfo:
    module = load(name)
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    pm.register(module, name=name)
    return pm.hook.rulepack_info()[0]


def check(name: str) -> list[str]:
    """Contract problems of a pack, in Dutch; empty when it keeps the contract."""
    problems: list[str] = []
    try:
        module = load(name)
    except PackError as exc:
        return [str(exc)]
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    try:
        pm.register(module, name=name)
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        return [f"Regelpakket '{name}' houdt zich niet aan het contract: {exc}"]
    infos = pm.hook.rulepack_info()
    if not infos:
        problems.append(f"Regelpakket '{name}' implementeert rulepack_info niet.")
    else:
        pi = infos[0]
        if pi.name != name:
            problems.append(f"rulepack_info noemt '{pi.name}', het entry point heet '{name}'.")
        if not pi.sources:
            problems.append(f"Regelpakket '{name}' noemt geen bronnen (document en artikel).")
    return problems
