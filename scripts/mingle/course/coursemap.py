"""Where the course's exercises and checklists sit: read from the Markdown pages, for `/// progress`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mingle.course.pages import read_page
from mingle.errors import ReadError

ID = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class PageRef:
    """Where a kit block sits in the course: page source path, page title, nearest heading, task count."""

    id: str
    page: str
    page_title: str
    label: str = ""
    items: int = 0


def course_map(docs_dir: str) -> tuple[dict[str, PageRef], list[PageRef], dict[int, str]]:
    """Every page's exercises and checklists, and each module number's page, read from the Markdown."""
    exercises: dict[str, PageRef] = {}
    checklists: list[PageRef] = []
    modules: dict[int, str] = {}
    root = Path(docs_dir)
    for path in sorted(root.rglob("*.md")):
        try:
            page = read_page(path, root)
        except ReadError:  # the content rules name the page and stop the build; its blocks still count here
            page = read_page(path, root, front_matter=False)
        title = str(page.meta.get("title") or page.path)
        if isinstance(page.meta.get("module"), int):
            modules.setdefault(page.meta["module"], page.path)
        for block in page.blocks:
            if block.name not in ("exercise", "checklist") or not ID.fullmatch(block.argument):
                continue
            if block.name == "exercise":
                exercises.setdefault(block.argument, PageRef(block.argument, page.path, title))
            else:
                heading = next((text for _, text, line in reversed(page.headings) if line < block.line), title)
                checklists.append(PageRef(block.argument, page.path, title, heading, block.tasks))
    return exercises, checklists, modules
