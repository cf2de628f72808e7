"""The room on the wall: opened from a live room in the presenter's browser (signed in on the dashboard), an
exercise's slide shows the room's live results with names hidden; a phone without the dashboard's cookie sees
how to send an answer and join the room, and no page ever holds the key."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
MODULE = "/modules/03-the-cocktail-party/"
NAME = "Ada Lovelace-Wallflower"
WALL = ".reveal.mingle-deck-wall"
ROOM_BOX = f"{WALL} section.present .mingle-slide-room"



def exercise_slide(page, room) -> str:
    """Open the module from the room, present it and step to the first exercise's slide; its exercise id."""
    page.goto(f"{room.base}{MODULE}?room={room.code}")
    page.click('.mingle-toolbar [data-action="present"]')
    page.wait_for_selector(f"{WALL}.ready[data-slides]")
    while not page.locator(ROOM_BOX).count():
        wall = page.locator(WALL)
        assert wall.get_attribute("data-slide") != str(int(wall.get_attribute("data-slides")) - 1), "no exercise slide"
        page.keyboard.press("ArrowRight")
    return page.locator(f"{WALL} section.present").get_attribute("data-activity")


def test_the_exercise_slide_shows_the_rooms_live_results_without_names(page, room):
    page.goto(room.base + "/room/dashboard")
    page.get_by_label("Presenter's key").fill(room.key)
    page.get_by_role("button", name="Open the dashboard").click()
    page.locator("[data-role=counts]").wait_for()
    exercise = exercise_slide(page, room)
    box = page.locator(ROOM_BOX)
    box.get_by_text(f"Live from room {room.code}").wait_for()
    assert room.answers("wall-phone-0001", {exercise: {}}, learner=NAME)[0] == 200
    box.get_by_text("1 answer,").wait_for(timeout=5000)  # by the room's event stream, no reload
    assert box.locator(".room-bands li").count() >= 1
    assert NAME not in page.locator(WALL).inner_text()
    assert room.key not in page.content()
    from test_presenter_browser import axe_failures
    assert axe_failures(page) == ""


def test_a_phone_without_the_dashboard_cookie_sees_how_to_send_an_answer(browser, room):
    context = browser.new_context()
    try:
        page = context.new_page()
        with page.expect_response(lambda response: response.url.endswith(f"/room/{room.code}/live")) as live:
            exercise_slide(page, room)
        assert live.value.status == 401  # the slide asked the room, which keeps its results from a phone
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        slide = page.locator(f"{WALL} section.present").inner_text()
        assert "press Check" in slide
        join = page.locator(f"{WALL} section.present [data-deck-join]")  # how to join: no secret in it
        join.locator("img").wait_for()
        assert join.locator("[data-deck-join-code]").inner_text() == room.code
        assert "Live from room" not in page.locator(ROOM_BOX).inner_text()
        assert room.key not in page.content()
    finally:
        context.close()
