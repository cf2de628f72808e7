"""The Markdown extension `mingle.site.blocks`: kit containers, exercise and answer-key blocks, build-time errors."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest
import yaml

from mingle.errors import MingleError
from mingle.site.blocks import CONTAINERS, makeExtension

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"
FIXTURE_IDS = "checklist, everything, free-text, matching, multiple-choice, rating-scale, single-choice"


class _MkDocsYaml(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags plain YAML does not know."""


_MkDocsYaml.add_constructor("!ENV", lambda loader, node: None)
_MkDocsYaml.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)  # the version


def site_extensions(exercises_dir: Path = ROOT / "exercises") -> list:
    """The site's own markdown_extensions from mkdocs.yml, with mingle.site.blocks pointed at a folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_MkDocsYaml)  # noqa: S506 - a SafeLoader
    extensions = []
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "mingle.site.blocks":
            extensions.append(makeExtension(**{**options, "exercises_dir": str(exercises_dir)}))
        else:
            extensions.append(markdown.Markdown(extensions=[]).build_extension(name, options or {}))
    return extensions


def render(text: str, exercises_dir: Path = FIXTURES, docs_dir: Path = ROOT / "docs") -> str:
    """Markdown text to HTML with the kit's blocks over a folder of exercises (and a docs folder's pictures)."""
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "pymdownx.tasklist",
                                         makeExtension(exercises_dir=str(exercises_dir),
                                                       docs_dir=str(docs_dir))]).convert(text)


# --- kit containers -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", [n for n in CONTAINERS if n not in ("scene", "checklist", "pipeline")])
def test_each_titled_container_renders(name):
    html = render(f"/// {name}\nSome *words*.\n///\n")
    # Notes stay with the speaker; every other block is marked for the wall (present mode's slides).
    audience = ' data-audience="presenter"' if name == "facilitator" else f' data-slide-part="{name}"'
    assert html == (f'<div class="mingle-block mingle-{name}"{audience}>\n'
                    f'<p class="mingle-block-title">{CONTAINERS[name]}</p>\n'
                    "<p>Some <em>words</em>.</p>\n</div>")


def test_scene_takes_its_title_from_the_argument():
    assert render("/// scene | A stranger at the Crown\nThe door swings shut.\n///\n") == (
        '<div class="mingle-block mingle-scene" data-slide-part="scene">\n'
        '<p class="mingle-block-title">A stranger at the Crown</p>\n'
        "<p>The door swings shut.</p>\n</div>")


def test_scene_without_a_title_has_none():
    assert render("/// scene\nQuiet.\n///\n") == ('<div class="mingle-block mingle-scene" data-slide-part="scene">\n'
                                                 "<p>Quiet.</p>\n</div>")


def test_scene_title_is_escaped_text():
    html = render("/// scene | Fish & <chips> *now*\nx\n///\n")
    assert '<p class="mingle-block-title">Fish &amp; &lt;chips&gt; *now*</p>' in html


def test_facilitator_notes_are_marked_for_presenters():
    assert 'data-audience="presenter"' in render("/// facilitator\nSay this.\n///\n")


def test_checklist_carries_its_id_for_the_browser():
    html = render("/// checklist | getting-ready\n- [ ] Make a list\n///\n")
    assert html.startswith('<div class="mingle-block mingle-checklist" data-checklist="getting-ready" '
                           'data-slide-part="checklist">\n<ul')
    assert 'type="checkbox"' in html


def test_blocks_nest_markdown():
    html = render("/// discuss\n1. one\n2. two\n\n> quoted\n///\n")
    assert "<ol>" in html and "<blockquote>" in html


# --- exercise and answer-key blocks -------------------------------------------------------------

def test_exercise_block_holds_the_form_and_the_worksheet():
    html = render("/// exercise | matching\n///\n")
    assert html.startswith('<div class="mingle-exercise-block" data-slide-part="exercise">\n<form ')
    assert html.count('data-exercise="matching"') == 1
    assert html.count('data-worksheet="matching"') == 1
    assert "data-answer-key" not in html


def test_exercise_text_is_left_alone_by_markdown():
    html = render("/// exercise | single-choice\n///\n")
    assert "*stars*" in html and "<em>" not in html
    assert "&lt;b&gt;tags&lt;/b&gt;" in html


def test_answer_key_block_for_one_exercise():
    html = render("/// answer-key | free-text\n///\n")
    assert re.findall(r'data-answer-key="([^"]+)"', html) == ["free-text"]
    assert "<form" not in html


def test_answer_key_all_lists_every_exercise_in_module_order():
    html = render("/// answer-key | all\n///\n")
    assert re.findall(r'data-answer-key="([^"]+)"', html) == [
        "everything", "multiple-choice", "single-choice", "rating-scale", "free-text", "matching", "checklist"]


def test_unknown_exercise_lists_the_valid_ids():
    with pytest.raises(MingleError) as caught:
        render("/// exercise | nope\n///\n")
    assert str(caught.value) == f"/// exercise | nope: no such exercise; valid ids: {FIXTURE_IDS}"


def test_unknown_answer_key_lists_the_valid_ids():
    with pytest.raises(MingleError) as caught:
        render("/// answer-key | nope\n///\n")
    assert str(caught.value) == f"/// answer-key | nope: no such exercise; valid ids: {FIXTURE_IDS}"


def test_invalid_exercise_folder_fails_with_file_key_and_reason(tmp_path):
    (tmp_path / "broken.yml").write_text((FIXTURES / "checklist.yml").read_text().replace("id: checklist", "id: broken")
                                         .replace("points: 2", "points: 0"))
    with pytest.raises(MingleError) as caught:
        render("/// exercise | broken\n///\n", tmp_path)
    assert "\n".join(caught.value.lines) == ("invalid exercise files\n"
                                 f"{tmp_path / 'broken.yml'}: items[replied].points: "
                                 "expected a number of at least 1, got 0")


def test_a_page_without_exercises_builds_even_if_a_file_is_broken(tmp_path):
    (tmp_path / "broken.yml").write_text("id: [")
    assert "Hello" in render("Hello\n", tmp_path)


def test_empty_exercise_folder_fails(tmp_path):
    with pytest.raises(MingleError) as caught:
        render("/// answer-key | all\n///\n", tmp_path)
    assert caught.value.lines == ("invalid exercise files", f"{tmp_path}: no exercise files (*.yml or *.yaml) found")


def test_an_edited_exercise_file_is_read_again(tmp_path):
    path = tmp_path / "checklist.yml"
    path.write_text((FIXTURES / "checklist.yml").read_text())
    assert "I asked a customer a question." in render("/// exercise | checklist\n///\n", tmp_path)
    path.write_text(path.read_text().replace("I asked a customer a question.", "I asked two customers."))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert "I asked two customers." in render("/// exercise | checklist\n///\n", tmp_path)


# --- no stray block markers ---------------------------------------------------------------------

def test_closed_blocks_leave_no_marker_text():
    html = render("/// objectives\n- one\n///\n\n/// exercise | checklist\n///\n\n/// answer-key | all\n///\n")
    assert "///" not in html


UNREADABLE = "/// scene | At the Crown\n    picture: pub\n    alt: \"A pub: with a colon\" and more\nA story.\n///\n"


def test_an_unreadable_block_stops_the_build_naming_it():
    with pytest.raises(MingleError, match=r"^/// scene \| At the Crown: the block could not be read: check the"):
        render(UNREADABLE)


def test_under_serve_each_unreadable_block_shows_an_alert_in_its_place_even_nested():
    nested = f"/// facilitator\nBefore.\n\n{UNREADABLE}\nAfter.\n///\n"
    html = markdown.Markdown(extensions=[makeExtension(exercises_dir=str(FIXTURES), show_errors=True)]).convert(
        f"First.\n\n{UNREADABLE}\n{nested}")
    assert html.count('role="alert"') == 2 and "<p>/// scene" not in html
    assert html.index("First.") < html.index('role="alert"') < html.index("Before.")
    assert html.index("Before.") < html.rindex('role="alert"') < html.index("After.")


def test_exercise_without_an_id_fails_instead_of_printing_the_marker():
    with pytest.raises(MingleError,
                       match=r"^/// exercise: missing the exercise id \(/// exercise \| <id>\); valid ids: "):
        render("/// exercise\n///\n")


def test_bad_checklist_id_names_the_block():
    with pytest.raises(MingleError, match=r"/// checklist \| Bad Id"):
        render("/// checklist | Bad Id\n- [ ] a\n///\n")


# --- what goes on the slides ---------------------------------------------------------------------------

def parts(html: str) -> list[tuple[str, str]]:
    """(tag, kind) of every element the build marked for the wall."""
    return re.findall(r'<(\w+)[^>]*data-slide-part="([^"]+)"', html)


def test_headings_lists_tables_pictures_and_blocks_go_on_the_wall_and_prose_does_not():
    html = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables",
                                         makeExtension(exercises_dir=str(FIXTURES))]).convert(
        "## A heading\n\nRunning prose.\n\n- a list\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "![A picture](p.png)\n\n/// key-points\n- kept\n///\n\n/// facilitator\nSay this.\n///\n")
    assert parts(html) == [("h2", "heading"), ("ul", "list"), ("table", "table"), ("p", "figure"),
                           ("div", "key-points")]
    assert "<p>Running prose.</p>" in html


def test_an_author_marks_a_passage_for_the_slide():
    html = render("Said aloud.\n\nShown on the wall.\n{ .slide }\n")
    assert "<p>Said aloud.</p>" in html
    assert parts(html) == [("p", "marked")]


def test_a_picture_inside_prose_does_not_put_the_prose_on_the_wall():
    assert parts(render("Some words ![icon](i.png) and more.\n")) == []


def test_a_slide_block_is_for_the_wall_only():
    html = render("/// slide | Three needs\n- Know\n- Like\n///\n")
    assert html.startswith('<div class="mingle-block mingle-slide-only" data-slide-part="slide-only">\n'
                           '<p class="mingle-block-title">Three needs</p>')


def test_an_empty_slide_block_fails_naming_the_block():
    with pytest.raises(MingleError, match=r"^/// slide \| Empty: the block is empty"):
        render("/// slide | Empty\n///\n")


def _pages() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_no_page_of_the_site_shows_a_block_marker(page):
    text = page.read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    # Code samples may show block syntax on purpose; everything else must have become a block.
    html = markdown.Markdown(extensions=site_extensions()).convert(body)
    html = re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    assert "///" not in html


def test_what_counts_lists_the_exercises_with_marked_questions_from_the_files():
    from html import escape

    from mingle.exercises import load_exercises
    from mingle.model import is_marked

    html = render("/// what-counts\n///\n")
    exercises = load_exercises(FIXTURES)
    counted = [e for e in exercises.values() if any(is_marked(i) for i in e.items)]
    assert counted and len(counted) < len(exercises)  # the fixtures have both kinds
    listed, _, after = html.partition("</ul>")
    for exercise in exercises.values():
        place = listed if exercise in counted else after
        assert escape(exercise.title, quote=False) in place, exercise.id  # escaped, as every title
    assert "never count towards a pass" in after
