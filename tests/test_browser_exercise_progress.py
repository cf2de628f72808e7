"""Checklist ticks kept in the browser, and the My progress page: lists, download all, load, reset with a confirm."""

from __future__ import annotations

import json

import pytest
from conftest import open_instant
from test_js_support import EXERCISES, ROOT, exercise_pages, form, js_errors

from mingle.course.coursemap import course_map
from mingle.scoring import Scorer

pytestmark = pytest.mark.browser
PAGES = exercise_pages()
PROGRESS = "/learners/progress/"
TICKS = "mingle:v1:checklist:modules/02-the-pub:before-you-post"
# The progress page's lines for the pub's checklist and exercise.
BEFORE_YOU_POST = '.mingle-progress-checklists > li[data-checklist="before-you-post"]'
PUB_PROGRESS = '.mingle-progress-exercises > li[data-exercise="conversation-or-broadcast"]'


def tick(page, checklist: str, indexes) -> None:
    """Tick boxes the keyboard way: focus each box and press Space."""
    boxes = page.locator(f'[data-checklist="{checklist}"] input[type=checkbox]')
    for i in indexes:
        boxes.nth(i).focus()
        page.keyboard.press("Space")


def ticked(page, checklist: str) -> list[bool]:
    return page.eval_on_selector_all(f'[data-checklist="{checklist}"] input[type=checkbox]',
                                     "bs => bs.map(b => b.checked)")


def store(page, key: str, value) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(value)])


def test_checklist_ticks_survive_reload_and_instant_navigation(page, instant_url):
    open_instant(page, instant_url + PAGES["conversation-or-broadcast"])
    tick(page, "before-you-post", [0, 2])
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", TICKS)) == [True, False, True, False, False]
    open_instant(page)
    assert ticked(page, "before-you-post") == [True, False, True, False, False]
    page.evaluate("window.__samePage = true")
    page.locator('.md-nav--primary a[href$="03-the-cocktail-party/"]').first.click()
    page.wait_for_url("**/03-the-cocktail-party/")
    page.locator('[data-checklist="five-practices"]').wait_for()
    tick(page, "five-practices", [4])
    page.go_back()
    page.wait_for_url("**/02-the-pub/")
    page.wait_for_function("() => document.querySelector('[data-checklist=before-you-post] input:checked') !== null")
    assert page.evaluate("window.__samePage") is True
    assert ticked(page, "before-you-post") == [True, False, True, False, False]
    key = "mingle:v1:checklist:modules/03-the-cocktail-party:five-practices"
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key)) == [False, False, False, False, True]
    assert js_errors(page) == []


def test_every_task_box_has_a_name(page, base_url):
    _, checklists, _ = course_map(str(ROOT / "docs"))
    for path in sorted({"/" + c.page.removesuffix(".md") + "/" for c in checklists}):
        page.goto(base_url + path)
        unnamed = page.eval_on_selector_all(".task-list-item input[type=checkbox]",
                                            "bs => bs.filter(b => !(b.getAttribute('aria-label') || '').trim()).length")
        assert unnamed == 0, path


def test_progress_page_lists_every_exercise_and_checklist_with_working_links(page, base_url):
    page.goto(base_url + PROGRESS)
    rows = page.locator(".mingle-progress-exercises > li")
    assert rows.count() == len(EXERCISES)
    for i in range(rows.count()):
        row = rows.nth(i)
        exercise = EXERCISES[row.get_attribute("data-exercise")]
        link = row.locator("a")
        assert link.inner_text() == exercise.title
        assert link.get_attribute("href") == base_url + PAGES[exercise.id]
        assert f"Module {exercise.module}. Not started yet." in row.inner_text()
    _, checklists, _ = course_map(str(ROOT / "docs"))
    checklists = [c for c in checklists if not c.page.startswith("presenters/")]
    ticks = page.locator(".mingle-progress-checklists > li")
    assert ticks.count() == len(checklists)
    for i, checklist in enumerate(checklists):
        assert ticks.nth(i).get_attribute("data-checklist") == checklist.id
        assert f"0 of {checklist.items} ticked." in ticks.nth(i).inner_text()
    page.locator(".mingle-progress-checklists a", has_text="Before you post").click()
    page.wait_for_url("**/02-the-pub/")
    assert js_errors(page) == []


def test_progress_page_shows_answers_scores_and_ticks(page, base_url):
    exercise = EXERCISES["conversation-or-broadcast"]
    page.goto(base_url + PAGES[exercise.id])
    f = form(page, exercise.id)
    f.locator('[name="bakery-crust"][value="conversation"]').check()
    f.locator('[name="plumber-caps"][value="conversation"]').check()
    f.locator("[data-action=check]").click()
    tick(page, "before-you-post", [1, 3])
    plan = EXERCISES["action-plan"]
    text = next(i.id for i in plan.items if i.kind == "text")
    rubric = next(i.id for i in plan.items if i.rubric_of == text)
    store(page, "mingle:v1:answers:action-plan", {"answers": {text: "Post on Monday.", rubric: True}})
    page.goto(base_url + PROGRESS)
    row = page.locator('.mingle-progress-exercises > li[data-exercise="conversation-or-broadcast"]').inner_text()
    questions = len(exercise.items)
    assert f"2 of {questions} answered. Last score: 1 out of {questions}." in row
    row = page.locator('.mingle-progress-exercises > li[data-exercise="action-plan"]').inner_text()
    texts = sum(1 for i in plan.items if i.kind == "text")
    checks = sum(1 for i in plan.items if i.kind == "check")
    assert f"1 of {texts} answered. 1 of {checks} ticked. Not checked yet." in row
    assert "2 of 5 ticked." in page.locator(BEFORE_YOU_POST).inner_text()


def test_download_all_gives_one_sheet_the_python_scorer_reads(page, base_url):
    page.goto(base_url + PROGRESS)
    answers = {"conversation-or-broadcast": {"bakery-crust": "conversation"},
               "who-should-post": {next(i.id for i in EXERCISES["who-should-post"].items):
                                   EXERCISES["who-should-post"].items[0].answer}}
    for exercise_id, given in answers.items():
        store(page, f"mingle:v1:answers:{exercise_id}", {"answers": given})
    store(page, "mingle:v1:answers:why-are-you-here", {"answers": {}})
    page.reload()
    download = page.get_by_role("button", name="Download all my answers")
    download.click()
    assert "type your name" in page.locator('[data-progress] [role="status"]').inner_text()
    page.locator("[data-progress] [data-role=learner-name]").fill("Ada Lovelace")
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == "mingle-answers-all.json"
    sheet = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert sheet == {"format": "mingle.answers/1", "learner": "Ada Lovelace", "answers": answers}
    assert [Scorer(EXERCISES[k]).score(v).score for k, v in sheet["answers"].items()] == [1, 1]
    assert "2 exercises" in page.locator('[data-progress] [role="status"]').inner_text()


def test_load_on_the_progress_page_fills_every_exercise(page, base_url):
    page.goto(base_url + PROGRESS)
    store(page, "mingle:v1:answers:who-should-post", {"answers": {}, "score": 0, "max": 8})
    sheet = {"format": "mingle.answers/1", "learner": "Grace",
             "answers": {"conversation-or-broadcast": {"bakery-crust": "conversation", "plumber-caps": "maybe"},
                         "who-should-post": {},
                         "no-such-exercise": {"a": 1}}}
    page.locator("[data-progress] [data-action=load-all]").set_input_files(
        {"name": "all.json", "mimeType": "application/json", "buffer": json.dumps(sheet).encode()})
    page.wait_for_function("() => /Loaded/.test(document.querySelector('[data-progress] [role=status]').textContent)")
    status = page.locator('[data-progress] [role="status"]').inner_text()
    assert "2 exercises from all.json" in status and "didn't fit the questions: 1." in status
    stored = page.evaluate("k => JSON.parse(localStorage.getItem(k))", "mingle:v1:answers:who-should-post")
    assert stored == {"answers": {}}  # the old score went with the old answers
    questions = len(EXERCISES["conversation-or-broadcast"].items)
    assert f"1 of {questions} answered" in page.locator(PUB_PROGRESS).inner_text()
    assert page.locator("[data-progress] [data-role=learner-name]").input_value() == "Grace"
    page.goto(base_url + PAGES["conversation-or-broadcast"])
    assert page.locator('[name="bakery-crust"][value="conversation"]').is_checked()
    page.goto(base_url + PROGRESS)
    page.locator("[data-progress] [data-action=load-all]").set_input_files(
        {"name": "bad.json", "mimeType": "application/json", "buffer": b'{"format": "other"}'})
    page.wait_for_function("() => /Nothing has changed/.test("
                           "document.querySelector('[data-progress] [role=status]').textContent)")


def test_reset_all_asks_first_and_clears_only_progress(page, base_url):
    page.goto(base_url + PROGRESS)
    store(page, "mingle:v1:answers:conversation-or-broadcast", {"answers": {"bakery-crust": "conversation"}})
    store(page, TICKS, [True, False, False, False, False])
    store(page, "mingle:v1:learner", "Ada")
    store(page, "mingle:v1:presenter:timer", 5)
    store(page, "someone-else", 1)
    page.reload()
    before = page.evaluate("Object.keys(localStorage).sort()")
    reset = page.get_by_role("button", name="Reset all my progress")
    reset.click()
    assert page.get_by_role("button", name="Yes, clear everything").is_visible()
    assert page.evaluate("document.activeElement.textContent") == "No, keep my progress"
    page.keyboard.press("Enter")
    assert "Nothing has been cleared" in page.locator('[data-progress] [role="status"]').inner_text()
    assert page.evaluate("Object.keys(localStorage).sort()") == before
    reset.click()
    page.get_by_role("button", name="Yes, clear everything").click()
    kept = [k for k in before if not k.startswith(("mingle:v1:answers:", "mingle:v1:checklist:", "mingle:v1:learner"))]
    assert "someone-else" in kept and "mingle:v1:presenter:timer" in kept
    assert page.evaluate("Object.keys(localStorage).sort()") == kept
    assert page.locator("[data-progress] [data-role=learner-name]").input_value() == ""
    assert "Not started yet" in page.locator(PUB_PROGRESS).inner_text()
    assert "0 of 5 ticked" in page.locator(BEFORE_YOU_POST).inner_text()


def test_works_from_disk_in_the_offline_build_and_without_materials_script(page, offline_dir):
    site = offline_dir
    page.goto((site / "learners" / "progress.html").as_uri())
    link = page.locator(".mingle-progress-exercises a", has_text="Conversation or broadcast?")
    assert link.get_attribute("href") == (site / "modules" / "02-the-pub.html").as_uri()
    link.click()
    page.wait_for_url("**/02-the-pub.html")
    f = form(page, "conversation-or-broadcast")
    f.locator('[name="bakery-crust"][value="conversation"]').check()
    tick(page, "before-you-post", [0])
    # Without Material's bundle (no document$), the kit falls back to DOMContentLoaded.
    page.route("**/bundle.*.min.js", lambda route: route.abort())
    page.reload()
    assert page.evaluate("typeof window.document$") == "undefined"
    assert f.locator('[name="bakery-crust"][value="conversation"]').is_checked()
    assert ticked(page, "before-you-post")[0] is True
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") == "1"
    assert js_errors(page) == []  # the bundle blocked on purpose only fails to load
