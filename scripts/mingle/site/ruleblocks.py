"""Blocks that read the course itself: `/// content-rules` (the rules, from their data), `/// module-count` and
`/// what-counts` (which exercises a pass mark counts, from the exercises)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString
from pymdownx.blocks.block import Block

from mingle import reading
from mingle.course import rules
from mingle.errors import KitBuildError, ProblemsError
from mingle.model import is_marked
from mingle.site.problems import SafeBlock

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


class WhatCountsBlock(SafeBlock):
    """`/// what-counts`: the course's exercises with marked questions (a pass mark or a total counts them), and
    those that give a profile only, read from the exercises so the list stays true as the course changes."""

    NAME = "what-counts"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        """A list of the exercises that count, then a sentence naming those that never do."""
        try:
            exercises = sorted(self.config["exercises"]().values(), key=lambda e: (e.module, e.title))
        except KitBuildError as err:
            self.stop(err)
            return self.shown_error(parent)
        box = etree.SubElement(parent, "div", {"class": "mingle-what-counts"})
        counted = [e for e in exercises if any(is_marked(i) for i in e.items)]
        etree.SubElement(box, "p").text = AtomicString(
            "In this course, these exercises have marked questions, so they count towards a pass:")
        listed = etree.SubElement(box, "ul")
        for exercise in counted:
            marked = sum(is_marked(i) for i in exercise.items)
            item = etree.SubElement(listed, "li")
            etree.SubElement(item, "em").text = AtomicString(exercise.title)
            item[-1].tail = AtomicString(" (every question)" if marked == len(exercise.items) else
                                         f" ({in_words(marked)} marked question{'s' * (marked != 1)}; the rest "
                                         "give a profile and do not count)")
        others = [e.title for e in exercises if e not in counted]
        if others:
            names = ", ".join(others[:-1]) + (" and " if len(others) > 1 else "") + others[-1]
            etree.SubElement(box, "p").text = AtomicString(
                f"These give a profile or a band, and never count towards a pass: {names}.")
        return box
