"""Site figures: exercise JS/CSS weight (budget 12 KiB gzip), page weight, and Lighthouse mobile scores."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from io import BytesIO
from pathlib import Path

from mingle.browser import FLAGS

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_ASSETS = ["storage.js", "scoring.js", "codes.js", "exercise.js", "checklists.js", "progress.js",
                   "exercise.css"]
BUDGET = 12 * 1024
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/", "/modules/02-the-pub/"]
CHROME_FLAGS = " ".join(["--headless=new", *FLAGS])


def gz(data: bytes) -> int:
    """Size in bytes after gzip at the level static hosts use."""
    return len(gzip.compress(data, compresslevel=6))


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped, as any real static host does, so Lighthouse measures what users get."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return BytesIO(body)


def build(target: Path) -> None:
    """A strict build of the site into target."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
                   cwd=ROOT, env=env, check=True)


def asset_weight(site: Path) -> None:
    """Print the exercise assets' gzip weight against the budget."""
    total = 0
    for name in EXERCISE_ASSETS:
        path = site / "assets" / "mingle" / name
        size = gz(path.read_bytes()) if path.exists() else 0
        total += size
        print(f"  {name:<16} {size / 1024:6.2f} KiB gzip")
    verdict = "within" if total <= BUDGET else "OVER"
    print(f"  exercise JS+CSS total {total / 1024:.2f} KiB gzip ({verdict} the 12 KiB budget)")


def page_weight(site: Path, page: str) -> None:
    """Print the gzip weight of one page with its own CSS and JS."""
    html = (site / page.strip("/") / "index.html") if page != "/" else site / "index.html"
    own = sum(gz(p.read_bytes()) for p in (site / "assets" / "mingle").glob("*.*"))
    print(f"  {page}: HTML {gz(html.read_bytes()) / 1024:.1f} KiB gzip; kit CSS+JS {own / 1024:.1f} KiB gzip")


def lighthouse(site: Path) -> None:
    """Lighthouse (mobile, simulated throttling) scores for the home page and a module page."""
    if not LIGHTHOUSE.exists():
        print("  Lighthouse not installed (make bench installs it into .cache/lighthouse)")
        return
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    try:
        for page in PAGES:
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                subprocess.run(
                    [str(LIGHTHOUSE), f"http://127.0.0.1:{server.server_address[1]}{page}",
                     "--only-categories=performance,accessibility,best-practices,seo", "--output=json",
                     f"--output-path={out.name}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
                    env=env, check=True, timeout=300)
                report = json.loads(Path(out.name).read_text())
            scores = ", ".join(f"{k} {v['score']:.2f}" for k, v in report["categories"].items())
            print(f"  Lighthouse mobile {page}: {scores}")
    finally:
        server.shutdown()


def main() -> None:
    """Build once, then print every site figure."""
    print("Site")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        asset_weight(site)
        for page in PAGES:
            page_weight(site, page)
        lighthouse(site)


if __name__ == "__main__":
    main()
