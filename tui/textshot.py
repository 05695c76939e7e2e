"""The current screen as plain text, the way a user at 80x24 sees it.

Why: tests assert on what the screen shows (not on internals), and the README's sample screen
is generated the same way. Textual's own `export_screenshot` gives SVG; this renders the same
compositor output to text without colours.
"""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App


def screen_text(app: App[object]) -> str:
    """Every line of the visible screen (including a modal's background), without styling."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True)
    console.print(update)
    lines = console.export_text(styles=False).splitlines()
    return "\n".join(line.rstrip() for line in lines[:height]) + "\n"


async def _shoot(db_path: str, screens: list[str], size: tuple[int, int]) -> str:
    """Plain-text screenshots of main screens (for the README's sample screen)."""
    from .app import ExamenbureauApp

    app = ExamenbureauApp(db_path)
    out: list[str] = []
    async with app.run_test(size=size) as pilot:
        for name in screens:
            app.action_show(name)
            for _ in range(4):
                await app.workers.wait_for_complete()
                await pilot.pause()
            out.append(screen_text(app))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """`python -m examenbureau.tui.textshot DB [overzicht kandidaten uitslag]`."""
    import argparse
    import asyncio

    parser = argparse.ArgumentParser(prog="python -m examenbureau.tui.textshot",
                                     description="Schermafdruk als platte tekst (80x24).")
    parser.add_argument("db", help="databasebestand")
    parser.add_argument("schermen", nargs="*", default=["overzicht"],
                        help="overzicht, kandidaten en/of uitslag")
    parser.add_argument("--breedte", type=int, default=80)
    parser.add_argument("--hoogte", type=int, default=24)
    args = parser.parse_args(argv)
    print(asyncio.run(_shoot(args.db, args.schermen, (args.breedte, args.hoogte))), end="")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
