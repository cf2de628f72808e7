"""Exercise forms, worksheets and answer keys join a page after Markdown and the search index have done with it.

They are the largest things the kit puts on its pages, and neither Markdown nor the search needs to see them: they
are made from the exercise files, not written in Markdown, and their words (every question, option and answer) would
crowd the pages' own prose out of search results, the answers included. So in a MkDocs build with the kit's plugin
(`mingle-build`, see buildplugin.py), a block leaves a marker, an empty `<div>` naming what goes there, and the
plugin puts the HTML in its place in the finished page (`fill`). The page is byte for byte what the block would have
made itself (tests/test_late.py holds it to that).

Where no plugin runs (Zensical, Markdown on its own), the block renders in place, as before.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown.serializers import to_xhtml_string
from markdown.treeprocessors import PrettifyTreeprocessor

from mingle.model import Exercise
from mingle.render import answer_key, exercise_form, worksheet

# What each kind of marker stands for: the elements made from one exercise.
PARTS: dict[str, Callable[[Exercise], list[etree.Element]]] = {
    "exercise": lambda exercise: [exercise_form(exercise), worksheet(exercise)],
    "answer-key": lambda exercise: [answer_key(exercise)],
}
# A block-level element, so that Markdown lays it out on a line of its own, as it would the elements it stands for.
MARKER = re.compile(r'<div data-mingle-late="([a-z-]+) ([a-z0-9-]+)"></div>')

_placed: dict[tuple[str, str], Exercise] | None = None  # in a build with the plugin: what markers stand for
_made: dict[tuple[str, str], str] = {}  # the HTML made for each, once per build
_MARKDOWN: markdown.Markdown | None = None


def begin_build() -> None:
    """A MkDocs build with the kit's plugin starts: blocks leave markers from now on."""
    global _placed
    _placed = {}
    _made.clear()


def end_build() -> None:
    """The build is over (done or failed): blocks render in place again."""
    global _placed
    _placed = None
    _made.clear()


def place(parent: etree.Element, kind: str, exercise: Exercise) -> None:
    """Put one exercise's part (`kind`, a key of PARTS) in `parent`: a marker in a build that fills markers in,
    else the elements themselves."""
    if _placed is None:
        parent.extend(PARTS[kind](exercise))
        return
    _placed[(kind, exercise.id)] = exercise
    etree.SubElement(parent, "div", {"data-mingle-late": f"{kind} {exercise.id}"})


def _html(match: re.Match) -> str:
    """The HTML a marker stands for (a marker this build did not place stays as it is)."""
    key = (match.group(1), match.group(2))
    if _placed is None or key not in _placed:
        return match.group(0)
    if key not in _made:
        _made[key] = serialized(PARTS[key[0]](_placed[key]))
    return _made[key]


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
