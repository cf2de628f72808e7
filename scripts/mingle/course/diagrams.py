"""Lists drawn as diagrams: the options a block takes to draw its list, checked, and the drawing (text stays text)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from mingle.errors import KitBuildError
from mingle.course.pictures import NAME, ICON_SETS, icon

# shape -> how it is drawn (shown on the Adapting page's table of block options, and in errors)
SHAPES = {
    "flow": "boxes from top to bottom, each pointing to the next",
    "steps": "boxes from left to right with arrows between (top to bottom on a phone)",
    "branches": "a centre with one branch to each item",
}
OPTIONS = ("diagram", "caption", "centre", "icons")


def check(where: str, options: dict, needed: bool = False, resolve: bool = True) -> dict | None:
    """The diagram options of a block, checked (None: the block draws no diagram). Problems name block and key.

    `resolve`: find each icon in the theme (the build); without it (`mingle check` where no theme is installed)
    only the names' form is checked."""
    shape = options.get("diagram") or ""
    if not shape and not needed:
        extra = [k for k in ("caption", "centre", "icons") if options.get(k)]
        if extra:
            raise KitBuildError(f"{where}: {extra[0]}: only used with `diagram:`; add `diagram: "
                                f"{' | '.join(SHAPES)}`")
        return None
    if shape not in SHAPES:
        raise KitBuildError(f"{where}: diagram: expected one of {', '.join(SHAPES)}, got {shape!r}")
    caption = _text(where, options, "caption")
    if not caption:
        raise KitBuildError(f"{where}: caption: a diagram needs a caption; it names the diagram for screen readers")
    centre = _text(where, options, "centre")
    if shape == "branches" and not centre:
        raise KitBuildError(f"{where}: centre: a branches diagram needs the words at its centre")
    if shape != "branches" and centre:
        raise KitBuildError(f"{where}: centre: only a branches diagram has a centre")
    names = options.get("icons") or ""
    if not isinstance(names, str):
        raise KitBuildError(f"{where}: icons: expected icon names separated by spaces, such as "
                            "material-eye-outline material-heart-outline")
    for name in names.split():
        kind, _, rest = name.partition("-")
        if kind not in ICON_SETS or not NAME.fullmatch(rest):
            raise KitBuildError(f"{where}: icons: {name!r}: expected an icon name such as material-eye-outline "
                                f"or octicons-heart-24 (sets: {', '.join(ICON_SETS)})")
    icons = []
    if resolve:
        try:
            icons = [icon(name) for name in names.split()]
        except KitBuildError as err:
            raise KitBuildError(f"{where}: icons: {err}") from None
    return {"shape": shape, "caption": caption, "centre": centre, "icons": icons, "names": names.split()}


def _text(where: str, options: dict, key: str) -> str:
    value = options.get(key) or ""
    if not isinstance(value, str):
        raise KitBuildError(f"{where}: {key}: expected text, got {type(value).__name__}")
    return " ".join(value.split())


def slug(text: str) -> str:
    """Words as an id part: 'Know, like, trust' -> 'know-like-trust'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "diagram"


def draw(where: str, box: etree.Element, diagram: dict, key: str, title: etree.Element | None = None) -> None:
    """Turn a block holding a list into a figure: its caption (or the block's own title) names it, the list's
    items become the boxes."""
    from markdown.util import AtomicString  # the build's own; `mingle check` checks options without Markdown

    found = next((child for child in box if child.tag in ("ul", "ol")), None)
    if found is None:
        raise KitBuildError(f"{where}: diagram: a diagram is drawn from a list, and this block has none")
    items = [li for li in found if li.tag == "li"]
    count_icons(where, diagram, len(items))
    ident = f"mingle-diagram-{slug(key)}"
    many = " mingle-diagram--many" if len(items) > 4 else ""  # more than fit side by side: one under another
    box.set("class", f"{box.get('class', '')} mingle-diagram mingle-diagram--{diagram['shape']}{many}".strip())
    box.set("role", "figure")
    box.set("aria-labelledby", ident)
    if title is not None:
        title.set("id", ident)
    else:
        caption = etree.Element("p", {"class": "mingle-diagram-caption", "id": ident})
        caption.text = AtomicString(diagram["caption"])
        box.insert(list(box).index(found), caption)
    found.set("class", f"{found.get('class', '')} mingle-diagram-items".strip())
    if diagram["centre"]:
        centre = etree.Element("p", {"class": "mingle-diagram-centre"})
        centre.text = AtomicString(diagram["centre"])
        box.insert(list(box).index(found), centre)
    for li, svg in zip(items, diagram["icons"]):
        # Last in the item, so a task list still finds its "[ ]" at the start; the stylesheet puts it on top.
        mark = etree.SubElement(li, "span", {"class": "mingle-diagram-icon", "aria-hidden": "true"})
        mark.append(svg)


def count_icons(where: str, diagram: dict, items: int) -> None:
    """One icon per item, or none at all."""
    if diagram["names"] and len(diagram["names"]) != items:
        raise KitBuildError(f"{where}: icons: {len(diagram['names'])} icons for {items} items; give one each")
