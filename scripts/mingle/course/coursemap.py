"""Where the course's exercises and checklists sit: read from the Markdown pages, for `/// progress`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mingle import reading
from mingle.course.pages import FENCE, HEADING
from mingle.errors import ReadError


@dataclass(frozen=True)
class PageRef:
    """Where a kit block sits in the course: page source path, page title, nearest heading, task count."""

    id: str
    page: str
    page_title: str
    label: str = ""
    items: int = 0


BLOCK = re.compile(r"^/// (exercise|checklist) \| *([\w-]+) *$")
TASK = re.compile(r"^\s*[-*+] \[[ xX]\] ")


def course_map(docs_dir: str) -> tuple[dict[str, PageRef], list[PageRef], dict[int, str]]:
    """Every page's exercises and checklists, and each module number's page, read from the Markdown."""
    exercises: dict[str, PageRef] = {}
    checklists: list[PageRef] = []
    modules: dict[int, str] = {}
    root = Path(docs_dir)
    for path in sorted(root.rglob("*.md")):
        page = path.relative_to(root).as_posix()
        try:
            meta, text = reading.read_front_matter(path)
        except ReadError:  # the content rules name the page and stop the build; its blocks still count here
            meta, text = {}, reading.without_front_matter(reading.read_text(path))
        title = str(meta.get("title") or page)
        if isinstance(meta.get("module"), int):
            modules.setdefault(meta["module"], page)
        heading, open_list, fence = "", None, ""
        for line in text.splitlines():
            marker = FENCE.match(line)
            if marker and (not fence or marker.group(1).startswith(fence)):
                fence = "" if fence else marker.group(1)  # examples in code blocks are not the course's blocks
            if fence or marker:
                continue
            if open_list is not None:
                if line.strip() == "///":
                    checklists.append(open_list)
                    open_list = None
                elif TASK.match(line):
                    open_list = PageRef(open_list.id, page, title, open_list.label, open_list.items + 1)
                continue
            found = HEADING.match(line) or BLOCK.match(line)
            if found and found.re is HEADING:
                heading = found.group(2)
            elif found and found.group(1) == "exercise":
                exercises.setdefault(found.group(2), PageRef(found.group(2), page, title))
            elif found:
                open_list = PageRef(found.group(2), page, title, heading or title)
    return exercises, checklists, modules
