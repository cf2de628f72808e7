"""The `mingle-minify` MkDocs plugin: the kit's own scripts and styles reach the browser minified, and each page
loads them as one stylesheet and one deferred script.

The files in docs/assets/mingle/ stay as written, comments and all, one per job; only the built copies in the site
are squeezed (rjsmin and rcssmin drop comments and spaces, nothing else), under their own names (the handouts, the
SCORM package and the live room load single scripts). The kit's stylesheets and scripts that mkdocs.yml lists
(`extra_css`, `extra_javascript`) are also joined, in that order, into assets/mingle/mingle.css and
assets/mingle/mingle.js, and the pages link those two instead of the list: the first paint waits for one stylesheet
of the kit rather than five, and the scripts arrive as one file. That script and Material's own are deferred: they
run in the same order once the page is parsed (window.Mingle's onPage waits for Material's document$ as before),
so the page is drawn before they run and nothing waits for them. So what `make bench` weighs and Lighthouse loads
is what a learner's phone receives.

Under `mkdocs serve` nothing changes: the files stay as written and are linked one by one, for the browser's
developer tools. Zensical skips MkDocs plugins it does not know: its build links and ships the files as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

KIT_ASSETS = Path("assets") / "mingle"
STYLES = f"{KIT_ASSETS.as_posix()}/mingle.css"  # the kit's extra_css, joined
SCRIPTS = f"{KIT_ASSETS.as_posix()}/mingle.js"  # the kit's extra_javascript, joined
# Material's own script, as its base.html writes it at the foot of the body.
MATERIAL_SCRIPT = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")></script>')


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


def is_kit(entry) -> bool:
    """Whether an extra_css or extra_javascript entry is one of the kit's own files, written plainly (a script
    with a type, `defer` or `async` of its own keeps its own tag)."""
    plain = isinstance(entry, str) or not (entry.type or entry.defer or entry.async_)
    return plain and str(entry).startswith(f"{KIT_ASSETS.as_posix()}/") and str(entry) not in (STYLES, SCRIPTS)


def join(site_dir: Path, sources: list[str], target: str, between: str) -> None:
    """Write `target` in the built site: the built copies of `sources`, in order."""
    texts = []
    for source in sources:
        path = Path(site_dir) / source
        if not path.is_file():
            raise PluginError(f"mingle-minify: {source} is listed in mkdocs.yml but missing from the built site")
        texts.append(path.read_text(encoding="utf-8"))
    (Path(site_dir) / target).write_text(between.join(texts) + "\n", encoding="utf-8")


def deferred(html: str) -> str:
    """A built page with Material's own script deferred, so that it runs before the kit's, as before."""
    return MATERIAL_SCRIPT.sub(r"\1 defer></script>", html, count=1)


class MinifyPlugin(BasePlugin):
    """Minifies the kit's assets after each build and links them as one stylesheet and one deferred script, except
    under `mkdocs serve`."""

    serving = False
    styles: list[str] = []
    scripts: list[str] = []
    defer_material = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is `mkdocs serve`."""
        self.serving = command == "serve"

    def on_config(self, config):
        """Put the joined stylesheet and script in the place of the first of the kit's own in each list."""
        self.styles, self.scripts, self.defer_material = [], [], False
        if self.serving:
            return config
        for name in (STYLES, SCRIPTS):
            if (Path(config["docs_dir"]) / name).exists():
                raise PluginError(f"mingle-minify: docs/{name} would be overwritten by the joined file of that name")
        self.styles = [str(entry) for entry in config["extra_css"] if is_kit(entry)]
        self.scripts = [str(entry) for entry in config["extra_javascript"] if is_kit(entry)]
        script = ExtraScriptValue(SCRIPTS)
        script.defer = True
        config["extra_css"] = self._replace(config["extra_css"], self.styles, STYLES)
        config["extra_javascript"] = self._replace(config["extra_javascript"], self.scripts, script)
        # Deferring Material's script keeps it ahead of the others only if none of them runs as the page is parsed.
        self.defer_material = bool(self.scripts) and all(
            not isinstance(entry, str) and (entry.defer or entry.async_ or entry.type == "module")
            for entry in config["extra_javascript"])
        return config

    @staticmethod
    def _replace(entries: list, kit: list[str], joined) -> list:
        """The list with the kit's entries replaced by the joined one, where the first of them stood."""
        if not kit:
            return entries
        first = next(i for i, entry in enumerate(entries) if str(entry) == kit[0])
        rest = [entry for entry in entries if str(entry) not in kit or not is_kit(entry)]
        return rest[:first] + [joined] + rest[first:]

    def on_post_page(self, output: str, *, page, config) -> str:
        """Defer Material's script on each page, with the kit's."""
        return deferred(output) if self.defer_material else output

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        """The same on the pages made from a template alone (404.html)."""
        return deferred(output_content) if self.defer_material and template_name.endswith(".html") else output_content

    def on_post_build(self, *, config) -> None:
        """Minify the kit's assets in the site just built, then join the listed ones."""
        if self.serving:
            return
        site = Path(config["site_dir"])
        minify_site(site)
        if self.styles:
            join(site, self.styles, STYLES, "\n")
        if self.scripts:
            # Each script is one statement, ((root) => { ... })(window); the semicolon keeps them apart.
            join(site, self.scripts, SCRIPTS, ";\n")
