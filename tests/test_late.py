"""Exercise forms, worksheets and answer keys put into a page after Markdown and search (mingle.site.late): the
page is byte for byte what rendering them in place gives, and the search index keeps the pages' prose only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from test_blocks import FIXTURES, site_extensions

from mingle.exercises import load_exercises
from mingle.site import late
from mingle.site.blocks import MingleBlocksExtension, makeExtension

PAGE = """# A module

Some prose a learner may search for.

/// exercise | single-choice
///

/// exercise | multiple-choice
///

## The keys

/// answer-key | all
///
"""


def convert(text: str) -> str:
    """A page as MkDocs would convert it, with the site's own Markdown extensions over the fixture exercises (the
    content rules, which are for a whole course, left out)."""
    extensions = [makeExtension(exercises_dir=str(FIXTURES)) if isinstance(e, MingleBlocksExtension) else e
                  for e in site_extensions(FIXTURES)]
    return markdown.Markdown(extensions=extensions).convert(text)


@pytest.fixture
def in_a_build():
    """The span of one MkDocs build with the kit's plugin (as its on_pre_build and on_post_build mark it)."""
    late.begin_build()
    yield
    late.end_build()


def test_outside_a_build_blocks_render_in_place():
    html = convert(PAGE)
    assert 'data-mingle-late' not in html
    assert html.count('<form ') == 2 and 'class="mingle-worksheet' in html and 'data-answer-key="' in html


def test_in_a_build_the_page_holds_markers_until_it_is_filled_and_then_is_the_same_to_the_byte(in_a_build):
    marked = convert(PAGE)
    assert '<form ' not in marked and 'data-answer-key="' not in marked
    # one marker for each of the two exercises and for each answer key, all different
    markers = re.findall(r'<div data-mingle-late="([0-9]+)"></div>', marked)
    assert len(markers) == len(set(markers)) == 2 + len(load_exercises(FIXTURES))
    late.end_build()
    inline = convert(PAGE)
    late.begin_build()
    convert(PAGE)  # the same page in the next build
    assert late.fill(marked) == inline


def test_a_marker_this_build_did_not_place_is_left_alone(in_a_build):
    stray = '<p>x</p>\n<div data-mingle-late="99"></div>\n'
    assert late.fill(stray) == stray
    late.end_build()
    assert late.fill(stray) == stray


def test_a_page_without_markers_is_returned_as_it_is(in_a_build):
    page = "<html><body><p>Nothing late here.</p></body></html>"
    assert late.fill(page) is page


def test_the_built_site_has_its_forms_but_the_search_index_has_only_the_prose(site_dir: Path):
    exercises = load_exercises(Path(__file__).resolve().parent.parent / "exercises")
    pub = (site_dir / "modules" / "02-the-pub" / "index.html").read_text(encoding="utf-8")
    assert 'data-mingle-late' not in pub and '<form ' in pub and 'class="mingle-worksheet' in pub
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    # No exercise's form, worksheet or answer key is indexed (each is headed with the exercise's title) ...
    for exercise in exercises.values():
        for heading in (f"Exercise: {exercise.title}", f"Worksheet: {exercise.title}", f"Answer key: {exercise.title}"):
            assert heading not in text, heading
    # ... while the modules' own words are found.
    assert "pub" in text.lower() and any(doc["location"].startswith("modules/02-the-pub/") for doc in index["docs"])
