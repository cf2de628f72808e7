"""The presenter's side of a live room in Chromium: the key opens the dashboard, answers show within a second by
server-sent events (or by polling without them), names only on request and only as text, exercises open and
close, and the projector and dashboard have no axe violations."""

from __future__ import annotations

import pytest
from conftest import AXE_OPTIONS
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_js_support import EXERCISES

pytestmark = pytest.mark.browser
EXERCISE = sorted(EXERCISES)[0]
NAME = '<img src=x onerror="window.__pwned=1">'



def violations(page) -> list:
    # Transitions done: axe judges colours as they are.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in Axe().run(page,
                                                                                options=AXE_OPTIONS).response["violations"]]


def sign_in(page, room) -> None:
    page.goto(room.base + "/room/dashboard")
    page.get_by_label("Presenter's key").fill("not the key at all")
    page.get_by_role("button", name="Open the dashboard").click()
    page.get_by_text("That is not this room's key.").wait_for()
    page.get_by_label("Presenter's key").fill(room.key)
    page.get_by_role("button", name="Open the dashboard").click()
    page.locator("[data-role=counts]").wait_for()


def test_dashboard_updates_live_hides_names_and_closes_an_exercise(page, room):
    sign_in(page, room)
    assert violations(page) == []
    assert room.key not in page.content()
    room.answers("phone-live-01", {EXERCISE: {}}, learner=NAME)
    heading = page.get_by_role("heading", name=EXERCISES[EXERCISE].title)
    section = page.locator("section.room-exercise", has=heading)
    section.get_by_text("1 answer,").wait_for(timeout=2000)  # live within a second (plus the browser's own time)
    assert not page.locator("[data-role=people]").is_visible()
    page.get_by_role("button", name="Show names").click()
    assert NAME in page.locator("[data-role=names]").inner_text()
    assert page.evaluate("window.__pwned") is None
    section.get_by_role("button", name="Close for answers").click()
    section.get_by_text("Closed: answers are refused.").wait_for()
    assert room.answers("phone-live-01", {EXERCISE: {}})[0] == 409
    assert violations(page) == []
    section.get_by_role("button", name="Open for answers").click()
    section.get_by_text("Open: phones can send answers.").wait_for()
    # The browser logs the refusals of the wrong key and of the first look before signing in; nothing else.
    assert [e for e in page.watch.errors if "status of 401" not in e and "status of 403" not in e] == []
    assert page.watch.external == []


def test_without_server_sent_events_the_dashboard_polls(browser, room):
    context = browser.new_context()
    context.add_init_script("delete window.EventSource")
    page = context.new_page()
    try:
        sign_in(page, room)
        before = page.locator("[data-role=counts]").inner_text()
        room.request("POST", f"/room/{room.code}/join", {"client": "phone-poll-01"})
        page.wait_for_function("t => document.querySelector('[data-role=counts]').textContent !== t", arg=before,
                               timeout=3000)
    finally:
        context.close()


def test_projector_shows_the_qr_code_address_and_counts(page, room):
    page.goto(room.base + "/room/projector")
    expect(page.locator("[data-role=signin]")).to_be_visible()  # no key yet (once the room says so): where to sign in
    sign_in(page, room)
    page.goto(room.base + "/room/projector")
    expect(page.locator("svg.mingle-qr")).to_be_visible()
    assert page.locator(".room-code").inner_text() == room.code
    assert page.locator(".room-address").inner_text() == room.lines["join"].split("://")[1]
    page.get_by_text("joined,").wait_for()
    assert violations(page) == []
    assert room.key not in page.content()


def test_the_pre_flight_check_page_answers_a_phone(page, room):
    page.goto(room.base + "/room/check")
    expect(page.get_by_role("heading", name="This phone reaches the room")).to_be_visible()
    assert violations(page) == [] and room.key not in page.content()
