"""Blocks that read the course itself: `/// content-rules` (the rules, from their data) and `/// module-count`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString
from pymdownx.blocks.block import Block

from mingle import reading
from mingle.course import rules
from mingle.errors import ProblemsError

CODE = re.compile(r"`([^`]+)`")
WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")


def _with_code(cell: etree.Element, text: str) -> None:
    """Put text in an element, each `backticked` part as <code>."""
    parts = CODE.split(text)
    cell.text = AtomicString(parts[0])
    for code, after in zip(parts[1::2], parts[2::2]):
        tag = etree.SubElement(cell, "code")
        tag.text, tag.tail = AtomicString(code), AtomicString(after)


class ContentRulesBlock(Block):
    """`/// content-rules`: every rule the kit checks, by name, as `mingle check` and the build name them."""

    NAME = "content-rules"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The rules as a table: name, where it applies, what it asks."""
        table = etree.SubElement(parent, "table", {"class": "mingle-content-rules"})
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for label in ("Rule", "Applies to", "What it asks"):
            etree.SubElement(head, "th").text = label
        body = etree.SubElement(table, "tbody")
        for rule in rules.RULES:
            row = etree.SubElement(body, "tr", {"id": f"rule-{rule.name}"})
            etree.SubElement(etree.SubElement(row, "td"), "code").text = AtomicString(rule.name)
            _with_code(etree.SubElement(row, "td"), rule.applies)
            _with_code(etree.SubElement(row, "td"), rule.says)
        return table


def module_count(docs_dir: str) -> int:
    """How many module pages the course has (pages in docs/modules/ with a module number)."""
    count = 0
    for path in sorted((Path(docs_dir) / rules.MODULES_FOLDER).glob("*.md")):
        try:
            meta, _ = reading.read_front_matter(path)
        except ProblemsError:
            continue  # the content rules report the page; the count leaves it out
        count += isinstance(meta.get("module"), int) and not isinstance(meta.get("module"), bool)
    return count


def in_words(number: int) -> str:
    """A count as prose writes it: words up to twenty, figures after."""
    return WORDS[number] if number < len(WORDS) else str(number)


class ModuleCountBlock(Block):
    """`/// module-count`: its Markdown with `{count}` replaced by the number of modules, in words."""

    NAME = "module-count"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        """A plain container for the sentence."""
        return etree.SubElement(parent, "div", {"class": "mingle-module-count"})

    def on_end(self, block: etree.Element) -> None:
        """Put the count into every `{count}` once the content is parsed."""
        count = in_words(module_count(self.config["docs_dir"]))
        for node in block.iter():
            for attr in ("text", "tail"):
                value = getattr(node, attr)
                if value and "{count}" in value:
                    setattr(node, attr, value.replace("{count}", count))
