"""What blocks make from the kit's data (exercise forms, worksheets, answer keys, agendas, the progress list) is on
the page but out of Material's search: the index keeps the pages' own words, and no answer."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import markdown
import yaml
from material.plugins.search.plugin import Parser
from test_blocks import FIXTURES, site_extensions

from mingle.exercises import load_exercises
from mingle.site.blocks import MingleBlocksExtension, makeExtension

ROOT = Path(__file__).resolve().parent.parent
PAGE = """# A module

Some prose a learner may search for.

/// exercise | everything
///

/// exercise | checklist
///

## The keys

/// answer-key | all
///

/// agenda | all
///

/// progress
///
"""


def convert(kit: Path, text: str) -> str:
    """A page as MkDocs would convert it, with the site's own Markdown extensions over a kit of the fixture
    exercises and the kit's own plans and pages (the content rules, which are for a whole course, left out)."""
    shutil.copytree(FIXTURES, kit / "exercises")
    for name in ("data", "docs"):
        (kit / name).symlink_to(ROOT / name)
    extensions = [makeExtension(exercises_dir=str(kit / "exercises"), docs_dir=str(kit / "docs"))
                  if isinstance(e, MingleBlocksExtension) else e for e in site_extensions(FIXTURES)]
    return markdown.Markdown(extensions=extensions).convert(text)


def indexed(html: str) -> str:
    """The text Material's search takes from a page, every section's title and words."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return " ".join("".join(section.title) + " " + "".join(section.text) for section in parser.data)


def test_material_s_search_skips_all_that_blocks_make_from_the_kit_s_data(tmp_path):
    html = convert(tmp_path, PAGE)
    exercises = load_exercises(FIXTURES)
    assert all(f'data-exercise="{e}"' in html for e in ("everything", "checklist"))
    assert 'class="mingle-worksheet' in html and 'class="mingle-answer-key' in html
    assert 'class="mingle-agenda' in html and 'class="mingle-progress-exercises' in html
    text = indexed(html)
    assert "Some prose a learner may search for." in text and "The keys" in text
    # Every title, question and option of the forms, worksheets and keys (long enough not to be found by chance).
    words = [w for e in exercises.values() for i in e.items for w in (e.title, i.prompt, *(o.text for o in i.options))
             if len(w) > 15]
    assert words and not [w for w in words if w in text]
    assert "Download all my answers" in text  # the progress page's own controls are prose, and stay searchable
    plans = yaml.safe_load((ROOT / "data" / "sessions.yml").read_text(encoding="utf-8"))
    titles = [p["title"] for p in plans["plans"]] + [a["title"] for a in plans["activities"].values()]
    assert len(titles) > 1 and not [t for t in titles if t in text]  # no agenda's plan or row


def test_the_built_site_has_its_forms_but_the_search_index_has_only_the_prose(site_dir: Path):
    exercises = load_exercises(ROOT / "exercises")
    pub = (site_dir / "modules" / "02-the-pub" / "index.html").read_text(encoding="utf-8")
    assert '<form ' in pub and 'class="mingle-worksheet' in pub
    assert "data-search-exclude" not in pub  # Material takes its mark out once the page is indexed
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    # No exercise's form, worksheet or answer key is indexed (each is headed with the exercise's title) ...
    for exercise in exercises.values():
        for heading in (f"Exercise: {exercise.title}", f"Worksheet: {exercise.title}", f"Answer key: {exercise.title}"):
            assert heading not in text, heading
    # ... while the modules' own words are found.
    assert "pub" in text.lower() and any(doc["location"].startswith("modules/02-the-pub/") for doc in index["docs"])


def test_an_exercise_saved_again_within_the_clock_s_resolution_is_shown_as_saved(tmp_path):
    path = tmp_path / "checklist.yml"
    path.write_text((FIXTURES / "checklist.yml").read_text())
    assert "I asked a customer a question." in convert_one(tmp_path)
    before = path.stat()
    text = path.read_text().replace("I asked a customer a question.", "I asked a customer a questiom.")
    path.write_text(text, encoding="utf-8")  # the same length, and the old timestamp put back
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    html = convert_one(tmp_path)
    assert "I asked a customer a questiom." in html and "a question." not in html


def convert_one(folder: Path) -> str:
    """A page holding the checklist exercise of `folder`, through the blocks extension alone."""
    return markdown.markdown("/// exercise | checklist\n///\n", extensions=[makeExtension(exercises_dir=str(folder))])
