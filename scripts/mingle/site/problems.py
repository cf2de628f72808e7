"""A problem in the site build: the strict build says each line of it and stops; under `make serve` it shows on the
page in an alert instead."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from typing import NoReturn

from markdown.util import AtomicString

from mingle.errors import KitBuildError

# MkDocs' own log (its plugins' part): each line shows as an error line of its own, and counts in a strict build.
LOG = logging.getLogger("mkdocs.plugins.mingle")


def stop(err: KitBuildError) -> NoReturn:
    """Stop the build: each of the error's problems on an error line of its own (MkDocs would print the error's
    whole text under one prefix), then the error, which says its heading."""
    for line in err.problems:
        LOG.error("mingle: %s", line)
    raise err


def error_box(parent: etree.Element | None, heading: str, lines: list[str] | tuple[str, ...]) -> etree.Element:
    """An alert naming each problem in one line, for `make serve` (the strict build stops instead)."""
    attrs = {"class": "admonition failure mingle-build-error", "role": "alert"}
    box = etree.Element("div", attrs) if parent is None else etree.SubElement(parent, "div", attrs)
    title = etree.SubElement(box, "p", {"class": "admonition-title"})
    title.text = AtomicString(heading)
    listing = etree.SubElement(box, "ul")
    for line in lines:
        etree.SubElement(listing, "li").text = AtomicString(line)
    return box
