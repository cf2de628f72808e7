"""Pictures on pages: the kit's own SVG drawings and the theme's Material icons, read and checked at build, inlined."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path

from mingle.errors import KitBuildError

SVG = "{http://www.w3.org/2000/svg}"
PICTURES = Path("assets") / "mingle" / "pictures"  # inside docs/: one drawing per file, <name>.svg
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What a drawing may hold: shapes, groups and their styling. No script, no text (words belong on the page,
# where they can be read, searched and translated), no links or images (nothing is fetched when it is shown).
SHAPES = {"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "title", "desc"}
ICON_SETS = ("material", "octicons")  # the icon sets Material for MkDocs (and Zensical) ship in their theme


def _local(tag: str) -> str:
    return tag[len(SVG):] if tag.startswith(SVG) else tag


def _strip(node: etree.Element) -> etree.Element:
    """The drawing with plain tag names, as HTML writes inline SVG (the namespace is implied there)."""
    for child in node.iter():
        child.tag = _local(child.tag)
    return node


@lru_cache(maxsize=64)
def _read(path: Path, data: bytes) -> etree.Element:
    """A drawing, checked: an <svg> with a viewBox, holding only shapes. Problems name the file and the reason."""
    try:
        root = etree.fromstring(data)
    except etree.ParseError as err:
        raise KitBuildError(f"{path}: not a readable SVG file ({err})") from None
    if root.tag not in (SVG + "svg", "svg"):
        raise KitBuildError(f"{path}: expected an <svg> element at the top, found <{_local(root.tag)}>")
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) != 4 or not all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in box) or float(box[2]) <= 0 \
            or float(box[3]) <= 0:
        raise KitBuildError(f"{path}: viewBox: expected four numbers (x y width height), so the picture scales")
    for node in root.iter():
        tag = _local(node.tag)
        if tag not in SHAPES:
            raise KitBuildError(f"{path}: <{tag}>: not allowed; a picture holds only {', '.join(sorted(SHAPES))}")
        for name, value in node.attrib.items():
            plain = _local(name).split("}")[-1]
            if plain.startswith("on") or plain == "href" or "url(" in value:
                raise KitBuildError(f"{path}: <{tag}> {plain}: not allowed (no scripts, links or outside files)")
    return _strip(root)


def read_svg(path: Path) -> etree.Element:
    """A fresh copy of a checked drawing (checked again whenever the file's content changes, for live reload)."""
    try:
        data = path.read_bytes()
    except OSError:
        raise KitBuildError(f"{path}: no such file") from None
    return copy.deepcopy(_read(path, data))


def picture_names(docs_dir: str) -> list[str]:
    """The drawings a page can use, by name."""
    return sorted(p.stem for p in (Path(docs_dir) / PICTURES).glob("*.svg"))


def picture(docs_dir: str, name: str, alt: str) -> etree.Element:
    """A drawing as an inline, scalable SVG image whose accessible name is `alt`; width and height reserve its space."""
    svg = read_svg(Path(docs_dir) / PICTURES / f"{name}.svg")
    _, _, width, height = svg.get("viewBox").replace(",", " ").split()
    for node in svg.iter():  # the page's alt text is the one name; a title inside would be a second
        for child in [c for c in node if c.tag in ("title", "desc")]:
            node.remove(child)
    svg.attrib.update({"role": "img", "aria-label": alt, "class": "mingle-picture-svg", "width": width,
                       "height": height, "focusable": "false"})
    return svg


@lru_cache(maxsize=1)
def icon_folders() -> tuple[Path, ...]:
    """Where the theme keeps its icons: Material for MkDocs under MkDocs, Zensical's copy under Zensical."""
    found = []
    for package in ("material", "zensical"):
        try:
            module = __import__(package)
        except ImportError:
            continue
        folder = Path(module.__file__).parent / "templates" / ".icons"
        if folder.is_dir():
            found.append(folder)
    return tuple(found)


def icon(name: str) -> etree.Element:
    """A theme icon such as `material-eye-outline` (the name of its `:material-eye-outline:` shortcode), decorative."""
    kind, _, rest = name.partition("-")
    if kind not in ICON_SETS or not NAME.fullmatch(rest):
        raise KitBuildError(f"{name!r}: expected an icon name such as material-eye-outline or octicons-heart-24 "
                            f"(sets: {', '.join(ICON_SETS)})")
    for folder in icon_folders():
        path = folder / kind / f"{rest}.svg"
        if path.is_file():
            svg = read_svg(path)
            svg.attrib.update({"aria-hidden": "true", "focusable": "false", "class": "mingle-icon", "width": "24",
                               "height": "24"})
            return svg
    if not icon_folders():
        raise KitBuildError(f"{name}: the theme's icons are not installed (Material for MkDocs or Zensical)")
    raise KitBuildError(f"{name}: no such icon in the theme's {kind} set")


def check_picture(where: str, docs_dir: str, options: dict) -> etree.Element | None:
    """A scene's `picture` and `alt`, checked: the drawing ready to inline, or None when there is none."""
    name, alt = options.get("picture") or "", options.get("alt") or ""
    if not name:
        if alt:
            raise KitBuildError(f"{where}: alt: only used with `picture:`")
        return None
    names = picture_names(docs_dir)
    if not isinstance(name, str) or name not in names:
        raise KitBuildError(f"{where}: picture: no such picture {name!r} in docs/{PICTURES.as_posix()}; "
                            f"valid: {', '.join(names) or 'none yet'}")
    if not isinstance(alt, str) or not alt.strip():
        raise KitBuildError(f"{where}: alt: a picture needs words saying what it shows, for anyone who cannot see it")
    return picture(docs_dir, name, " ".join(alt.split()))
