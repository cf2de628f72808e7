"""Site figures: build time against a stock Material build of the same pages (target ≤ 1.5×), exercise JS/CSS weight
(budget 12 KiB gzip), page weight, and Lighthouse mobile scores with layout shift."""

from __future__ import annotations

import compileall
import functools
import gzip
import http.server
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from io import BytesIO
from pathlib import Path

import yaml

from mingle.browser import FLAGS

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_ASSETS = ["storage.js", "scoring.js", "codes.js", "exercise.js", "checklists.js", "progress.js",
                   "exercise.css"]
BUDGET = 12 * 1024
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/", "/modules/02-the-pub/", "/presenters/agenda/"]  # home, a module page, the agenda (it has a picker)
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


BUILD_RATIO = 1.5  # the kit's build may cost at most this much more than stock Material's of the same pages
BUILD_RUNS = 10  # best of ten: single builds vary by a few per cent on a shared 2-core machine


class _KitConfig(yaml.SafeLoader):
    """Reads mkdocs.yml, taking each !ENV tag's default (the stock build only borrows its nav and theme)."""


_KitConfig.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                           if isinstance(node, yaml.SequenceNode) else None)
_KitConfig.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)  # the version


def stock_config(target: Path) -> Path:
    """A stripped mkdocs.yml for the same pages: Material with its search and the usual Markdown extensions only;
    no kit extension, hook, template override, script or stylesheet (kit blocks stay as plain text)."""
    kit = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KitConfig)  # noqa: S506 - a SafeLoader
    theme = {k: v for k, v in kit["theme"].items() if k in ("name", "language", "font", "features", "palette")}
    extensions = [e for e in kit["markdown_extensions"] if not str(next(iter(e)) if isinstance(e, dict) else e)
                  .startswith("mingle.")]
    config = {"site_name": kit["site_name"], "docs_dir": str(ROOT / "docs"), "theme": theme, "plugins": ["search"],
              "markdown_extensions": extensions, "nav": kit["nav"]}
    path = target / "mkdocs-stock.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def timed_build(config: Path | None, target: Path) -> tuple[float, float]:
    """One build's (wall-clock, CPU) seconds: the kit's (strict, as `make build`) or another config's."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    argv = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)]
    argv += ["-f", str(config)] if config else ["--strict"]
    before, began = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True)
    wall, after = time.perf_counter() - began, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compile_kit() -> None:
    """Byte-compile the kit's own package, so that both builds load their Python from bytecode.

    pip byte-compiles every package it installs (MkDocs, Material and the rest), and Python caches the kit's own
    modules after their first run, except where PYTHONDONTWRITEBYTECODE is set, as on the development machine and
    CI. There the kit alone would be compiled from source at every build (about 0.01-0.03 s): not a cost of the kit's
    build anyone pays twice.
    """
    compileall.compile_dir(ROOT / "scripts" / "mingle", quiet=1)


def build_time(tmp: Path) -> None:
    """Best of BUILD_RUNS builds, the kit's and stock Material's, taken in turns, each loading its Python from
    bytecode; the ratio on CPU time (steadier than wall-clock on a shared machine)."""
    compile_kit()
    stock, kit = stock_config(tmp), {"kit": [], "stock": []}
    for n in range(BUILD_RUNS):
        kit["kit"].append(timed_build(None, tmp / f"kit-{n}"))
        kit["stock"].append(timed_build(stock, tmp / f"stock-{n}"))
    best = {name: (min(w for w, _ in runs), min(c for _, c in runs)) for name, runs in kit.items()}
    ratio = best["kit"][1] / best["stock"][1]
    verdict = "within" if ratio <= BUILD_RATIO else "OVER"
    for name, label in (("kit", "the kit's build"), ("stock", "stock Material, same pages")):
        print(f"  {label:<28} {best[name][0]:5.2f} s wall, {best[name][1]:5.2f} s CPU (best of {BUILD_RUNS})")
    print(f"  kit / stock CPU time {ratio:.2f}x ({verdict} the {BUILD_RATIO}x target); "
          f"wall-clock {best['kit'][0] / best['stock'][0]:.2f}x")


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
    """Print the gzip weight of one page with the kit's CSS and JS it links (the built pages link the kit's files
    joined, mingle.css and mingle.js, and print.css; summing every file in assets/mingle would count them twice)."""
    html = (site / page.strip("/") / "index.html") if page != "/" else site / "index.html"
    links = set(re.findall(r'(?:href|src)="([^"]*assets/mingle/[^"]+\.(?:css|js))"', html.read_text(encoding="utf-8")))
    own = sum(gz((html.parent / link).read_bytes()) for link in links)
    print(f"  {page}: HTML {gz(html.read_bytes()) / 1024:.1f} KiB gzip; kit CSS+JS it links {own / 1024:.1f} KiB gzip")


def lighthouse(site: Path) -> None:
    """Lighthouse (mobile, simulated throttling) scores and layout shift for each page in PAGES."""
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
            shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
            print(f"  Lighthouse mobile {page}: {scores}; layout shift (CLS) {shift:.3f} (target 0)")
    finally:
        server.shutdown()


def main() -> None:
    """Build once, then print every site figure."""
    print("Site")
    with tempfile.TemporaryDirectory() as tmp:
        build_time(Path(tmp))
        site = Path(tmp) / "site"
        build(site)
        asset_weight(site)
        for page in PAGES:
            page_weight(site, page)
        lighthouse(site)


if __name__ == "__main__":
    main()
