"""Live activities on the built site, in Chromium: axe 0, responses shaped as a sheet carries them, nothing typed
lost on reload, learner text never markup, and the printed question in place of the form."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser_exercise_a11y import AXE_OPTIONS
from test_js_support import js_errors

pytestmark = pytest.mark.browser
PAGES = {"customer-platforms": "/modules/00-welcome/", "how-it-feels": "/modules/01-social-means-social/",
         "posts-worth-reading": "/modules/04-the-busy-square/", "ready-to-post": "/modules/07-getting-active/"}
HOSTILE = '<img src=x onerror="window.owned=1">'


def violations(page, selector: str) -> str:
    """axe's WCAG 2.1 A/AA violations within the selected part of the page, one line each ('' for none)."""
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    results = Axe().run(page, context=selector, options=AXE_OPTIONS)
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:4]}"
                     for v in results.response["violations"])


def form(page, activity_id: str):
    return page.locator(f'form.mingle-activity[data-activity="{activity_id}"]')


def value(page, activity_id: str):
    """The response the page would send, as Mingle.activity reads it."""
    return page.evaluate("id => Mingle.activity.value(document.querySelector(`form[data-activity='${id}']`))",
                         activity_id)


@pytest.mark.parametrize("activity_id", sorted(PAGES))
def test_an_activity_has_no_axe_violations(page, base_url, activity_id):
    page.goto(base_url + PAGES[activity_id], wait_until="load")
    form(page, activity_id).scroll_into_view_if_needed()
    form(page, activity_id).locator("[data-action=send]").click()  # the status line filled in too
    found = violations(page, f'[data-activity="{activity_id}"]')
    assert not found, found
    assert js_errors(page) == []


def test_responses_have_the_shape_an_answer_sheet_carries(page, base_url):
    page.goto(base_url + PAGES["customer-platforms"], wait_until="load")
    poll = form(page, "customer-platforms")
    assert value(page, "customer-platforms") == []
    poll.get_by_label("Instagram").check()
    poll.get_by_label("WhatsApp").check()
    assert value(page, "customer-platforms") == ["instagram", "whatsapp"]
    page.goto(base_url + PAGES["ready-to-post"], wait_until="load")
    form(page, "ready-to-post").get_by_label("Mostly").check()
    assert value(page, "ready-to-post") == 4


def test_sending_without_a_room_says_so_and_keeps_the_answer(page, base_url):
    page.goto(base_url + PAGES["how-it-feels"], wait_until="load")
    cloud = form(page, "how-it-feels")
    cloud.locator("[data-action=send]").click()
    assert cloud.get_by_role("status").inner_text() == "Choose or write something first, then send it."
    cloud.get_by_label("Your word").fill("  Hopeful ")
    cloud.locator("[data-action=send]").click()
    assert cloud.get_by_role("status").inner_text().startswith("No live room is open in this tab")
    assert value(page, "how-it-feels") == ["Hopeful"]
    page.reload(wait_until="load")
    assert form(page, "how-it-feels").get_by_label("Your word").input_value() == "Hopeful"


def test_a_kept_answer_comes_back_as_text_never_markup(page, base_url):
    page.goto(base_url + PAGES["posts-worth-reading"], wait_until="load")
    page.evaluate("v => sessionStorage.setItem('mingle:v1:activity-draft:posts-worth-reading', v)", json.dumps(HOSTILE))
    page.reload(wait_until="load")
    box = form(page, "posts-worth-reading").locator("textarea")
    assert box.input_value() == HOSTILE
    assert page.locator(".mingle-activity img").count() == 0 and page.evaluate("window.owned") is None


def test_printed_the_question_has_room_to_write_and_the_form_is_gone(page, base_url):
    page.goto(base_url + PAGES["posts-worth-reading"], wait_until="load")
    page.emulate_media(media="print")
    assert not form(page, "posts-worth-reading").is_visible()
    sheet = page.locator('[data-activity-sheet="posts-worth-reading"]')
    assert sheet.is_visible() and sheet.locator(".mingle-line").count() == 4
    assert "Open question: Think of a post" in sheet.inner_text()
