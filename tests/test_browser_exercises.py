"""Exercise forms in real Chromium: keyboard-only scoring equal to Python, saving, download, code, clear, load."""

from __future__ import annotations

import json
import random

import pytest
from conftest import open_instant
from playwright.sync_api import expect
from test_js_support import (EXERCISES, exercise_pages, expected, form, form_answers, js_errors, tab_to,
                             type_answers_by_keyboard)

from mingle import codes
from mingle.scoring import Scorer

pytestmark = pytest.mark.browser
PAGES = exercise_pages()
PUB = PAGES["conversation-or-broadcast"]
PUB_ANSWERS = {"bakery-crust": "conversation", "plumber-caps": "conversation", "florist-jam-jar": "conversation"}


def collect(page, exercise_id: str) -> dict:
    """What the form holds now, as the answer sheet would carry it."""
    return page.evaluate("id => Mingle.exercise.collect(document.querySelector(`form[data-exercise='${id}']`))",
                         exercise_id)


def stored(page, exercise_id: str):
    """The raw saved record for an exercise, parsed."""
    raw = page.evaluate("k => localStorage.getItem(k)", f"mingle:v1:answers:{exercise_id}")
    return json.loads(raw) if raw is not None else None


def fill(page, exercise_id: str, answers: dict) -> None:
    """Answer with ordinary clicks and typing (the keyboard-only path has a test of its own)."""
    f = form(page, exercise_id)
    for item, value in answers.items():
        kind = f.locator(f'[data-item="{item}"]').first.get_attribute("data-kind")
        if kind == "match":
            f.locator(f'select[name="{item}"]').select_option(value)
        elif kind == "text":
            f.locator(f'textarea[name="{item}"]').fill(value)
        elif kind == "check":
            f.locator(f'[name="{item}"]').set_checked(bool(value))
        else:
            for v in value if isinstance(value, list) else [value]:
                f.locator(f'[name="{item}"][value="{str(v).lower() if isinstance(v, bool) else v}"]').check()


def test_a_ticked_point_beside_an_empty_box_scores_nothing_and_says_why(page, base_url):
    plan = EXERCISES["action-plan"]
    text = next(i for i in plan.items if i.kind == "text")
    point = next(p for p in plan.rubric(text) if not p.auto)  # one the learner ticks
    page.goto(base_url + PAGES[plan.id])
    fill(page, plan.id, {point.id: True})
    f = form(page, plan.id)
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") == "0"
    assert "counts once you write your answer" in f.locator(f'[data-feedback="{point.id}"] .mingle-mark').inner_text()
    fill(page, plan.id, {text.id: "Talk to five regulars online."})
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") == str(point.points)
    assert f.locator(f'[data-feedback="{point.id}"] .mingle-mark').inner_text().strip() == "✓ Ticked"
    assert js_errors(page) == []


# Each item's feedback slot: whether it shows, its status, the words of its marker and all its words.
FEEDBACK = """(form) => Object.fromEntries([...form.querySelectorAll("[data-feedback]")].map((slot) => [
  slot.dataset.feedback, { visible: slot.checkVisibility(), status: slot.dataset.status,
    marker: slot.querySelector(".mingle-mark")?.innerText || "", text: slot.innerText }]))"""


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_keyboard_only_answers_score_as_python_does(page, base_url, exercise_id):
    exercise = EXERCISES[exercise_id]
    answers = form_answers(exercise, random.Random(exercise_id))
    page.goto(base_url + PAGES[exercise_id])
    type_answers_by_keyboard(page, exercise, answers)
    assert collect(page, exercise_id) == answers
    base = f'form[data-exercise="{exercise_id}"]'
    tab_to(page, f"{base} [data-action=check]")
    page.keyboard.press("Enter")
    want = Scorer(exercise).score(answers)
    f = form(page, exercise_id)
    assert f.get_attribute("data-score") == str(want.score)
    assert f.get_attribute("data-max") == str(want.max)
    status = f.locator('[role="status"]').inner_text()
    assert f"{want.score} out of {want.max}" in status
    assert want.band.label in status
    for dim in want.dimensions:
        assert f"{dim.label}: {dim.score} out of {dim.max}" in status
        assert (dim.advice in status) == dim.needs_work
    slots = f.evaluate(FEEDBACK)  # every item's feedback as the page shows it, read in one go
    for item in want.items:
        slot = slots[item.item]
        assert slot["visible"] and slot["status"] == item.status, item.item
        assert slot["marker"].strip(), f"{item.item}: no words in the feedback marker"
        for tip in item.feedback:
            assert " ".join(tip.split()) in " ".join(slot["text"].split())
    assert stored(page, exercise_id) == {"answers": answers, "score": want.score, "max": want.max}
    assert js_errors(page) == []


def test_the_profile_names_the_weakest_guest(page, base_url):
    exercise = EXERCISES["which-guest-are-you"]
    answers = {i.id: (exercise.scale.max if i.reverse else exercise.scale.min) if i.dimension == "quality"
               else (exercise.scale.min if i.reverse else exercise.scale.max)
               for i in exercise.items if i.kind == "rating"}
    page.goto(base_url + PAGES[exercise.id])
    fill(page, exercise.id, answers)
    form(page, exercise.id).locator("[data-action=check]").click()
    status = form(page, exercise.id).locator('[role="status"]').inner_text()
    want = Scorer(exercise).score(answers)
    assert want.weakest == ("quality",)
    quality = next(d for d in want.dimensions if d.id == "quality")
    assert f"Most room to grow: {quality.label}." in status
    assert quality.advice in status


def test_answers_survive_a_reload(page, base_url):
    page.goto(base_url + PUB)
    fill(page, "conversation-or-broadcast", PUB_ANSWERS)
    page.reload()
    assert collect(page, "conversation-or-broadcast") == PUB_ANSWERS
    text = {"rewrite": "Which cake should we bake next? <b>Tell us</b> 😀"}
    page.goto(base_url + PAGES["rewrite-the-shout"])
    fill(page, "rewrite-the-shout", text)
    page.reload()
    assert collect(page, "rewrite-the-shout")["rewrite"] == text["rewrite"]


def test_answers_survive_instant_navigation_away_and_back(page, instant_url):
    open_instant(page, instant_url + PUB)
    fill(page, "conversation-or-broadcast", PUB_ANSWERS)
    page.evaluate("window.__samePage = true")
    page.locator('.md-nav--primary a[href$="03-the-cocktail-party/"]').first.click()
    page.wait_for_url("**/03-the-cocktail-party/")
    page.locator('form[data-exercise="which-guest-are-you"]').wait_for()
    page.go_back()
    page.wait_for_url("**/02-the-pub/")
    page.locator('form[data-exercise="conversation-or-broadcast"]').wait_for()
    assert page.evaluate("window.__samePage") is True, "Material's instant navigation did not happen"
    page.wait_for_function("() => document.querySelector('[name=bakery-crust]:checked') !== null")
    assert collect(page, "conversation-or-broadcast") == PUB_ANSWERS
    assert js_errors(page) == []


def test_one_learner_name_for_the_whole_site(page, instant_url):
    open_instant(page, instant_url + PUB)
    form(page, "conversation-or-broadcast").locator("[data-role=learner-name]").fill("Ada Lovelace")
    page.evaluate("window.__samePage = true")
    page.locator('.md-nav--primary a[href$="03-the-cocktail-party/"]').first.click()
    page.wait_for_url("**/03-the-cocktail-party/")
    name = form(page, "which-guest-are-you").locator("[data-role=learner-name]")
    # The address changes before instant navigation swaps the content in: the form may not be there yet.
    page.wait_for_function("() => document.querySelector("
                           "'[data-exercise=which-guest-are-you] [data-role=learner-name]')"
                           "?.value === 'Ada Lovelace'")
    assert page.evaluate("window.__samePage") is True
    name.fill("Grace Hopper")
    page.goto(instant_url + PAGES["who-should-post"])
    assert form(page, "who-should-post").locator("[data-role=learner-name]").input_value() == "Grace Hopper"
    page.goto(instant_url + "/learners/progress/")
    assert page.locator("[data-progress] [data-role=learner-name]").input_value() == "Grace Hopper"


def test_download_gives_an_answer_sheet_the_python_scorer_agrees_with(page, base_url):
    exercise = EXERCISES["why-are-you-here"]
    answers = {"first-question": "who-to-talk-with", "good-reasons": [exercise.item("good-reasons").answer[0],
               next(o.id for o in exercise.item("good-reasons").options
                    if o.id not in exercise.item("good-reasons").answer)]}
    answers.update({i.id: True for i in exercise.items if i.kind == "check"})
    page.goto(base_url + PAGES[exercise.id])
    f = form(page, exercise.id)
    f.locator("[data-role=learner-name]").fill("Zoë O'Hara")
    fill(page, exercise.id, answers)
    f.locator("[data-action=check]").click()
    with page.expect_download() as info:
        f.locator("[data-action=export]").click()
    download = info.value
    assert download.suggested_filename == f"zoe-o-hara-{exercise.id}.json"  # learner and exercise, file-safe
    sheet = json.loads(open(download.path(), encoding="utf-8").read())
    assert sheet == {"format": "mingle.answers/1", "learner": "Zoë O'Hara", "answers": {exercise.id: answers}}
    result = Scorer(exercise).score(sheet["answers"][exercise.id])
    assert str(result.score) == f.get_attribute("data-score")
    assert f"zoe-o-hara-{exercise.id}.json" in f.locator('[role="status"]').inner_text()


def test_answer_code_decodes_in_python_to_the_same_answers(page, base_url):
    page.goto(base_url + PUB)
    f = form(page, "conversation-or-broadcast")
    f.locator("[data-role=learner-name]").fill("Ada ☕ Lovelace")
    fill(page, "conversation-or-broadcast", PUB_ANSWERS)
    assert not f.locator(".mingle-code").is_visible()
    f.locator("[data-action=code]").click()
    area = f.locator("[data-role=answer-code]")
    expect(area).to_be_visible()
    code = area.input_value()
    assert code.startswith("MINGLE2-")
    (found,) = list(codes.find_codes(f"Ada: {code} thanks!", EXERCISES))
    assert (found.learner, found.exercise, found.answers) == ("Ada ☕ Lovelace", "conversation-or-broadcast",
                                                              PUB_ANSWERS)
    assert "code" in f.locator('[role="status"]').inner_text()
    # Changing an answer hides the code, which no longer matches.
    f.locator('[name="plumber-caps"][value="broadcast"]').check()
    assert not f.locator(".mingle-code").is_visible()


def test_download_and_code_ask_for_a_name_first(page, base_url):
    page.goto(base_url + PUB)
    f = form(page, "conversation-or-broadcast")
    fill(page, "conversation-or-broadcast", PUB_ANSWERS)
    f.locator("[data-action=code]").click()
    assert not f.locator(".mingle-code").is_visible()
    assert "type your name" in f.locator('[role="status"]').inner_text()
    assert page.evaluate("document.activeElement.dataset.role") == "learner-name"


def test_clear_empties_form_storage_and_result(page, base_url):
    page.goto(base_url + PUB)
    f = form(page, "conversation-or-broadcast")
    fill(page, "conversation-or-broadcast", PUB_ANSWERS)
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") is not None
    f.locator("[data-action=reset]").click()
    assert collect(page, "conversation-or-broadcast") == {}
    assert stored(page, "conversation-or-broadcast") is None
    assert f.get_attribute("data-score") is None
    assert f.locator("[data-feedback]:visible").count() == 0
    assert "cleared" in f.locator('[role="status"]').inner_text()
    page.reload()
    assert collect(page, "conversation-or-broadcast") == {}


def sheet_file(data, name="answers.json") -> dict:
    """A file for the file chooser."""
    body = data if isinstance(data, (bytes, str)) else json.dumps(data)
    return {"name": name, "mimeType": "application/json", "buffer": body.encode() if isinstance(body, str) else body}


def test_load_applies_a_sheet_to_the_exercises_on_the_page(page, base_url):
    page.goto(base_url + PAGES["weekly-activity-audit"])
    audit, plan = EXERCISES["weekly-activity-audit"], EXERCISES["action-plan"]
    checks = [i.id for i in audit.items if i.kind == "check"]
    text = next(i.id for i in plan.items if i.kind == "text")
    sheet = {"format": "mingle.answers/1", "learner": "Ada",
             "answers": {audit.id: {checks[0]: True, checks[1]: "yes", "nonsense": 1},
                         plan.id: {text: "Reply to three posts on Monday."},
                         "who-should-post": {"x": "y"}}}
    page.locator(f'form[data-exercise="{audit.id}"] [data-action=load]').set_input_files(sheet_file(sheet, "mine.json"))
    status = form(page, audit.id).locator('[role="status"]')
    page.wait_for_function("() => /Loaded/.test(document.querySelector("
                           "'[data-exercise=weekly-activity-audit] [role=status]').textContent)")
    assert "mine.json" in status.inner_text()
    assert "didn't fit the questions: 2." in status.inner_text()
    # A started exercise: the boxes the file did not tick (or gave nonsense for) are unticked, so false.
    assert collect(page, audit.id) == {checks[0]: True, **{c: False for c in checks[1:]}}
    planned = {text: "Reply to three posts on Monday.", **{i.id: False for i in plan.items if i.kind == "check"}}
    assert collect(page, plan.id) == planned
    assert stored(page, plan.id) == {"answers": planned}
    assert form(page, audit.id).locator("[data-role=learner-name]").input_value() == "Ada"


@pytest.mark.parametrize("body, says", [
    ("{not json", "isn't a Mingle answers file"),
    ("format: mingle.answers/1\nlearner: Ada\n", "isn't a Mingle answers file"),
    (json.dumps({"format": "mingle.answers/2", "answers": {}}), "isn't a Mingle answers file"),
    (json.dumps([1, 2]), "isn't a Mingle answers file"),
    (json.dumps({"format": "mingle.answers/1", "answers": []}), "no answers"),
    (json.dumps({"format": "mingle.answers/1", "answers": {"action-plan": {}}}), "no answers for this page"),
])
def test_load_rejects_a_bad_file_and_changes_nothing(page, base_url, body, says):
    page.goto(base_url + PUB)
    fill(page, "conversation-or-broadcast", PUB_ANSWERS)
    before = stored(page, "conversation-or-broadcast")
    f = form(page, "conversation-or-broadcast")
    f.locator("[data-action=load]").set_input_files(sheet_file(body))
    page.wait_for_function("() => /Nothing has changed/.test(document.querySelector("
                           "'[data-exercise=conversation-or-broadcast] [role=status]').textContent)")
    assert says in f.locator('[role="status"]').inner_text()
    assert collect(page, "conversation-or-broadcast") == PUB_ANSWERS
    assert stored(page, "conversation-or-broadcast") == before


def test_load_refuses_a_float_rating_as_python_does(page, base_url):
    exercise = EXERCISES["strategy-readiness"]
    first, second = [i.id for i in exercise.items][:2]
    body = '{"format": "mingle.answers/1", "learner": "A", "answers": {"strategy-readiness": {"%s": 1.0, "%s": 1}}}' % (
        first, second)
    page.goto(base_url + PAGES[exercise.id])
    form(page, exercise.id).locator("[data-action=load]").set_input_files(sheet_file(body))
    page.wait_for_function("() => /Loaded/.test(document.querySelector('[data-exercise=strategy-readiness] "
                           "[role=status]').textContent)")
    assert collect(page, exercise.id) == {second: 1}
    assert Scorer(exercise).score(json.loads(body)["answers"][exercise.id]).invalid == (first,)
    sent = json.loads(body)["answers"][exercise.id]
    assert expected(exercise, {second: 1})["score"] == Scorer(exercise).score(sent).score


@pytest.mark.parametrize("exercise_id", ["action-plan", "rewrite-the-shout"])
def test_a_code_sent_without_the_written_answers_grades_to_the_score_the_page_showed(page, base_url, tmp_path,
                                                                                      capsys, exercise_id):
    from mingle.cli import main

    exercise = EXERCISES[exercise_id]
    answers = {}
    for box in (i for i in exercise.items if i.kind == "text"):
        answers[box.id] = "Ask five regulars where they like to sit, and reply to every answer."
        answers |= {point.id: True for point in exercise.rubric(box) if not point.auto}  # the page checks those
    answers |= {i.id: i.answer for i in exercise.items if i.kind == "single"}
    page.goto(base_url + PAGES[exercise_id])
    f = form(page, exercise_id)
    f.locator("[data-role=learner-name]").fill("Ada Lovelace")
    fill(page, exercise_id, answers)
    f.locator("[data-action=check]").click()
    shown = int(f.get_attribute("data-score"))
    assert shown == Scorer(exercise).score(answers).score > 0
    assert not f.locator("[data-role=send-text]").is_checked()  # the default: the words stay with the learner
    f.locator("[data-action=code]").click()
    area = f.locator("[data-role=answer-code]")
    expect(area).to_be_visible()
    chat = tmp_path / "chat.txt"
    chat.write_text(f"Ada Lovelace: {area.input_value()}\n", encoding="utf-8")
    assert main(["grade", "--json", str(chat)]) == 0
    graded = json.loads(capsys.readouterr().out)["learners"][0]["exercises"][exercise_id]
    assert (graded["score"], graded["max"]) == (shown, int(f.get_attribute("data-max")))
    assert "Ask five regulars" not in area.input_value()
    assert js_errors(page) == []
