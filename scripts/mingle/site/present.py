"""What present mode needs from the build: which parts of a page go on the wall, and each plan's minutes.

Every top-level part that belongs on a slide gets `data-slide-part="<kind>"` here, once, so present.js only
collects the marked parts of each H2 section: nothing of the page is written twice and nothing moves on the page.
The session plans' minutes for every module (the same slots the agenda lays out) go at the end of the page, so
the timer counts what the chosen plan gives the module."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.treeprocessors import Treeprocessor

from mingle.errors import MingleError
from mingle.site import readings

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol", "dl"}
PICTURES = {"figure", "img", "svg", "picture"}
MARK = "slide"  # an author's mark on a passage of prose: `{ .slide }` after the paragraph (attr_list)
# Kit blocks that stay off the wall: notes are for the speaker; agendas, cards and progress are pages' tools.
OFF_THE_WALL = {"mingle-facilitator", "mingle-agenda", "mingle-guest-cards", "mingle-progress"}


def slide_part(node: etree.Element) -> str | None:
    """What kind of slide part a top-level element is, or None when it stays on the speaker's screen."""
    classes = set((node.get("class") or "").split())
    if classes & OFF_THE_WALL:
        return None
    if MARK in classes:
        return "marked"
    if node.tag in HEADINGS:
        return "heading"
    if node.tag in LISTS:
        return "list"
    if node.tag == "table":
        return "table"
    if node.tag in PICTURES or (node.tag == "p" and not (node.text or "").strip() and len(node) == 1
                                and node[0].tag in PICTURES and not (node[0].tail or "").strip()):
        return "figure"
    if "mingle-exercise-block" in classes:
        return "exercise"
    if "mingle-slide-only" in classes:
        return "slide-only"
    if "mingle-block" in classes:
        # The block's own name comes first among its classes; a picture or diagram adds its classes after it.
        named = [c[len("mingle-"):] for c in (node.get("class") or "").split()
                 if c.startswith("mingle-") and c != "mingle-block"]
        return named[0] if named else "block"
    return None


def plans_json(root: Path) -> str | None:
    """Every plan's minutes per module as JSON (the plans read again when they or a module's minutes change)."""
    try:
        return readings.plan_minutes(Path(root))
    except MingleError:
        return None  # the content rules report a broken plans file; the timer then counts the module's own time


class PresentTreeprocessor(Treeprocessor):
    """Marks the slide parts of a page and appends the plans' minutes (after attr_list has set authors' marks)."""

    def __init__(self, md, root: Path):
        """Remember the kit's root (data/ and docs/ sit there)."""
        super().__init__(md)
        self.root = Path(root)

    def run(self, root: etree.Element) -> None:
        """Mark each top-level part that goes on the wall."""
        for node in root:
            kind = slide_part(node)
            if kind:
                node.set("data-slide-part", kind)
        # A page (it has its title, as every module has) carries the minutes; a fragment of Markdown does not.
        minutes = plans_json(self.root) if root.find("h1") is not None else None
        if minutes:
            etree.SubElement(root, "div", {"class": "mingle-plan-minutes", "hidden": "hidden",
                                           "data-plan-minutes": minutes})
