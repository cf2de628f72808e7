"""The `mingle-build` MkDocs plugin: what the kit's Markdown extensions need from a whole build.

- It marks where each build starts and ends, so that the extensions read the kit's files once per build
  (mingle.site.buildcache) rather than once per page. `make serve` runs a new build after every change, and so a
  new reading.
- It puts what blocks make from the kit's data (exercise forms, worksheets, answer keys, agendas, the progress
  list) into each finished page, after Markdown and the search index have done with it (mingle.site.late).
- When the kit's problems stop a build, it says each on a line of its own (errors.KitBuildError).

Zensical skips MkDocs plugins it does not know: there the extensions check the files' content at each page and
render those blocks in place.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin, get_plugin_logger

from mingle.errors import KitBuildError
from mingle.site import buildcache, late
from mingle.site.coursecheck import rules_root, stop_on_problems

LOG = get_plugin_logger("mingle")
EXTENSION = "mingle.site.blocks"  # the kit's Markdown extension, whose options say where the kit is


class BuildPlugin(BasePlugin):
    """Opens the build's cache and late blocks before the pages are read, fills in each page, and closes both when
    the build ends or fails."""

    def on_pre_build(self, *, config) -> None:
        """A build starts: the kit's files are read afresh, and blocks leave markers for `on_post_page`. A strict
        build with the content rules on stops here on the course's problems, before any page is read (the rules
        run before each page too, but MkDocs would say the problem was in reading the first)."""
        buildcache.begin_build()
        late.begin_build()
        options = (config.get("mdx_configs") or {}).get(EXTENSION) or {}
        if options.get("course_rules") and not options.get("show_errors"):
            stop_on_problems(rules_root(options.get("exercises_dir", "exercises")))

    def on_post_page(self, output: str, *, page, config) -> str:
        """The finished page with what the blocks made in place of their markers."""
        return late.fill(output)

    def on_post_build(self, *, config) -> None:
        """The build is done."""
        self._end()

    def on_build_error(self, *, error) -> None:
        """The build failed: nothing of it is kept for the next. The kit's problems are said one to a line, each
        with MkDocs' error prefix and the kit's own (`mingle:`), before MkDocs says the error's heading."""
        self._end()
        if isinstance(error, KitBuildError) and error.problems and not error.said:
            for line in error.problems:
                LOG.error("%s", line)
            error.said = True

    @staticmethod
    def _end() -> None:
        buildcache.end_build()
        late.end_build()
