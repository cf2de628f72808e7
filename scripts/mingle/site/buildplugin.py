"""The `mingle-build-cache` MkDocs plugin: marks where each build starts and ends, so that the kit's Markdown
extensions read the kit's files once per build (mingle.site.buildcache) rather than once per page.

`make serve` runs a new build after every change, and so a new reading. Zensical skips MkDocs plugins it does not
know: there the extensions check the files' content at each page instead.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

from mingle.site import buildcache


class BuildCachePlugin(BasePlugin):
    """Opens the build's cache before the pages are read and closes it when the build ends or fails."""

    def on_pre_build(self, *, config) -> None:
        """A build starts: the kit's files are read afresh."""
        buildcache.begin_build()

    def on_post_build(self, *, config) -> None:
        """The build is done."""
        buildcache.end_build()

    def on_build_error(self, *, error) -> None:
        """The build failed: nothing of it is kept for the next."""
        buildcache.end_build()
