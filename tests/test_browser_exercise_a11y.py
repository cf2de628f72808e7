"""Exercise pages for everyone: zero axe WCAG 2.1 AA violations once checked, light and dark; phone-sized targets."""

from __future__ import annotations

import json
import random

import pytest
from conftest import AXE_OPTIONS
from axe_playwright_python.sync_playwright import Axe
from test_js_support import EXERCISES, exercise_pages, form, form_answers, js_errors

pytestmark = pytest.mark.browser
PAGES = exercise_pages()
TARGETS = (".mingle-choice, .mingle-actions .md-button, .mingle-exercise select, .mingle-exercise textarea, "
           "[data-role=learner-name]")


def violations(page) -> str:
    """axe's WCAG 2.1 A/AA violations on the page, one readable line each ('' when there are none)."""
    # Hover, focus and header transitions finished first: axe judges colours as they are.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    results = Axe().run(page, options=AXE_OPTIONS)
    if results.violations_count == 0:
        return ""
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:4]}"
                     for v in results.response["violations"])


def answer_and_check(page, *exercise_ids: str) -> None:
    """Give the forms some answers through storage (the forms' own paths have tests of their own), then check each."""
    for exercise_id in exercise_ids:
        answers = form_answers(EXERCISES[exercise_id], random.Random(exercise_id))
        page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                      [f"mingle:v1:answers:{exercise_id}", json.dumps({"answers": answers})])
    page.evaluate("k => localStorage.setItem('mingle:v1:learner', k)", json.dumps("Ada"))
    page.reload()
    for exercise_id in exercise_ids:
        f = form(page, exercise_id)
        f.locator("[data-action=check]").click()
        f.locator("[data-action=code]").click()
        assert f.get_attribute("data-score") is not None


# Each page with exercises once, every exercise on it checked (its untouched state is in test_site_browser's
# every-page axe test).
BY_PAGE = {path: sorted(e for e, on in PAGES.items() if on == path) for path in sorted(set(PAGES.values()))}


@pytest.mark.parametrize("path", BY_PAGE)
def test_an_exercise_page_has_no_axe_violations_after_checking(page, base_url, path):
    page.goto(base_url + path)
    answer_and_check(page, *BY_PAGE[path])
    found = violations(page)
    assert not found, f"after checking {', '.join(BY_PAGE[path])}:\n{found}"
    assert js_errors(page) == []


@pytest.mark.parametrize("exercise_id", ["which-guest-are-you", "action-plan"])
def test_dark_scheme_after_checking_has_no_axe_violations(page, base_url, exercise_id):
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + PAGES[exercise_id])
    answer_and_check(page, exercise_id)
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    found = violations(page)
    assert not found, found


def test_notices_and_progress_page_have_no_axe_violations(page, base_url):
    page.goto(base_url + PAGES["conversation-or-broadcast"])
    page.evaluate("""() => { localStorage.setItem('mingle:v1:answers:conversation-or-broadcast', '{bad');
                             localStorage.setItem('mingle:v1:checklist:modules/02-the-pub:before-you-post', 'x'); }""")
    page.reload()
    assert page.locator(".mingle-notice").count() == 2
    found = violations(page)
    assert not found, found
    answer_and_check(page, "conversation-or-broadcast")
    page.goto(base_url + "/learners/progress/")
    page.get_by_role("button", name="Reset all my progress").click()
    found = violations(page)
    assert not found, found


@pytest.mark.parametrize("exercise_id", ["why-are-you-here", "which-guest-are-you", "who-should-post", "action-plan"])
def test_phone_width_targets_are_big_enough_and_nothing_overflows(browser, base_url, exercise_id):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(base_url + PAGES[exercise_id])
    answer_and_check(page, exercise_id)
    small = page.evaluate("""sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null)
        .map(e => [e.getAttribute("for") || e.textContent.trim().slice(0, 30) || e.tagName, e.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44).map(([n, r]) => `${n}: ${r.width}x${r.height}`)""", TARGETS)
    width = page.evaluate("document.documentElement.scrollWidth")
    ctx.close()
    assert small == [], small
    assert width <= 360


def test_keyboard_focus_is_visible_on_choices_and_task_boxes(page, base_url):
    page.goto(base_url + PAGES["conversation-or-broadcast"])
    page.focus('[name="bakery-crust"][value="conversation"]')
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("document.activeElement.closest('.mingle-choice') && "
                            "getComputedStyle(document.activeElement.closest('.mingle-choice')).outlineStyle")
    assert outline not in (None, "none")
    box = page.locator('[data-checklist="before-you-post"] input[type=checkbox]').first
    box.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline not in (None, "none")
