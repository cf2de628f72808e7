"""A MkDocs hook: the kit's own scripts and styles reach the browser minified, under their own names.

The files in docs/assets/mingle/ stay as written, comments and all; only the built copies in the site are
squeezed (rjsmin and rcssmin drop comments and spaces, nothing else), so what `make bench` weighs is what a
learner's phone downloads. Zensical does not run MkDocs hooks: its build ships the files as written.
"""

from __future__ import annotations

from pathlib import Path

KIT_ASSETS = Path("assets") / "mingle"
serving = False  # under `mkdocs serve` the scripts stay readable in the browser's developer tools


def minified(path: Path) -> str | None:
    """The minified text of one kit script or stylesheet, or None for any other file."""
    if path.suffix == ".js":
        import rjsmin

        return rjsmin.jsmin(path.read_text(encoding="utf-8"))
    if path.suffix == ".css":
        import rcssmin

        return rcssmin.cssmin(path.read_text(encoding="utf-8"))
    return None


def on_startup(command: str, **kwargs) -> None:
    """Note whether this is `mkdocs serve`."""
    global serving
    serving = command == "serve"


def on_post_build(config, **kwargs) -> None:
    """Minify every script and stylesheet of the kit in the built site, in place (not while serving)."""
    if serving:
        return
    for path in sorted((Path(config["site_dir"]) / KIT_ASSETS).glob("*.*")):
        text = minified(path)
        if text is not None:
            path.write_text(text, encoding="utf-8")
