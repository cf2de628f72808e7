"""The slides handout: every module's slides as its deck shows them (the built Slides page, on the deck's own
canvas), three to a page, each beside ruled lines for notes, printed on A4 and US Letter."""

from __future__ import annotations

from pathlib import Path

from mingle.course.agenda import module_title
from mingle.handouts.booklet import Kit, document
from mingle.course.event import Event
from mingle.render import element

CSS = Path(__file__).with_name("slides.css")
ASSEMBLE = Path(__file__).with_name("slides-assemble.js")
SCRIPTS = ("assets/mingle/storage.js",)  # the site's own element helper
DECKS = "presenters/slides/index.html"  # the built Slides page, which holds every module's slides
NAME, LABEL = "slides", "Slides with space for notes"
NOTE_LINES = 9
ADDRESS = "this module's page on the course site"  # what an exercise's slide says to open, on paper


def skeleton(event: Event, kit: Kit, stylesheets: list[str]) -> str:
    """The slides handout as an HTML document: one part per module, filled in the browser by slides-assemble.js."""
    import xml.etree.ElementTree as etree

    html, body, main = document("handout handout--slides", f"{event.title}: {LABEL}", stylesheets, CSS)
    main.attrib.pop("class")  # the slides are the deck's canvas, styled as on the wall, not as a page's text
    for number in sorted(kit.modules):
        module = kit.modules[number]
        part = element(main, "section", class_="slides-module", data_slides_src=DECKS, data_deck_module=str(number),
                       data_lines=str(NOTE_LINES), data_address=ADDRESS)
        element(part, "h1", module_title(module), class_="slides-module-title")
    for src in SCRIPTS:
        element(body, "script", "", src=src)
    return "<!DOCTYPE html>\n" + etree.tostring(html, encoding="unicode", method="html")
