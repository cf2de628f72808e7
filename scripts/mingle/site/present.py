"""What a deck needs from a page: which of its parts go on the wall.

Every top-level part that belongs on a slide gets `data-slide-part="<kind>"` here, once, so the deck only collects
the marked parts of each H2 section: nothing of the page is written twice and nothing moves on the page."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor


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


class PresentTreeprocessor(Treeprocessor):
    """Marks the slide parts of a page (after attr_list has set authors' marks)."""

    def run(self, root: etree.Element) -> None:
        """Mark each top-level part that goes on the wall."""
        for node in root:
            kind = slide_part(node)
            if kind:
                node.set("data-slide-part", kind)
