"""Storage that is corrupt, foreign or blocked, and learner text that looks like HTML: the pages keep working."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from test_js_support import EXERCISES, XSS, exercise_pages, form, js_errors

from mingle import codes
from mingle.scoring import Scorer

pytestmark = pytest.mark.browser
PAGES = exercise_pages()
PUB = PAGES["conversation-or-broadcast"]
ANSWERS = "mingle:v1:answers:conversation-or-broadcast"
TICKS = "mingle:v1:checklist:modules/02-the-pub:before-you-post"
LEARNER = "mingle:v1:learner"

NO_INJECTION = """() => ({
  pwned: typeof window.__pwned !== "undefined",
  injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length,
  attributes: [...document.querySelectorAll("*")].filter(e => [...e.attributes].some(a => a.value.includes("__pwned")))
    .map(e => e.outerHTML.slice(0, 120)),
  scripts: [...document.scripts].filter(s => s.text.includes("__pwned")).length,
})"""


def seed(page, url: str, values: dict) -> None:
    """Open `url` with raw values in storage, as if an earlier visit (or something else) had left them.

    The values are written in the very document that reads them, before any of its scripts run. Written in one
    document and read after a reload in the next (as these tests did, with a rerun for the misses seen under load),
    they depended on Chromium handing a renderer's writes on to the browser process in time, and the probe page
    that was to prove it could read the same renderer's own copy. Only the first load of `url` is seeded.
    """
    page.add_init_script(f"""(() => {{
      const navigation = performance.getEntriesByType("navigation")[0];
      if (location.href !== {json.dumps(url)} || (navigation && navigation.type !== "navigate")) return;
      for (const [key, value] of Object.entries({json.dumps(values)})) localStorage.setItem(key, value);
    }})()""")
    page.goto(url)


def raw(page, key: str):
    return page.evaluate("k => localStorage.getItem(k)", key)


def still_works(page, kept: dict | None = None) -> None:
    """Answering and checking still work after whatever storage held (`kept`: saved answers that survived)."""
    answers = {**(kept or {}), "bakery-crust": "conversation"}
    f = form(page, "conversation-or-broadcast")
    f.locator('[name="bakery-crust"][value="conversation"]').check()
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") == str(Scorer(EXERCISES["conversation-or-broadcast"]).score(answers).score)
    assert json.loads(raw(page, ANSWERS))["answers"] == answers
    assert js_errors(page) == []


@pytest.mark.parametrize("value", [
    "{not json", "[]", '"just text"', "null", '{"answers": 5}', '{"answers": {"a": {"b": 1}}}',
    '{"answers": {"a": [1]}}', '{"answers": {}, "score": "9", "max": 14}', '{"answers": {}, "score": 1}',
    '{"answers": {"a": 1.5}}', json.dumps({"answers": {"bakery-crust": "x" * 130_000}}),
])
def test_corrupt_saved_answers_are_cleared_with_a_notice(page, base_url, value):
    seed(page, base_url + PUB, {ANSWERS: value})
    notice = form(page, "conversation-or-broadcast").locator('.mingle-notice[role="alert"]')
    expect(notice).to_be_visible()  # waits: on a busy machine the page's scripts may still be running
    assert "answers for this exercise couldn't be read" in notice.inner_text()
    assert raw(page, ANSWERS) is None
    still_works(page)


def test_answers_that_no_longer_fit_the_questions_are_skipped_quietly(page, base_url):
    seed(page, base_url + PUB, {ANSWERS: json.dumps({"answers": {"bakery-crust": "no-such-option", "retired-item": True,
                                                 "plumber-caps": "broadcast"}})})
    f = form(page, "conversation-or-broadcast")
    assert f.locator(".mingle-notice").count() == 0
    assert f.locator('[name="plumber-caps"][value="broadcast"]').is_checked()
    assert f.locator('[name="bakery-crust"]:checked').count() == 0
    still_works(page, {"plumber-caps": "broadcast"})


@pytest.mark.parametrize("value", ["{bad", "123", '{"name": "Ada"}', json.dumps("x" * 500)])
def test_a_corrupt_learner_name_is_cleared_with_a_notice(page, base_url, value):
    seed(page, base_url + PUB, {LEARNER: value})
    notice = page.locator('.md-content .mingle-notice[role="alert"]')
    assert "name couldn't be read" in notice.first.inner_text()
    assert raw(page, LEARNER) is None
    assert form(page, "conversation-or-broadcast").locator("[data-role=learner-name]").input_value() == ""
    still_works(page)


@pytest.mark.parametrize("value", ['{"a": 1}', "[1, 0]", "nope", json.dumps([True] * 5000)])
def test_corrupt_checklist_ticks_are_cleared_with_a_notice(page, base_url, value):
    seed(page, base_url + PUB, {TICKS: value})
    block = page.locator('[data-checklist="before-you-post"]')
    assert "ticks for this checklist couldn't be read" in block.locator('.mingle-notice[role="alert"]').inner_text()
    assert raw(page, TICKS) is None
    assert block.locator("input[type=checkbox]:checked").count() == 0
    still_works(page)


def test_blocked_storage_leaves_the_page_working_and_says_so(page, base_url):
    ours = []  # Material's own scripts also trip over blocked storage; only the kit's scripts are judged here
    page.on("pageerror", lambda e: "/assets/mingle/" in (e.stack or "") and ours.append(e.stack))
    page.add_init_script("""Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""")
    page.goto(base_url + PUB)
    assert "isn't letting the site save" in page.locator('.mingle-notice[role="alert"]').first.inner_text()
    f = form(page, "conversation-or-broadcast")
    f.locator('[name="bakery-crust"][value="conversation"]').check()
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") == "1"
    assert ours == []


def test_full_storage_says_the_answers_were_not_saved(page, base_url):
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    page.goto(base_url + PUB)
    f = form(page, "conversation-or-broadcast")
    f.locator('[name="bakery-crust"][value="conversation"]').check()
    assert "storage is full" in f.locator('.mingle-notice[role="alert"]').inner_text()
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") == "1"
    assert js_errors(page) == []


def assert_no_injection(page) -> None:
    found = page.evaluate(NO_INJECTION)
    assert found == {"pwned": False, "injected": 0, "attributes": [], "scripts": 0}, found


def test_html_in_names_and_answers_stays_text_everywhere(page, base_url, tmp_path):
    name, text = XSS[0], XSS[1] + XSS[2]
    exercise = "rewrite-the-shout"
    seed(page, base_url + PAGES[exercise], {LEARNER: json.dumps(name),
                f"mingle:v1:answers:{exercise}": json.dumps({"answers": {"rewrite": text, "best-opening": XSS[2]}})})
    f = form(page, exercise)
    assert f.locator("[data-role=learner-name]").input_value() == name
    assert f.locator('textarea[name="rewrite"]').input_value() == text
    f.locator("[data-action=check]").click()
    assert f.get_attribute("data-score") is not None
    with page.expect_download() as info:
        f.locator("[data-action=export]").click()
    sheet = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert sheet["learner"] == name and sheet["answers"][exercise]["rewrite"] == text
    f.locator("[data-role=send-text]").check()
    f.locator("[data-action=code]").click()
    expect(f.locator("[data-role=answer-code]")).to_be_visible()
    (found,) = list(codes.find_codes(f.locator("[data-role=answer-code]").input_value(), EXERCISES))
    assert (found.learner, found.answers["rewrite"]) == (name, text)
    assert_no_injection(page)
    # The same text typed in, and a file whose name and contents carry it.
    f.locator("[data-role=learner-name]").fill(XSS[1])
    f.locator('textarea[name="rewrite"]').fill(XSS[0])
    evil = {"format": "mingle.answers/1", "learner": XSS[2],
            "answers": {exercise: {"rewrite": XSS[2], "best-opening": XSS[0]}}}
    f.locator("[data-action=load]").set_input_files(
        {"name": f"{XSS[0]}.json", "mimeType": "application/json", "buffer": json.dumps(evil).encode()})
    page.wait_for_function("() => /Loaded/.test(document.querySelector('[data-exercise=rewrite-the-shout] "
                           "[role=status]').textContent)")
    assert XSS[0] in f.locator('[role="status"]').inner_text()
    f.locator("[data-action=check]").click()
    page.reload()
    assert f.locator('textarea[name="rewrite"]').input_value() == XSS[2]
    assert_no_injection(page)
    page.goto(base_url + "/learners/progress/")
    assert page.locator("[data-progress] [data-role=learner-name]").input_value() == XSS[1]
    assert_no_injection(page)
    assert js_errors(page) == []
