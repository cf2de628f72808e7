"""The room's notes to the presenter's terminal: one short line for each kind of trouble, then at most one every
ten seconds with how often it happened in between, so a flood makes a few lines and never a page of them."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

LOG = logging.getLogger("mingle.room")


def notice_every(seconds: float) -> Callable[[str, str], None]:
    """A logger that says each kind of thing at once, then at most once per `seconds`, with how often it
    happened in between: a flood makes a few lines, never one per connection."""
    said: dict[str, tuple[float, int]] = {}

    def note(kind: str, line: str) -> None:
        now = time.monotonic()
        last, skipped = said.get(kind, (-seconds, 0))
        if now - last < seconds:
            said[kind] = (last, skipped + 1)
            return
        if len(said) > 1000:  # kinds name addresses: forget them all now and then rather than grow without end
            said.clear()
        more = f" ({skipped} more like it in the last {seconds:.0f} s)" if skipped else ""
        LOG.warning("mingle room: %s%s", line, more)
        said[kind] = (now, 0)
    return note
