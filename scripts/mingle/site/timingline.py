"""The timing line that opens a module's notes for presenters: the page is found by its heading (MkDocs and Zensical
both take the front matter off before Markdown sees a page), its minutes come from its front matter."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from mingle.course.pages import FENCE, HEADING
from mingle.course.timing import page_timing, timing_runs
from mingle.errors import KitBuildError
from mingle.site import readings

ATTRIBUTE = "mingle_page_heading"  # where the preprocessor leaves the page's heading on the Markdown instance


class PageHeading(Preprocessor):
    """Note the page's first `# ` heading (outside code fences), for the blocks that need to know the page."""

    def run(self, lines: list[str]) -> list[str]:
        """The lines, unchanged."""
        heading, fence = None, ""
        for line in lines:
            marker = FENCE.match(line)
            if marker and (not fence or marker.group(1).startswith(fence)):
                fence = "" if fence else marker.group(1)
                continue
            found = None if fence else HEADING.match(line)
            if found and len(found.group(1)) == 1:
                heading = found.group(2)
                break
        setattr(self.md, ATTRIBUTE, heading)
        return lines


def timing_line(md, docs_dir: str, exercises) -> etree.Element | None:
    """The paragraph for a module page's notes, or None on any other page (or when the exercises cannot be read:
    their own block says why)."""
    heading = getattr(md, ATTRIBUTE, None)
    page = readings.module_pages(docs_dir).get(heading) if heading else None
    if page is None:
        return None
    try:
        timing = page_timing(page, exercises())
    except KitBuildError:
        return None
    if timing is None:
        return None
    line = etree.Element("p", {"class": "mingle-timing"})
    last = line
    for text, title in timing_runs(timing):
        if title:
            last = etree.SubElement(line, "em")
            last.text = AtomicString(text)
        elif last is line:
            line.text = AtomicString((line.text or "") + text)
        else:
            last.tail = AtomicString((last.tail or "") + text)
    return line
