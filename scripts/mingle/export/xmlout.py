"""XML for the exports: element trees built one way and serialised the same way every time."""

from __future__ import annotations

import xml.etree.ElementTree as etree


def element(parent, tag: str, text: str | None = None, **attrs) -> etree.Element:
    """A new element (a child of `parent` unless None) with escaped text; `continue_` gives `continue`."""
    attrs = {k.rstrip("_"): str(v) for k, v in attrs.items() if v is not None}
    node = etree.SubElement(parent, tag, attrs) if parent is not None else etree.Element(tag, attrs)
    node.text = text
    return node


def to_bytes(root: etree.Element) -> bytes:
    """The document as UTF-8 bytes: the declaration, a two-space indent, a final newline."""
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="utf-8") + b"\n"
