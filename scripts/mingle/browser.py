"""Start headless Chromium the one way the kit does: Debian's build when present, else Playwright's own."""

from __future__ import annotations

from pathlib import Path

from mingle.errors import MingleError

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling home, and this kit must never leave 127.0.0.1.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def launch(playwright):
    """A headless Chromium browser from a started Playwright."""
    options = {"args": FLAGS, "headless": True}
    if Path(CHROMIUM).exists():
        options["executable_path"] = CHROMIUM
    try:
        return playwright.chromium.launch(**options)
    except Exception as err:  # Playwright's errors are long; the fix is always the same
        raise MingleError(f"cannot start Chromium ({str(err).splitlines()[0]}); run `make browser` first") from None
