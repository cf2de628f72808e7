"""`/// activity | <id>`: golden renders for every kind (tests/golden/activities/), the markup contract, escaped text
and clean failures.

Rewrite the golden files after an intended change with MINGLE_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from mingle.activities import load_activities, parse_activity
from mingle.activity_view import activity_form, activity_sheet
from mingle.errors import KitBuildError
from mingle.site import blocks
from test_render import matches_golden

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
ACTIVITIES = load_activities(FIXTURES / "activities")


def page(text: str, show_errors: bool = False, exercises: Path = FIXTURES / "exercises") -> str:
    """A page's Markdown made HTML with the kit's blocks (activities/ sits beside the exercises folder)."""
    ext = blocks.makeExtension(exercises_dir=str(exercises), docs_dir=str(HERE.parent / "docs"),
                               show_errors=show_errors)
    return markdown.Markdown(extensions=[ext]).convert(text)


@pytest.mark.parametrize("activity_id", sorted(ACTIVITIES))
def test_the_block_renders_as_its_golden_file(activity_id):
    matches_golden(f"activities/{activity_id}.html", page(f"/// activity | {activity_id}\n///\n") + "\n")


@pytest.mark.parametrize("activity_id", sorted(ACTIVITIES))
def test_the_form_keeps_the_contract(activity_id):
    form = activity_form(ACTIVITIES[activity_id])
    assert (form.tag, form.get("class"), form.get("data-activity")) == ("form", "mingle-activity", activity_id)
    assert len([b for b in form.iter("button") if b.get("data-action") == "send"]) == 1
    assert [n.get("role") for n in form.iter() if n.get("aria-live")] == ["status"]
    controls = [n for n in form.iter() if n.tag in ("input", "textarea")]
    assert controls and all(c.get("name") == "answer" for c in controls)


@pytest.mark.parametrize("activity_id", sorted(ACTIVITIES))
def test_every_control_has_a_label_and_choices_a_legend(activity_id):
    form = activity_form(ACTIVITIES[activity_id])
    parents = {child: parent for parent in form.iter() for child in parent}
    labelled = {n.get("for") for n in form.iter("label")}
    for control in (n for n in form.iter() if n.tag in ("input", "textarea")):
        assert control.get("id") in labelled or parents[control].tag == "label"
        if control.get("type") in ("radio", "checkbox"):
            fieldset = parents[parents[parents[control]]]
            assert fieldset.tag == "fieldset" and fieldset[0].tag == "legend"


def test_the_printed_question_leaves_room_to_write():
    sheet = activity_sheet(ACTIVITIES["short-answer"])
    assert sheet.get("class") == "mingle-worksheet mingle-activity-sheet"
    assert len([n for n in sheet.iter("div") if n.get("class") == "mingle-line"]) == 2


def test_text_is_never_markup():
    hostile = "<img src=x onerror=alert(1)> & *not emphasis*"
    activity, _ = parse_activity({"id": "x", "kind": "poll", "question": hostile,
                                  "options": [{"id": "a", "text": hostile}, {"id": "b", "text": "B"}]}, "x.yml", "x")
    html = etree.tostring(activity_form(activity), encoding="unicode")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp; *not emphasis*" in html


def test_an_unknown_id_stops_the_build_listing_the_valid_ones():
    with pytest.raises(KitBuildError) as caught:
        page("/// activity | nope\n///\n")
    assert str(caught.value) == ("/// activity | nope: no such activity; valid ids: ask-us, how-sure, pick-one, "
                                 "pick-several, short-answer, three-words")


def test_a_missing_id_stops_the_build():
    with pytest.raises(KitBuildError, match=r"^/// activity: missing the activity id"):
        page("/// activity\n///\n")


def test_a_broken_file_shows_its_problem_under_make_serve(tmp_path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "activities").mkdir()
    (tmp_path / "activities" / "bad.yml").write_text("id: bad\nkind: poll\nquestion: Q?\n", encoding="utf-8")
    html = page("/// activity | bad\n///\n", show_errors=True, exercises=tmp_path / "exercises")
    assert 'role="alert"' in html and "activities/bad.yml: options: missing required key" in html
    assert "mingle-activity" not in html
