"""The slides handout: every module's slides as present mode makes them (slides.js, from the built pages), three
to a page, each beside ruled lines for notes, printed on A4 and US Letter."""

from __future__ import annotations

from pathlib import Path

from mingle.course.agenda import module_title
from mingle.handouts.booklet import Kit, document
from mingle.handouts.event import Event
from mingle.render import element

CSS = Path(__file__).with_name("slides.css")
ASSEMBLE = Path(__file__).with_name("slides-assemble.js")
SCRIPTS = ("assets/mingle/storage.js", "assets/mingle/slides.js")  # the site's own: the slides are made as on screen
NAME, LABEL = "slides", "Slides with space for notes"
NOTE_LINES = 9
ADDRESS = "this module's page on the course site"  # what an exercise's slide says to open, on paper


def skeleton(event: Event, kit: Kit, stylesheets: list[str]) -> str:
    """The slides handout as an HTML document: one part per module, filled in the browser by slides-assemble.js."""
    import xml.etree.ElementTree as etree

    html, body, main = document("handout handout--slides", f"{event.title}: {LABEL}", stylesheets, CSS)
    for number in sorted(kit.modules):
        module = kit.modules[number]
        part = element(main, "section", class_="slides-module", data_slides_src=f"modules/{module.page}/index.html",
                       data_lines=str(NOTE_LINES), data_address=ADDRESS)
        element(part, "h1", module_title(module), class_="slides-module-title")
    for src in SCRIPTS:
        element(body, "script", "", src=src)
    return "<!DOCTYPE html>\n" + etree.tostring(html, encoding="unicode", method="html")
