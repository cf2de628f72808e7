"""Markdown extension `mingle.site.tasklabels`: give every task-list checkbox an accessible name."""

from __future__ import annotations

import html
import re

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
MARKUP = re.compile(r"[*_`]+|\[([^\]]*)\]\([^)]*\)")


def _plain(text: str) -> str:
    """The item's Markdown as a reader hears it: emphasis marks and link targets dropped."""
    text = PLACEHOLDER.sub("", text)
    return " ".join(MARKUP.sub(lambda m: m.group(1) or "", text).split())


class TaskLabelTreeprocessor(Treeprocessor):
    """Runs after pymdownx.tasklist (which stashes the checkbox as raw HTML) and labels each box."""

    def run(self, root):
        """Add `aria-label` (the item's text) to each stashed task-list checkbox."""
        stash = self.md.htmlStash.rawHtmlBlocks
        for li in root.iter("li"):
            if "task-list-item" not in li.get("class", "").split():
                continue
            holder = li if li.text and PLACEHOLDER.match(li.text) else next(iter(li), None)
            match = PLACEHOLDER.match(holder.text or "") if holder is not None else None
            if not match:
                continue
            index = int(match.group(1))
            label = html.escape(_plain(holder.text[match.end():]) or "Done", quote=True)
            stash[index] = stash[index].replace("<input ", f'<input aria-label="{label}" ', 1)


class TaskLabelExtension(Extension):
    """Registers the labeller just after the task-list processor (25) and before inline (20)."""

    def extendMarkdown(self, md):
        """Register the tree processor."""
        md.treeprocessors.register(TaskLabelTreeprocessor(md), "mingle-task-labels", 24)


def makeExtension(**kwargs):
    """Entry point for Python-Markdown."""
    return TaskLabelExtension(**kwargs)
