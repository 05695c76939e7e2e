"""Finding and combining rule packs.

Packs come from the entry-point group `examenbureau.rulepacks` (the three in this repository
are registered the same way as a contributed pack would be). The statutory pack is always
registered; at most one board pack is active on top of it, chosen per school.
"""

from __future__ import annotations

import functools
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

import attrs
import pluggy

if TYPE_CHECKING:   # hookspecs imports reasons, which reads STATUTORY from here: import it late
    from .hookspecs import PackInfo

GROUP = "examenbureau.rulepacks"
STATUTORY = "wvo2020"   # the law's pack: always registered, the default everywhere


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
    from . import hookspecs

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    pm.register(load(STATUTORY), name=STATUTORY)
    if pack and pack != STATUTORY:
        pm.register(load(pack), name=pack)
    pm.check_pending()
    return pm


def settings(pack: str | None = None) -> dict[str, Any]:
    """The policy settings of a pack stack (the law plus `pack`); see `merged_settings`."""
    return dict(_settings(pack or STATUTORY))


@functools.cache
def _settings(pack: str) -> dict[str, Any]:
    return merged_settings(manager(pack))


def merged_settings(pm: pluggy.PluginManager) -> dict[str, Any]:
    """The `rulepack_settings` of every registered pack merged key by key, the law's first and
    the board's over it: a board that names only its rounding keeps the law's answer for the
    rest. The one place that reads pack settings (`results` and `rules.policy` both ask here).
    """
    merged: dict[str, Any] = {}
    # get_hookimpls lists trylast (the law) first and the board after it
    for impl in pm.hook.rulepack_settings.get_hookimpls():
        if impl.wrapper or impl.hookwrapper:
            raise PackError(f"regelpakket '{impl.plugin_name}': rulepack_settings als wrapper "
                            "wordt niet ondersteund; geef een gewone implementatie met alleen de "
                            "sleutels die het pakket wijzigt")
        answer = cast("dict[str, Any] | None", impl.function())   # the hookspec's return type
        merged.update(answer or {})
    return merged


def info(name: str) -> PackInfo:
    """Who a pack is, with `implemented` read from the hooks it actually registers (never a
    hand-kept list that can drift from the code)."""
    from . import hookspecs

    module = load(name)
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    pm.register(module, name=name)
    return attrs.evolve(pm.hook.rulepack_info()[0], implemented=implemented_hooks(pm, name))


def implemented_hooks(pm: pluggy.PluginManager, name: str) -> tuple[str, ...]:
    """The rule hooks plugin `name` implements, in the order of the contract; `rulepack_info`
    (identity, every pack has it) is not a rule."""
    from . import hookspecs

    plugin = pm.get_plugin(name)
    found = {caller.name for caller in pm.get_hookcallers(plugin) or ()}
    return tuple(hook for hook in vars(hookspecs.RulePackSpec)
                 if hook in found and hook != "rulepack_info")


def check(name: str) -> list[str]:
    """Contract problems of an installed pack, in Dutch, each naming its hook; empty when it
    keeps the contract. Every hook the pack implements is called with well-formed input and
    must answer with the declared type, reasons and sources (`pack_contract.check_module`)."""
    from .pack_contract import check_module

    try:
        module = load(name)
        law = load(STATUTORY) if name != STATUTORY else None
    except PackError as exc:
        return [str(exc)]
    return check_module(module, name, law)
