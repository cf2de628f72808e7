"""The curriculum as written: front matter, blocks, the sources' lists in full, length and reading grade."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODULES = sorted((DOCS / "modules").glob("*.md"))
SOURCE_KEYS = {"november-2009", "amplified-08", "confuse-you", "talk-notes", "expand-business"}
BLOCK = re.compile(r"^/// ([a-z-]+)(?: \| (.+))?$", re.M)
PLACEHOLDERS = re.compile(r"\b(TODO|FIXME|TBD|XXX|lorem ipsum|placeholder)\b", re.I)
AMERICAN = re.compile(r"\b(color|favorite|organize|organization|behavior|honor|center|realize|analyze|program me)\b", re.I)


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


def prose(body: str) -> str:
    """The words a reader reads: no block fences, markers, headings' hashes or link targets."""
    text = re.sub(r"^///.*$", "", body, flags=re.M)
    text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+(?:\[[ xX]\]\s+)?", "", text, flags=re.M)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def test_there_are_eight_modules_in_order():
    numbers = [split(p)[0]["module"] for p in MODULES]
    assert numbers == list(range(8))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_front_matter(path):
    meta, body = split(path)
    assert set(meta) >= {"title", "description", "module", "teaching", "exercises", "sources"}
    assert isinstance(meta["teaching"], int) and meta["teaching"] > 0
    assert isinstance(meta["exercises"], int) and meta["exercises"] >= 0
    assert set(meta["sources"]) <= SOURCE_KEYS
    assert (meta["module"] == 0) == (meta["sources"] == [])
    assert body.lstrip().startswith(f"# {meta['title']}")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_has_every_kind_of_block(path):
    meta, body = split(path)
    names = [name for name, _ in blocks(body)]
    assert names[0] == "objectives", "objectives come first"
    assert names[-1] == "key-points", "key points come last"
    for needed in ("checklist", "discuss", "try-this", "facilitator"):
        assert needed in names, f"no {needed} block"
    if meta["module"] > 0:
        assert "scene" in names and "exercise" in names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_length_and_reading_grade(path):
    _, body = split(path)
    text = prose(body)
    words = len(re.findall(r"[A-Za-z0-9’']+", text))
    assert 500 <= words <= 1200, f"{words} words"
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 9, f"Flesch-Kincaid grade {grade}"


@pytest.mark.parametrize("checklist, count, module", [
    ("five-practices", 5, 3), ("know-like-trust", 3, 3), ("three-needs", 3, 4),
    ("nine-questions", 9, 6), ("linkedin-activities", 3, 7)])
def test_the_sources_lists_are_there_in_full(checklist, count, module):
    _, body = split(MODULES[module])
    items = re.findall(r"^- \[ \] ", block_body(body, "checklist", checklist), re.M)
    assert len(items) == count


def test_five_practices_name_the_five():
    _, body = split(MODULES[3])
    text = block_body(body, "checklist", "five-practices").lower()
    for word in ("active", "interact", "quality", "personal", "authentic"):
        assert word in text


def test_the_pipeline_has_its_five_steps_and_ends():
    _, body = split(MODULES[5])
    steps = re.findall(r"^\d+\. ", block_body(body, "pipeline"), re.M)
    assert len(steps) == 5


def test_each_analogy_is_told_as_a_scene():
    for module, words in ((2, ("pub",)), (3, ("wall", "loud", "everyone", "intern")), (4, ("square", "slip", "shout")),
                          (5, ("hand",))):
        _, body = split(MODULES[module])
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
