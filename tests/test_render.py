"""Rendering: golden form, worksheet and answer key for every item kind, plus the markup contract.

Rewrite the golden files after an intended change with MINGLE_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from markdown.serializers import to_html_string

from mingle.exercises import load_exercises
from mingle.model import item_max
from mingle.render import ACTIONS, answer_key, exercise_form, model_dict, model_json, worksheet

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FIXTURES = load_exercises(HERE / "fixtures" / "exercises")
IDS = sorted(FIXTURES)
UPDATE = os.environ.get("MINGLE_UPDATE_GOLDEN") == "1"
CONTROLS = ("input", "select", "textarea")
RENDERERS = {"form": exercise_form, "worksheet": worksheet, "answer-key": answer_key}


def pretty(element: etree.Element) -> str:
    """The element as the site serialises it, indented for readable diffs (the model goes in its own file)."""
    tree = copy.deepcopy(element)
    if "data-model" in tree.attrib:
        tree.set("data-model", "(see the .model.json golden file)")
    etree.indent(tree)
    return to_html_string(tree) + "\n"


def matches_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>, or rewrite it when MINGLE_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.relative_to(HERE.parent)}; create it with MINGLE_UPDATE_GOLDEN=1",
                    pytrace=False)
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if intended, rerun with MINGLE_UPDATE_GOLDEN=1 and review the diff")


def controls(form: etree.Element) -> list[etree.Element]:
    """Every form control in document order."""
    return [el for el in form.iter() if el.tag in CONTROLS]


def named(form: etree.Element, name: str) -> list[etree.Element]:
    """The controls carrying this name."""
    return [el for el in controls(form) if el.get("name") == name]


def one(root: etree.Element, xpath: str) -> etree.Element:
    """The only element matching an ElementPath expression."""
    found = root.findall(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} found"
    return found[0]


# --- golden renders -----------------------------------------------------------------------------

@pytest.mark.parametrize("view", sorted(RENDERERS))
@pytest.mark.parametrize("exercise_id", IDS)
def test_golden_render(exercise_id, view):
    matches_golden(f"{exercise_id}.{view}.html", pretty(RENDERERS[view](FIXTURES[exercise_id])))


@pytest.mark.parametrize("exercise_id", IDS)
def test_golden_model(exercise_id):
    data = model_dict(FIXTURES[exercise_id])
    matches_golden(f"{exercise_id}.model.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_every_golden_render_belongs_to_a_fixture():
    expected = {f"{i}.{v}.html" for i in IDS for v in RENDERERS} | {f"{i}.model.json" for i in IDS}
    renders = {p.name for p in GOLDEN.iterdir() if p.name.endswith((".html", ".model.json"))}
    assert renders == expected  # the question banks' goldens (bank.*) belong to test_export_banks


def test_fixtures_cover_every_item_kind_alone_and_together():
    from mingle.model import KINDS
    alone = {FIXTURES[i].items[0].kind for i in IDS
             if len({it.kind for it in FIXTURES[i].items if not it.rubric_of}) == 1}
    assert alone == set(KINDS)
    assert {i.kind for i in FIXTURES["everything"].items} == set(KINDS)


# --- the form's markup contract (DESIGN.md) -----------------------------------------------------

@pytest.fixture(params=IDS)
def exercise(request):
    """Each fixture exercise in turn."""
    return FIXTURES[request.param]


def test_form_is_tagged_with_its_exercise(exercise):
    form = exercise_form(exercise)
    assert (form.tag, form.get("class"), form.get("data-exercise")) == ("form", "mingle-exercise", exercise.id)


def test_form_carries_the_model_as_compact_json(exercise):
    form = exercise_form(exercise)
    assert form.get("data-model") == json.dumps(model_dict(exercise), ensure_ascii=False, separators=(",", ":"))


def test_an_edited_exercise_gets_its_own_model_and_an_unchanged_one_the_same(exercise):
    """The model is made once per exercise value (the site carries it twice): an edit is never served stale."""
    edited = dataclasses.replace(exercise, title=exercise.title + " (edited)",
                                 items=(dataclasses.replace(exercise.items[0], prompt="A new prompt"),
                                        *exercise.items[1:]))
    model = json.loads(model_json(edited))
    assert model["title"] == exercise.title + " (edited)" and model["items"][0]["prompt"] == "A new prompt"
    assert json.loads(model_json(exercise)) == json.loads(json.dumps(model_dict(exercise)))
    assert model_json(dataclasses.replace(exercise, source="elsewhere.yml")) == model_json(exercise)


def test_model_gives_every_item_its_maximum(exercise):
    data = model_dict(exercise)
    assert [i["max"] for i in data["items"]] == [item_max(exercise, i) for i in exercise.items]
    assert "source" not in data


def test_controls_are_named_by_item_ids_and_nothing_else(exercise):
    names = {el.get("name") for el in controls(exercise_form(exercise)) if el.get("name")}
    assert names == {item.id for item in exercise.items if not item.auto}  # the page checks those: no control


def test_each_kind_gets_its_control(exercise):
    form = exercise_form(exercise)
    for item in exercise.items:
        found = named(form, item.id)
        if item.kind in ("single", "multiple"):
            kind = "radio" if item.kind == "single" else "checkbox"
            assert [(c.tag, c.get("type"), c.get("value")) for c in found] == [
                ("input", kind, o.id) for o in item.options]
        elif item.kind == "rating":
            scale = exercise.scale
            assert [(c.get("type"), c.get("value")) for c in found] == [
                ("radio", str(v)) for v in range(scale.min, scale.max + 1)]
        elif item.auto:  # the page checks it: nothing to tick
            assert found == []
        elif item.kind == "check":
            assert [(c.tag, c.get("type"), c.get("value")) for c in found] == [("input", "checkbox", "true")]
        elif item.kind == "match":
            assert [c.tag for c in found] == ["select"]
            assert [o.get("value") for o in found[0]] == ["", *(c.id for c in exercise.choices)]
        else:
            assert [(c.tag, c.get("maxlength")) for c in found] == [("textarea", "5000")]


def test_every_item_has_a_hidden_feedback_slot(exercise):
    form = exercise_form(exercise)
    for item in exercise.items:
        slot = one(form, f".//div[@data-feedback='{item.id}']")
        assert slot.get("hidden") == "hidden"


def test_action_buttons(exercise):
    form = exercise_form(exercise)
    buttons = form.findall(".//button")
    assert [(b.get("data-action"), b.get("type")) for b in buttons] == [(a, "button") for a, _ in ACTIONS]
    assert [a for a, _ in ACTIONS] == ["check", "export", "code", "reset"]
    load = one(form, ".//input[@data-action='load']")
    assert load.get("type") == "file"


def test_one_status_region_announced_politely(exercise):
    status = one(exercise_form(exercise), ".//*[@role='status']")
    assert status.get("aria-live") == "polite"


def test_answer_code_box(exercise):
    box = one(exercise_form(exercise), ".//*[@data-role='answer-code']")
    assert (box.tag, box.get("readonly")) == ("textarea", "readonly")


def test_learner_name_input(exercise):
    box = one(exercise_form(exercise), ".//*[@data-role='learner-name']")
    assert (box.tag, box.get("type"), box.get("name")) == ("input", "text", None)


def test_every_control_has_a_label(exercise):
    form = exercise_form(exercise)
    parents = {child: parent for parent in form.iter() for child in parent}
    targets = {label.get("for") for label in form.iter("label") if label.get("for")}
    for control in controls(form):
        node, wrapped = control, False
        while node in parents:
            node = parents[node]
            wrapped = wrapped or node.tag == "label"
        assert wrapped or control.get("id") in targets, to_html_string(control)


def test_labels_for_point_at_real_ids(exercise):
    form = exercise_form(exercise)
    ids = {el.get("id") for el in form.iter() if el.get("id")}
    assert {label.get("for") for label in form.iter("label") if label.get("for")} <= ids
    assert form.get("aria-labelledby") in ids


def test_dom_ids_are_unique(exercise):
    ids = [el.get("id") for el in exercise_form(exercise).iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_choice_groups_are_fieldsets_with_legends(exercise):
    form = exercise_form(exercise)
    for item in exercise.items:
        if item.kind in ("single", "multiple", "rating"):
            box = one(form, f".//fieldset[@data-item='{item.id}']")
            assert box[0].tag == "legend"


def test_rubric_criteria_sit_with_their_text_item():
    form = exercise_form(FIXTURES["free-text"])
    group = one(form, ".//fieldset[@data-rubric-for='rewrite']")
    assert [el.get("name") for el in controls(group)] == ["asks", "no-offer"]
    assert [el.get("data-item") for el in group.iter() if el.get("data-auto")] == ["short-question", "calm-drink"]


def test_points_the_page_checks_say_so_on_the_form_the_worksheet_and_the_key():
    exercise = FIXTURES["free-text"]
    form = to_html_string(exercise_form(exercise))
    assert "The page checks this: It asks a question in 30 words or fewer." in form
    assert "☐ It asks a question in 30 words or fewer. (checked by the page online)" in to_html_string(
        worksheet(exercise))
    assert ("(2, checked by the page: at least 3 words; no word of four capital letters or more, and no “!!”; one "
            "of: tea, coffee, Café Crème)") in to_html_string(answer_key(exercise))


def test_items_are_numbered_without_their_rubric_criteria():
    texts = [el.text for el in exercise_form(FIXTURES["everything"]).iter() if el.text]
    numbers = [t.split(".")[0] for t in texts if re.match(r"\d+\. ", t)]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7"]  # the rubric tick under 7 has no number


# --- worksheet and answer key -------------------------------------------------------------------

def test_worksheet_has_no_buttons_or_inputs(exercise):
    sheet = worksheet(exercise)
    assert [el.tag for el in sheet.iter() if el.tag in ("form", "button", "label", *CONTROLS)] == []
    assert sheet.get("data-worksheet") == exercise.id


def test_worksheet_has_writing_lines_for_text():
    sheet = worksheet(FIXTURES["free-text"])
    assert len(sheet.findall(".//div[@class='mingle-line']")) == FIXTURES["free-text"].items[0].lines


def test_worksheet_letters_the_shared_choices():
    sheet = worksheet(FIXTURES["matching"])
    listing = one(sheet, ".//ol[@class='mingle-choices']")
    assert listing.get("type") == "A" and [li.text for li in listing] == [c.text for c in FIXTURES["matching"].choices]


def test_answer_key_lists_each_band(exercise):
    rows = answer_key(exercise).findall(".//table[@class='mingle-bands']/tbody/tr")
    assert [[td.text for td in row] for row in rows] == [
        [f"{b.min}–{b.max}" if b.min != b.max else str(b.min), b.label, b.advice] for b in exercise.bands]


def test_answer_key_has_no_controls(exercise):
    assert [el.tag for el in answer_key(exercise).iter() if el.tag in ("form", "button", *CONTROLS)] == []


def test_answer_key_lists_top_level_items_only(exercise):
    listing = one(answer_key(exercise), "./ol")
    assert len(listing) == len([i for i in exercise.items if not i.rubric_of])


def test_output_is_escaped_text_not_markup():
    html = to_html_string(exercise_form(FIXTURES["single-choice"]))
    assert "SHOUT &lt;b&gt;OFFERS&lt;/b&gt;" in html
    assert "<b>" not in html
    assert "Pick &lt;one&gt; &amp; only one" in html
