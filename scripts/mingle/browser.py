"""Start headless Chromium the one way the kit does (Debian's build when present, else Playwright's own), and
serve it a folder to fetch from."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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
    except Exception as err:  # noqa: BLE001 - Playwright's errors are long; the fix is always the same
        raise MingleError(f"cannot start Chromium ({str(err).splitlines()[0]}); run `make browser` first") from None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # a request log would bury the command's own output
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder on a free 127.0.0.1 port until the block ends (built pages fetch each other, which file://
    forbids); yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
