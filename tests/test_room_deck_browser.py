"""The deck drives the pace, in Chromium against a real room: the presenter's deck, opened from the room, reaches a
live activity's or an exercise's slide and every phone in the lobby shows its form within a second (an exercise
answered there reaches the room's results), and between them the slide's title; the slide draws the room's answers
as they arrive; the speaker view switches the pace (the wall never shows the switch); a copy of the deck
without the presenter's sign-in moves nobody and has no switch."""

from __future__ import annotations

import random
import time

import pytest
from conftest import PageWatch
from test_deck_browser import open_speaker
from test_js_support import EXERCISES, form_answers, js_errors
from test_presenter_browser import axe_failures

pytestmark = pytest.mark.browser
MODULE = "/modules/01-social-means-social/"
ACTIVITY = "how-it-feels"
WALL = ".reveal.mingle-deck-wall"


@pytest.fixture(scope="module")
def room(site_dir, tmp_path_factory):
    """A room of its own, in presenter pace."""
    from room_kit import start_room

    running = start_room(tmp_path_factory.mktemp("room") / "room.sqlite", site_dir)
    assert running.request("POST", f"/room/{running.code}/pace", {"pace": "presenter"}, key=running.key)[0] == 200
    yield running
    running.stop()


def lobby(browser, room):
    """A phone in the lobby."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.watch = PageWatch(page)
    page.goto(room.lines["join"], wait_until="load")
    page.wait_for_selector("[data-room-joined]:has-text('in')")
    return page


def to_the_activity(page, room, wanted: str = f'[data-activity="{ACTIVITY}"]') -> None:
    """Open the module from the room, present it and step to the live activity's slide (or the first slide that
    matches `wanted`)."""
    page.goto(f"{room.base}{MODULE}?room={room.code}", wait_until="load")
    page.click('[data-action="present"]')
    page.wait_for_selector(f"{WALL}.ready[data-slides]")
    while page.locator(f"{WALL} section.present{wanted}").count() == 0:
        wall = page.locator(WALL)
        assert wall.get_attribute("data-slide") != str(int(wall.get_attribute("data-slides")) - 1), "no such slide"
        page.keyboard.press("ArrowRight")


def test_the_presenters_deck_puts_the_activity_on_every_phone(browser, room):
    phones = [lobby(browser, room) for _ in range(2)]
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    assert ctx.request.post(f"{room.base}/room/login", headers={"Authorization": f"Bearer {room.key}"}).ok
    deck = ctx.new_page()
    deck.watch = PageWatch(deck)
    to_the_activity(deck, room)
    reached = time.monotonic()
    for phone in phones:
        phone.wait_for_selector(f'[data-room-activity="{ACTIVITY}"] form.mingle-activity', timeout=1000)
    assert time.monotonic() - reached < 1.5
    slide = deck.locator(f"{WALL} section.present")
    assert slide.get_attribute("data-slide-kind") == "activity"
    slide.locator(f'[data-room-results="{ACTIVITY}"]').get_by_text("No answers yet.").wait_for()
    form = phones[0].locator(f'form[data-activity="{ACTIVITY}"]')
    form.get_by_label("Your word").fill("Curious")
    form.locator("[data-action=send]").click()
    slide.locator(f'[data-room-results="{ACTIVITY}"] text:has-text("curious")').wait_for(timeout=3000)
    deck.keyboard.press("ArrowRight")
    for phone in phones:
        phone.wait_for_selector('[data-room-activity=""]', timeout=1000)
    assert js_errors(deck) == [] and all(js_errors(p) == [] for p in phones)
    for page in (*phones, deck):
        page.context.close()


def test_the_deck_puts_an_exercise_on_a_phone_that_sends_it_and_the_slides_title_between(browser, room):
    phone = lobby(browser, room)
    phone.get_by_label("Your name or a nickname").fill("Lobby Phone")
    deck = presenter(browser, room)
    try:
        to_the_activity(deck, room, "[data-slide-kind=exercise]")
        exercise = deck.locator(f"{WALL} section.present").get_attribute("data-activity")
        form = phone.locator(f'[data-room-activity="{exercise}"] form.mingle-exercise[data-exercise="{exercise}"]')
        form.wait_for(timeout=1000)
        phone.evaluate("([id, a]) => Mingle.exercise.apply(document.querySelector(`form[data-exercise='${id}']`), a)",
                       [exercise, form_answers(EXERCISES[exercise], random.Random(7))])
        form.locator("[data-action=check]").click()
        form.locator("[role=status] .mingle-room").get_by_text("Sent to the room").wait_for(timeout=3000)
        learners = {e["learner"]: e for e in room.results()["learners"]}
        assert learners["Lobby Phone"]["exercises"][exercise]["score"] == int(form.get_attribute("data-score"))
        # On to a slide with nothing to answer: the phone says to look up, with that slide's title.
        deck.keyboard.press("ArrowRight")
        while deck.locator(f"{WALL} section.present[data-activity]").count():
            deck.keyboard.press("ArrowRight")
        title = deck.locator(f"{WALL} section.present [role=heading]").first.inner_text().strip()
        between = phone.locator('[data-room-activity=""]')
        between.get_by_text(title).wait_for(timeout=1000)
        assert between.locator("form").count() == 0
        assert js_errors(deck) == [] and js_errors(phone) == []
    finally:
        deck.context.close()
        phone.context.close()


def presenter(browser, room, scheme: str = "light"):
    """The presenter's browser, signed in as the dashboard signs in (a cookie)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    assert ctx.request.post(f"{room.base}/room/login", headers={"Authorization": f"Bearer {room.key}"}).ok
    page = ctx.new_page()
    page.watch = PageWatch(page)
    return page


def test_a_deck_without_the_presenters_sign_in_moves_nobody(browser, room):
    room.request("POST", f"/room/{room.code}/slide", {"activity": "", "title": "Welcome"}, key=room.key)
    phone = lobby(browser, room)
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    deck = ctx.new_page()
    with deck.expect_response(lambda r: r.url.endswith(f"/room/{room.code}/slide")) as told:
        to_the_activity(deck, room)
    assert told.value.status == 401  # refused: it asks no more, and nothing moved
    assert room.request("GET", f"/room/{room.code}/now")[1]["activity"] == ""
    assert phone.locator('[data-room-activity=""]').count() == 1
    ctx.close()
    phone.context.close()


def test_a_plans_live_activity_has_its_slide_in_the_plans_deck(page, base_url):
    page.goto(base_url + "/presenters/agenda/", wait_until="load")
    page.select_option('[data-role="agenda-plan"]', "90")
    page.click('[data-action="present"][data-plan="90"]')
    page.wait_for_selector(f"{WALL}.ready")
    kinds = page.eval_on_selector_all(f"{WALL} .slides > section", "s => s.map((n) => [n.dataset.slideKind, "
                                      "n.dataset.activity || ''])")
    assert kinds[-2:] == [["activity", "questions-for-today"], ["closing", ""]]


def test_the_remote_moves_the_deck_and_shows_its_notes(browser, room):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    assert ctx.request.post(f"{room.base}/room/login", headers={"Authorization": f"Bearer {room.key}"}).ok
    deck = ctx.new_page()
    to_the_activity(deck, room)
    remote = ctx.new_page()
    remote.goto(f"{room.base}/room/remote", wait_until="load")
    remote.wait_for_selector("[data-role=panel]:not([hidden])")
    remote.locator("[data-role=title]").get_by_text("One word for how social media feels").wait_for(timeout=3000)
    assert "Read the biggest three or four words aloud" in remote.locator("[data-role=notes]").inner_text()
    at = int(deck.locator(WALL).get_attribute("data-slide"))
    remote.get_by_role("button", name="Next").click()
    deck.wait_for_function(f"document.querySelector('{WALL}').dataset.slide === '{at + 1}'", timeout=3000)
    remote.get_by_role("button", name="Previous").click()
    deck.wait_for_function(f"document.querySelector('{WALL}').dataset.slide === '{at}'", timeout=3000)
    ctx.close()


def presenters_deck(browser, room, scheme: str = "light"):
    """The presenter's browser, signed in, with a module's deck opened from the room and its speaker view."""
    wall = presenter(browser, room, scheme)
    wall.goto(f"{room.base}{MODULE}?room={room.code}", wait_until="load")
    wall.click('[data-action="present"]')
    wall.wait_for_selector(f"{WALL}.ready[data-slides]")
    speaker = open_speaker(wall)
    speaker.watch = PageWatch(speaker)
    return wall, speaker


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_speaker_view_switches_the_pace_and_the_wall_never_shows_the_switch(browser, room, scheme):
    phone = lobby(browser, room)
    wall, speaker = presenters_deck(browser, room, scheme)
    switch = speaker.locator(".mingle-speaker-bar [data-room-pace]")
    try:
        switch.locator('[data-pace="presenter"][aria-pressed="true"]').wait_for(timeout=3000)  # the room's pace now
        assert switch.get_attribute("role") == "group"
        switch.get_by_role("button", name="Move freely").click()
        switch.locator('[data-pace="audience"][aria-pressed="true"]').wait_for()
        assert switch.locator('[data-pace="presenter"]').get_attribute("aria-pressed") == "false"
        assert switch.get_by_role("status").inner_text() == "Phones now move freely."
        assert room.request("GET", f"/room/{room.code}/now")[1]["pace"] == "audience"
        phone.get_by_text("Go at your own pace").wait_for(timeout=1000)
        # Changed anywhere else (the activities page, say), the speaker view's switch follows.
        room.request("POST", f"/room/{room.code}/pace", {"pace": "presenter"}, key=room.key)
        switch.locator('[data-pace="presenter"][aria-pressed="true"]').wait_for(timeout=3000)
        assert wall.locator("[data-room-pace], [data-action=pace]").count() == 0
        # The speaker view shows the slide in the wall's own colours (reveal.js's embedded white must not win).
        look = f"(() => {{ const s = getComputedStyle(document.querySelector('{WALL}')); " \
            "return [s.backgroundColor, s.color]; })()"
        assert speaker.evaluate(look) == wall.evaluate(look)
        speaker.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
        assert axe_failures(speaker) == ""
        assert js_errors(speaker) == [] and js_errors(wall) == []
    finally:
        room.request("POST", f"/room/{room.code}/pace", {"pace": "presenter"}, key=room.key)
        wall.context.close()
        phone.context.close()


def test_with_the_speaker_view_open_one_press_of_the_remote_moves_the_deck_one_slide(browser, room):
    wall, speaker = presenters_deck(browser, room)
    slide = f"Number(document.querySelector('{WALL}').dataset.slide)"
    try:
        # The speaker view leads while it is open; the wall follows it, and acts on the remote again once it closes.
        wall.wait_for_function("Mingle.deckLeads() === false")
        assert speaker.evaluate("Mingle.deckLeads()") is True
        for window in (wall, speaker):  # the furthest slide each window reaches, and the moves it makes itself
            window.evaluate("() => { window.furthest = -1; window.moved = 0; document.addEventListener('mingle:slide', "
                            "(e) => { window.furthest = Math.max(window.furthest, e.detail.index); }); "
                            "document.addEventListener('click', (e) => { if (e.target.closest('[data-deck-action]')) "
                            "window.moved += 1; }, true); }")
        at = wall.evaluate(slide)
        for step, go in ((1, "next"), (2, "next"), (1, "previous")):
            assert room.request("POST", f"/room/{room.code}/remote", {"go": go}, key=room.key)[0] == 200
            for window in (wall, speaker):
                window.wait_for_function(f"{slide} === {at + step}", timeout=3000)
        assert [window.evaluate("window.furthest") for window in (wall, speaker)] == [at + 2, at + 2]
        assert [window.evaluate("window.moved") for window in (wall, speaker)] == [0, 3]  # only the speaker view acted
        speaker.close()
        wall.wait_for_function("Mingle.deckLeads() === true")
    finally:
        wall.context.close()


def test_a_speaker_view_without_the_presenters_sign_in_has_no_pace_switch(browser, room):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    wall = ctx.new_page()
    wall.goto(f"{room.base}{MODULE}?room={room.code}", wait_until="load")
    wall.click('[data-action="present"]')
    wall.wait_for_selector(f"{WALL}.ready[data-slides]")
    with ctx.expect_event("response", lambda r: r.url.endswith(f"/room/{room.code}/slide")
                          and r.frame.page != wall) as told:
        speaker = open_speaker(wall)
    assert told.value.status == 401  # the speaker view asked the room too, and was refused
    speaker.keyboard.press("ArrowRight")
    speaker.wait_for_function(f"document.querySelector('{WALL}').dataset.slide === '1'")
    assert speaker.locator("[data-room-pace]").count() == 0
    ctx.close()
