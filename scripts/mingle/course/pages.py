"""A course page as the content rules see it: front matter, kit blocks and headings with their lines, prose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mingle import reading

BLOCK = re.compile(r"^/{3,} *([A-Za-z][\w-]*)(?: *\| *(.*?))? *$")
HEADING = re.compile(r"^(#{1,6}) +(.+?)(?: +\{[^}]*\})? *$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
WORD = re.compile(r"[A-Za-z0-9’']+")
OPTION_LINE = re.compile(r"^(?: {4}|\t).*\S")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.) ")
TASK = re.compile(r"^\s*[-*+] \[[ xX]\] ")


@dataclass(frozen=True)
class BlockRef:
    """A kit block opened on a page: its name, its argument (after `|`) and its line in the file."""

    name: str
    argument: str
    line: int
    options: str = ""  # the indented `key: value` lines straight under its first line, as written
    items: int = 0  # top-level list items in its body (a diagram draws one box each)
    tasks: int = 0  # task-list items in its body, nested ones too (a checklist's ticks)


@dataclass(frozen=True)
class Page:
    """One Markdown page: where it is, its front matter and body, its blocks and headings in order."""

    file: str  # as the problems name it
    path: str  # relative to docs/, with forward slashes
    meta: dict
    body: str
    first_line: int  # the line of the file the body starts on
    blocks: tuple[BlockRef, ...]
    headings: tuple[tuple[int, str, int], ...]  # (level, text, line)


def read_page(file: Path, docs: Path, front_matter: bool = True) -> Page:
    """Read one page; unreadable text or front matter raises ReadError naming the file. `front_matter=False` reads
    past the front matter without it (the page's meta is then empty): a page whose front matter is broken still
    shows which blocks it holds."""
    text = reading.read_text(file)
    meta, body = (reading.split_front_matter(text, str(file)) if front_matter
                  else ({}, reading.without_front_matter(text)))
    first_line = text.count("\n") - body.count("\n") + 1
    blocks, headings, fence, open_block, in_options = [], [], "", None, False
    for number, line in enumerate(body.splitlines(), start=first_line):
        marker = FENCE.match(line)
        if marker and (not fence or marker.group(1).startswith(fence)):
            fence = "" if fence else marker.group(1)  # examples in code blocks are not the page's blocks
        if fence or marker:
            continue
        if open_block is not None:  # its options, then its top-level list items, until it closes
            if in_options and OPTION_LINE.match(line):
                open_block["options"] += line[4:] + "\n" if line.startswith("    ") else line[1:] + "\n"
                continue
            in_options = False
            open_block["items"] += bool(LIST_ITEM.match(line))
            open_block["tasks"] += bool(TASK.match(line))
        found = BLOCK.match(line)
        if found and found.group(1) and line.strip() != "///":
            open_block = {"name": found.group(1), "argument": (found.group(2) or "").strip(), "line": number,
                          "options": "", "items": 0, "tasks": 0}
            blocks.append(open_block)
            in_options = True
        elif line.strip() == "///":
            open_block = None
        elif heading := HEADING.match(line):
            headings.append((len(heading.group(1)), heading.group(2), number))
    blocks = [BlockRef(**b) for b in blocks]
    return Page(str(file), file.relative_to(docs).as_posix(), meta, body, first_line, tuple(blocks), tuple(headings))


# A block's first line and the indented `key: value` lines under it (pymdownx.blocks options).
BLOCK_OPTIONS = re.compile(r"^(/{3,}[^\n]*\n)((?:(?: {4}|\t)[^\n]*\n)+)", re.M)


def prose(body: str) -> str:
    """The words a reader reads: no block fences or block options (a picture's alt text, a diagram's caption),
    list markers, headings' hashes, link targets or emphasis."""
    text = BLOCK_OPTIONS.sub("", body)
    text = re.sub(r"^/{3,}.*$", "", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+(?:\[[ xX]\]\s+)?", "", text, flags=re.M)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def word_count(text: str) -> int:
    """How many words, as the length rule counts them."""
    return len(WORD.findall(text))
