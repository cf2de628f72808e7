"""A progress bar on standard error for long batches, drawn only when a person is watching a terminal."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY = 0.5  # seconds before the bar appears: a short batch never shows one
EVERY = 0.1  # seconds between redraws
WIDTH = 30


class Progress:
    """Counts files read and redraws one line on a terminal; does nothing at all when it should not show."""

    def __init__(self, stream: TextIO, total: int, active: bool, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.total = max(total, 1)
        self.active = active
        self.clock = clock
        self.done = 0
        self.start = clock()
        self.drawn_at = 0.0
        self.shown = False

    @classmethod
    def for_terminal(cls, stderr: TextIO, stdout: TextIO, count: Callable[[], int]) -> Progress:
        """A bar when standard error is a terminal and standard output is not the same screen."""
        active = _isatty(stderr) and not _isatty(stdout)
        return cls(stderr, count() if active else 0, active)

    def tick(self) -> None:
        """One more file read."""
        self.done += 1
        if not self.active:
            return
        now = self.clock()
        if now - self.start >= DELAY and (now - self.drawn_at >= EVERY or self.done == self.total):
            self.drawn_at = now
            self._draw()

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        full = round(WIDTH * share)
        self.stream.write(f"\r[{'#' * full}{'.' * (WIDTH - full)}] {self.done:,}/{self.total:,} files")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Rub the bar out (before a message, and at the end)."""
        if self.shown:
            self.stream.write("\r" + " " * (WIDTH + 40) + "\r")
            self.stream.flush()
            self.shown = False

    def message(self, line: str) -> None:
        """Print a line on the stream without tangling it with the bar."""
        self.clear()
        print(line, file=self.stream, flush=True)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
