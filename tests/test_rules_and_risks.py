"""The rules and risks page keeps its promise: every part names its sources, with links and the day they were checked,
and every part that gives advice says what kind of rule it is; the built site keeps every link and anchor."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGE = DOCS / "toolkit" / "rules-and-risks.md"
BUILT = Path("toolkit") / "rules-and-risks" / "index.html"

SECTION = re.compile(r"^## (.+)$", re.M)
EXTERNAL = re.compile(r"\]\((https?://[^)\s]+)\)")
CHECKED = re.compile(r"\bchecked on (\d{1,2} [A-Z][a-z]+ \d{4})\b", re.I)
ADVICE = "**What to do**"
KINDS = ("**UK law", "**Regulator's guidance", "**Official guidance", "**Platform rule")
NOT_ADVICE = re.compile(r"\bnot legal advice\b", re.I)


def body() -> str:
    """The page without its front matter."""
    return PAGE.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def sections() -> list[tuple[str, str]]:
    """Each `## ` part of the page as (heading, text up to the next heading)."""
    text = body()
    heads = list(SECTION.finditer(text))
    return [(h.group(1), text[h.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)])
            for i, h in enumerate(heads)]


def test_the_page_has_parts_to_hold_to_the_rules():
    assert sections(), "the page has no `## ` parts"


@pytest.mark.parametrize("heading, text", sections(), ids=[h for h, _ in sections()])
def test_every_part_links_to_its_sources(heading, text):
    assert EXTERNAL.search(text), f"{heading!r} links to no source"


@pytest.mark.parametrize("heading, text", sections(), ids=[h for h, _ in sections()])
def test_every_part_says_when_its_sources_were_checked(heading, text):
    stamps = CHECKED.findall(text)
    assert stamps, f"{heading!r} has no 'checked on <day month year>'"
    for stamp in stamps:
        datetime.strptime(stamp, "%d %B %Y")  # a real date, spelt out in British order


@pytest.mark.parametrize("heading, text", [(h, t) for h, t in sections() if ADVICE in t],
                         ids=[h for h, t in sections() if ADVICE in t])
def test_every_part_that_advises_says_what_kind_of_rule_it_is(heading, text):
    assert any(kind in text for kind in KINDS), f"{heading!r} gives advice but names no kind of rule"


def test_every_source_is_fetched_over_https():
    plain = [url for url in EXTERNAL.findall(body()) if not url.startswith("https://")]
    assert not plain, f"sources over plain http: {plain}"


def test_the_page_says_once_that_it_is_not_legal_advice():
    assert len(NOT_ADVICE.findall(body())) == 1


def test_the_page_is_in_the_nav_and_linked_from_the_toolkit():
    assert "- toolkit/rules-and-risks.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "(rules-and-risks.md)" in (DOCS / "toolkit" / "index.md").read_text(encoding="utf-8")


class _Links(HTMLParser):
    """Every href and every id in an HTML page."""

    def __init__(self):
        super().__init__()
        self.hrefs: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "href" and value:
                self.hrefs.add(value)
            elif name == "id" and value:
                self.ids.add(value)


def parsed(path: Path) -> _Links:
    """The links and ids of one built page."""
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_the_built_page_keeps_every_source_link(site_dir):
    built = parsed(site_dir / BUILT)
    missing = [url for url in EXTERNAL.findall(body()) if url not in built.hrefs]
    assert not missing, f"links lost in the build: {missing}"


def test_every_link_into_the_page_lands_on_a_part_of_it(site_dir):
    ids = parsed(site_dir / BUILT).ids
    into = re.compile(r"\]\((?:\.\./)*(?:toolkit/)?rules-and-risks\.md#([a-z0-9-]+)\)")
    wanted = {(page.relative_to(DOCS).as_posix(), anchor)
              for page in DOCS.rglob("*.md") for anchor in into.findall(page.read_text(encoding="utf-8"))}
    lost = sorted((page, anchor) for page, anchor in wanted if anchor not in ids)
    assert not lost, f"links to parts the page does not have: {lost}"
