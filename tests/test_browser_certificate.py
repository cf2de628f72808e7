"""The My progress page's certificate: it needs a name and a checked exercise, lists finished modules, prints alone."""

from __future__ import annotations

import json

import pytest
from test_browser_exercise_a11y import violations
from test_js_support import EXERCISES, js_errors

pytestmark = pytest.mark.browser
PROGRESS = "/learners/progress/"
BUTTON = "Print my certificate"


def status(page) -> str:
    return page.locator('[data-progress] [role="status"]').inner_text()


def open_progress(page, base_url, saved: dict) -> None:
    """The progress page with these exercises saved as checked, and print() counted instead of opening a dialog."""
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(base_url + PROGRESS)
    for exercise_id, answers in saved.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                      [f"mingle:v1:answers:{exercise_id}", json.dumps({"answers": answers, "score": 1, "max": 2})])
    page.reload()


def test_the_certificate_asks_for_a_name_and_for_some_work_first(page, base_url):
    open_progress(page, base_url, {})
    button = page.get_by_role("button", name=BUTTON)
    button.click()
    assert "type your name" in status(page)
    page.locator("[data-progress] [data-role=learner-name]").fill("Jess Moran")
    button.click()
    assert "Check at least one exercise first" in status(page)
    assert page.evaluate("window.__printed || 0") == 0 and page.locator(".mingle-certificate").count() == 0


def test_the_certificate_names_the_learner_and_the_finished_modules_and_prints_alone(page, base_url):
    by_module = {}
    for exercise in EXERCISES.values():
        by_module.setdefault(exercise.module, []).append(exercise)
    whole = next(m for m, found in sorted(by_module.items()) if len(found) == 1)
    part = next(m for m, found in sorted(by_module.items()) if len(found) > 1)
    saved = {by_module[whole][0].id: {}, by_module[part][0].id: {}}
    open_progress(page, base_url, saved)
    page.locator("[data-progress] [data-role=learner-name]").fill("Jess Moran")
    page.get_by_role("button", name=BUTTON).click()
    assert page.evaluate("window.__printed") == 1
    sheet = page.locator("body > .mingle-certificate")
    text = sheet.inner_text() if sheet.is_visible() else sheet.text_content()
    assert "Certificate of completion" in text and "Jess Moran" in text
    assert f"checking 2 of {len(EXERCISES)} exercises" in text
    assert f"Module {whole}:" in text and f"Module {part}:" not in text
    assert f"2 of {len(EXERCISES)} exercises checked" in status(page)
    page.emulate_media(media="print")
    assert sheet.is_visible()
    shown = page.evaluate("[...document.body.children].filter(n => getComputedStyle(n).display !== 'none')"
                          ".map(n => n.className)")
    assert shown == ["mingle-certificate"]
    page.emulate_media(media="screen")
    assert violations(page) == ""
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".mingle-certificate").count() == 0
    assert js_errors(page) == []
