"""What the pilot tests of the workbench share: waiting for the workers, reading a dialog."""

from __future__ import annotations

from textual.worker import WorkerCancelled


async def settle(pilot, rounds: int = 3) -> None:
    """Let every worker finish and its answer reach the screen (answers arrive as messages).

    A read that a newer read of the same screen replaced ends cancelled (exclusive workers):
    that is the design, not a failure, so waiting simply goes on."""
    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()


def flat(text: str) -> str:
    """The screen as one line: a sentence wrapped inside a dialog's border reads whole."""
    return " ".join(" ".join(line.strip(" │╭╮╰╯─").split()) for line in text.splitlines())
