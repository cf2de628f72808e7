"""Exercise forms, worksheets, answer keys, agendas and the progress page's list join a page after Markdown and
the search index have done with it.

They are the largest things the kit puts on its pages, and neither Markdown nor the search needs to see them: they
are made from the kit's data (exercise files, session plans), not written in Markdown, and their words (every
question, option and answer, every agenda row) would crowd the pages' own prose out of search results, the answers
included. None holds a heading, so the pages' contents lists are the same either way.

So in a MkDocs build with the kit's plugin (`mingle-build`, see buildplugin.py), a block leaves a marker, an empty
`<div>` naming what goes there, and the plugin puts the HTML in its place in the finished page (`fill`). The page is
byte for byte what the block would have made itself (tests/test_late.py holds it to that).

Where no plugin runs (Zensical, Markdown on its own), the block renders in place, as before.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown.serializers import to_xhtml_string
from markdown.treeprocessors import PrettifyTreeprocessor

# A block-level element, so that Markdown lays it out on a line of its own, as it would the elements it stands for.
MARKER = re.compile(r'<div data-mingle-late="([0-9]+)"></div>')

Make = Callable[[], list[etree.Element]]
_numbers: dict[str, int] | None = None  # in a build with the plugin: each key's marker number
_makers: list[Make] = []  # by marker number: what the marker stands for
_made: dict[int, str] = {}  # the HTML made for each marker number, once per build
_MARKDOWN: markdown.Markdown | None = None


def begin_build() -> None:
    """A MkDocs build with the kit's plugin starts: blocks leave markers from now on."""
    global _numbers
    _numbers = {}
    _makers.clear()
    _made.clear()


def end_build() -> None:
    """The build is over (done or failed): blocks render in place again."""
    global _numbers
    _numbers = None
    _makers.clear()
    _made.clear()


def place(parent: etree.Element, key: str, make: Make) -> etree.Element:
    """Put what `make` makes at the end of `parent`: a marker in a build that fills markers in, else the elements
    themselves. `key` names what is made, the same for the same content within a build ("exercise <id>", say):
    each is made once. Returns the last element put there."""
    if _numbers is None:
        parent.extend(make())
    else:
        if key not in _numbers:
            _numbers[key] = len(_makers)
            _makers.append(make)
        etree.SubElement(parent, "div", {"data-mingle-late": str(_numbers[key])})
    return parent[-1]


def _html(match: re.Match) -> str:
    """The HTML a marker stands for (a marker this build did not place stays as it is)."""
    number = int(match.group(1))
    if _numbers is None or number >= len(_makers):
        return match.group(0)
    if number not in _made:
        _made[number] = serialized(_makers[number]())
    return _made[number]


def serialized(elements: list[etree.Element]) -> str:
    """Elements as Markdown writes them into a page: laid out a block a line (its PrettifyTreeprocessor), each but
    the last followed by its line break (the marker's own ends the last)."""
    root = etree.Element("div")
    root.extend(elements)
    PrettifyTreeprocessor(_markdown()).run(root)
    elements[-1].tail = None
    return "".join(to_xhtml_string(element) for element in elements)


def _markdown() -> markdown.Markdown:
    """A plain Markdown, for what it knows of block-level elements (made once)."""
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = markdown.Markdown()
    return _MARKDOWN


def fill(html: str) -> str:
    """A finished page with every marker replaced by the HTML it stands for."""
    return MARKER.sub(_html, html) if "data-mingle-late=" in html else html
