"""A problem in the site build: the strict build says each line of it and stops; under `make serve` it shows on the
page in an alert instead."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from typing import NoReturn

from markdown.util import AtomicString
from pymdownx.blocks.block import Block

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


class SafeBlock(Block):
    """A block whose problem stops the strict build, or under `make serve` (show_errors) shows on the page."""

    error: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """The block as written, to name it in a problem: `/// scene | A stranger at the Crown`."""
        return f"/// {self.NAME}" + (f" | {self.argument}" if self.argument else "")

    def _validate(self, parent: etree.Element, arg, **options) -> bool:
        """An option the block does not know stops the build by name (pymdownx would quietly print the block)."""
        unknown = sorted(set(options) - set(self.option_spec))
        if unknown:
            self.argument = arg
            valid = ", ".join(sorted(k for k in self.option_spec if k != "attrs")) or "none"
            self.options = {k: v[0] for k, v in self.option_spec.items()}
            if self.stop(KitBuildError(f"{self.where}: {unknown[0]}: no such option; valid: {valid}")):
                return True
        return super()._validate(parent, arg, **{k: v for k, v in options.items() if k not in unknown})

    def stop(self, err: KitBuildError) -> bool:
        """Stop the build on the problem, or keep it to show in place of the block."""
        if not self.config.get("show_errors"):
            stop(err)
        self.error = err.lines
        return True

    def shown_error(self, parent: etree.Element) -> etree.Element | None:
        """The alert standing in for a broken block, if it has a problem."""
        return error_box(parent, "This block has a problem", self.error) if self.error else None
