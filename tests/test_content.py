"""The curriculum as written: the sources' lists in full, the analogies as scenes, no placeholders, British spelling.

The kit's content rules (front matter, blocks, length, reading grade) run over the course in test_course_rules.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from mingle.course.pages import prose

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODULES = sorted((DOCS / "modules").glob("*.md"))
SOURCE_KEYS = {"november-2009", "amplified-08", "confuse-you", "talk-notes", "expand-business"}
BLOCK = re.compile(r"^/// ([a-z-]+)(?: \| (.+))?$", re.M)
PLACEHOLDERS = re.compile(r"\b(TODO|FIXME|TBD|XXX|lorem ipsum|placeholder)\b", re.I)
AMERICAN = re.compile(r"\b(color|favorite|organize|organization|behavior|honor|center|realize|analyze|program me)\b",
                      re.I)


def split(path: Path) -> tuple[dict, str]:
    """Front matter and body of a Markdown page."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    assert match, f"{path.name}: no front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def blocks(body: str) -> list[tuple[str, str | None]]:
    """The kit blocks a page opens, in order (closing `///` lines excluded)."""
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(body)]


def block_body(body: str, name: str, arg: str | None = None) -> str:
    """The text inside the first block of that name (and argument)."""
    head = f"/// {name}" + (f" | {arg}" if arg else "")
    start = body.index(head + "\n") + len(head) + 1
    return body[start:body.index("\n///", start)]


def by_number(number: int) -> Path:
    """The module page with that number in its front matter."""
    return next(p for p in MODULES if split(p)[0].get("module") == number)


def holding(name: str, arg: str | None = None) -> str:
    """The text inside that block, on whichever module page has it."""
    head = f"/// {name}" + (f" | {arg}" if arg else "") + "\n"
    body = next(body for _, body in map(split, MODULES) if head in body)
    return block_body(body, name, arg)


NUMBERS = {word: n for n, word in enumerate(
    "two three four five six seven eight nine ten eleven twelve".split(), start=2)}


def said_counts() -> list[tuple[str, str, int, int]]:
    """(page, checklist, the number its caption or the heading above it names, its items) for every checklist whose
    caption or heading names how many it holds, on every module page."""
    found = []
    for path in MODULES:
        heading = ""
        _, body = split(path)
        for line in body.splitlines():
            if line.startswith("## "):
                heading = line
            elif match := re.match(r"^/// checklist \| (\S+)$", line):
                inside = block_body(body[body.index(line):], "checklist", match[1])
                caption = re.search(r"^ +caption: (.*)$", inside, re.M)
                words = re.findall(r"[a-z]+", f"{caption[1] if caption else ''} {heading}".lower())
                named = [NUMBERS[w] for w in words if w in NUMBERS]
                if named:
                    found.append((path.name, match[1], named[0], len(re.findall(r"^- \[ \] ", inside, re.M))))
    return found


def test_a_checklist_holds_as_many_items_as_it_says():
    # The sources' lists (five practices, three needs, nine questions) are kept in full: a list that names its
    # count, in its caption or its heading, holds that many, whatever the course.
    assert said_counts(), "no checklist names how many it holds: the rule checks nothing"
    wrong = [f"{page}: {name} says {said} and holds {held}" for page, name, said, held in said_counts() if said != held]
    assert not wrong, wrong


def test_a_pipeline_has_one_icon_per_step():
    for path in MODULES:
        _, body = split(path)
        for name, arg in blocks(body):
            if name == "pipeline":
                inside = block_body(body, "pipeline", arg)
                icons = re.search(r"^ +icons: >-\n((?: {6}.*\n)+)", inside, re.M)
                steps = re.findall(r"^\d+\. ", inside, re.M)
                assert len(steps) >= 2, path.name
                if icons:
                    assert len(icons[1].split()) == len(steps), path.name


def test_five_practices_name_the_five():
    text = holding("checklist", "five-practices").lower()
    for word in ("active", "interact", "quality", "personal", "authentic"):
        assert word in text


def test_each_analogy_is_told_as_a_scene():
    for module, words in ((2, ("pub",)), (3, ("wall", "loud", "everyone", "intern")), (4, ("square", "slip", "shout")),
                          (5, ("hand",))):
        _, body = split(by_number(module))
        scenes = " ".join(block_body(body, "scene", arg) for name, arg in blocks(body) if name == "scene").lower()
        for word in words:
            assert word in scenes, f"module {module}: no '{word}' in its scenes"


def all_text_files() -> list[Path]:
    return [ROOT / "README.md", *DOCS.rglob("*.md"), *(ROOT / "exercises").glob("*.yml")]


def test_no_placeholder_text_anywhere():
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in all_text_files() if p.exists()
             for m in PLACEHOLDERS.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_british_spelling_in_the_curriculum():
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in [*MODULES, DOCS / "glossary.md"]
             for m in AMERICAN.finditer(prose(split(p)[1]))]
    assert not found, found


def test_about_the_sources_credits_every_post_by_title():
    text = (DOCS / "about-the-sources.md").read_text(encoding="utf-8")
    for title in ("Archive for November 2009", "Amplified 08", "Does Social Media Confuse You?",
                  "Social Media for Small Business", "Social media to expand your business"):
        assert title in text
    for key in SOURCE_KEYS:
        assert "{#" + key + "}" in text
