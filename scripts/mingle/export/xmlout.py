"""XML documents for the exports: element trees serialised the same way every time."""

from __future__ import annotations

import xml.etree.ElementTree as etree


def to_bytes(root: etree.Element, doctype: str = "") -> bytes:
    """The document as UTF-8 bytes: declaration, optional doctype, two-space indent, a final newline."""
    etree.indent(root, space="  ")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (doctype + "\n" if doctype else "")
    return head.encode("utf-8") + etree.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
