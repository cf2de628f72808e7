"""The `/// progress` block: every exercise and checklist in the course, as data for the My progress page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree

import markdown
import pytest

from mingle.errors import KitBuildError
from test_js_support import EXERCISES, ROOT

from mingle.course.coursemap import course_map
from mingle.render import model_dict

REQUIRED = {"five-practices": 5, "know-like-trust": 3, "three-needs": 3, "nine-questions": 9, "linkedin-activities": 3}


def render(text: str, docs: str = str(ROOT / "docs")) -> etree.Element:
    """The block's HTML, parsed back into a tree."""
    html = markdown.markdown(text, extensions=["mingle.site.blocks"], extension_configs={
        "mingle.site.blocks": {"exercises_dir": str(ROOT / "exercises"), "docs_dir": docs}})
    return etree.fromstring(f"<root>{html}</root>")


def test_course_map_finds_every_exercise_on_its_page():
    placed, _, modules = course_map(str(ROOT / "docs"))  # the content rules hold each to its module's page
    assert set(placed) == set(EXERCISES)
    for exercise in EXERCISES.values():
        assert placed[exercise.id].page == modules[exercise.module], exercise.id


def test_course_map_counts_each_checklists_boxes():
    _, checklists, _ = course_map(str(ROOT / "docs"))
    found = {c.id: c.items for c in checklists}
    for name, count in REQUIRED.items():
        assert found[name] == count
    assert all(c.label and c.page_title and c.page.endswith(".md") for c in checklists)


def test_course_map_reads_a_small_course(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "one.md").write_text(
        "---\ntitle: One\nmodule: 1\n---\n\n# One\n\n## Before you post {#before}\n\n/// checklist | ticks\n"
        "- [ ] a\n    - [x] nested\n- [ ] b\n///\n\n/// exercise | why-are-you-here\n///\n\n"
        "````markdown\n```\n/// exercise | in-code\n```\n/// checklist | in-code\n````\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\n: [\n---\n\n/// checklist | loose\n- [ ] x\n///\n", encoding="utf-8")
    placed, checklists, modules = course_map(str(tmp_path))
    assert placed["why-are-you-here"].page == "m/one.md"
    assert modules == {1: "m/one.md"}
    assert [(c.id, c.page, c.page_title, c.label, c.items) for c in checklists] == [
        ("loose", "bad.md", "bad.md", "bad.md", 1), ("ticks", "m/one.md", "One", "Before you post", 3)]


def test_progress_block_lists_exercises_in_the_order_learners_meet_them_with_their_models():
    tree = render("/// progress\n///\n")
    box = tree.find(".//div[@data-progress]")
    items = box.findall("./ul[@class='mingle-progress-exercises']/li")
    ids = [li.get("data-exercise") for li in items]
    placed, _, _ = course_map(str(ROOT / "docs"))
    assert ids == [e.id for e in sorted(EXERCISES.values(), key=lambda e: (e.module, list(placed).index(e.id)))]
    for li in items:
        exercise = EXERCISES[li.get("data-exercise")]
        assert li.text == exercise.title
        assert li.get("data-module") == str(exercise.module)
        assert li.get("data-page").startswith("modules/")
        assert json.loads(li.get("data-model")) == json.loads(json.dumps(model_dict(exercise)))
    assert box.find(".//input[@data-role='learner-name']") is not None
    actions = [b.get("data-action") for b in box.iter() if b.get("data-action")]
    assert actions == ["download-all", "load-all", "certificate", "reset-all", "reset-yes", "reset-no"]
    assert box.find("./div[@class='mingle-confirm']").get("hidden") == "hidden"
    assert box.find("./div[@role='status']") is not None


def test_progress_block_leaves_out_presenters_checklists():
    tree = render("/// progress\n///\n")
    pages = [li.get("data-page") for li in tree.findall(".//ul[@class='mingle-progress-checklists']/li")]
    assert pages and not [p for p in pages if p.startswith("presenters/")]
    _, everything, _ = course_map(str(ROOT / "docs"))
    assert [c for c in everything if c.page.startswith("presenters/")]  # there is one to leave out


def test_progress_block_lists_checklists_and_escapes_their_text(tmp_path):
    (tmp_path / "p.md").write_text('---\ntitle: "Tea & <b>cake</b>"\n---\n\n## Pick <i>one</i>\n\n'
                                   "/// checklist | snacks\n- [ ] tea\n///\n", encoding="utf-8")
    html = markdown.markdown("/// progress\n///\n", extensions=["mingle.site.blocks"], extension_configs={
        "mingle.site.blocks": {"exercises_dir": str(ROOT / "exercises"), "docs_dir": str(tmp_path)}})
    assert "<b>" not in html and "<i>" not in html
    tree = etree.fromstring(f"<root>{html}</root>")
    (li,) = tree.findall(".//ul[@class='mingle-progress-checklists']/li")
    assert (li.get("data-checklist"), li.get("data-page"), li.get("data-items")) == ("snacks", "p.md", "1")
    assert li.get("data-page-title") == "Tea & <b>cake</b>"
    assert li.text == "Pick <i>one</i>"


def test_progress_block_takes_no_argument():
    """An argument the block does not take stops the build, naming the line (never a silent paragraph)."""
    with pytest.raises(KitBuildError, match=r"^/// progress \| extra: the block could not be read: .*argument"):
        markdown.markdown("/// progress | extra\n///\n", extensions=["mingle.site.blocks"], extension_configs={
            "mingle.site.blocks": {"exercises_dir": str(ROOT / "exercises")}})


@pytest.mark.parametrize("page", ["docs/learners/progress.md"])
def test_the_progress_page_has_the_block_and_a_title(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: My progress\ndescription: ")
    assert "\n/// progress\n///\n" in text
