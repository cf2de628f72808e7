"""The `mingle-minify` MkDocs plugin: the kit's own scripts and styles reach the browser minified, under their
own names.

The files in docs/assets/mingle/ stay as written, comments and all; only the built copies in the site are
squeezed (rjsmin and rcssmin drop comments and spaces, nothing else), so what `make bench` weighs is what a
learner's phone downloads. Under `mkdocs serve` the files stay as written, for the browser's developer tools.
Zensical skips MkDocs plugins it does not know: its build ships the files as written.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin

KIT_ASSETS = Path("assets") / "mingle"


def minified(path: Path) -> str | None:
    """The minified text of one kit script or stylesheet, or None for any other file."""
    if path.suffix == ".js":
        import rjsmin

        return rjsmin.jsmin(path.read_text(encoding="utf-8"))
    if path.suffix == ".css":
        import rcssmin

        return rcssmin.cssmin(path.read_text(encoding="utf-8"))
    return None


def minify_site(site_dir: Path) -> None:
    """Minify every script and stylesheet of the kit in a built site, in place."""
    for path in sorted((Path(site_dir) / KIT_ASSETS).glob("*.*")):
        text = minified(path)
        if text is not None:
            path.write_text(text, encoding="utf-8")


class MinifyPlugin(BasePlugin):
    """Minifies the kit's assets after each build, except under `mkdocs serve`."""

    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is `mkdocs serve`."""
        self.serving = command == "serve"

    def on_post_build(self, *, config) -> None:
        """Minify the kit's assets in the site just built."""
        if not self.serving:
            minify_site(Path(config["site_dir"]))
