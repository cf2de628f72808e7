"""Presenter pace in Chromium against a real room: the lobby, a phone following the slide within a second, coming
back after a reload or a dropped connection with nothing typed lost, moderation in one click, the wall never
inserting text as markup, and axe 0 on the lobby, the phone's activity view, the wall and the activities page."""

from __future__ import annotations

import json
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import PageWatch
from test_room_deck_browser import lobby
from test_browser_exercise_a11y import AXE_OPTIONS
from test_js_support import js_errors

pytestmark = pytest.mark.browser
CLOUD, OPEN, POLL = "how-it-feels", "posts-worth-reading", "customer-platforms"
HOSTILE = '<img src=x onerror="window.owned=1">'


@pytest.fixture(scope="module")
def room(site_dir, tmp_path_factory):
    """A room of its own for these tests, in presenter pace."""
    from room_kit import start_room

    running = start_room(tmp_path_factory.mktemp("room") / "room.sqlite", site_dir)
    assert slide_to(running, "", "")[0] == 200
    assert running.request("POST", f"/room/{running.code}/pace", {"pace": "presenter"}, key=running.key)[0] == 200
    yield running
    running.stop()


def slide_to(room, activity: str, title: str = "A slide"):
    """What the presenter's deck posts when it reaches a slide."""
    return room.request("POST", f"/room/{room.code}/slide", {"activity": activity, "title": title}, key=room.key)


@pytest.fixture
def phone(browser, room):
    """A phone-sized page on the join address, in the lobby."""
    page = lobby(browser, room)
    yield page
    page.context.close()


@pytest.fixture
def presenter(browser, room):
    """The presenter's browser, signed in as the dashboard signs in (a cookie)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    assert ctx.request.post(f"{room.base}/room/login", headers={"Authorization": f"Bearer {room.key}"}).ok
    page = ctx.new_page()
    page.watch = PageWatch(page)
    yield page
    ctx.close()


def violations(page) -> str:
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return "\n".join(f"  {v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:4]}" for v in found)


def shows(page, activity: str, within: float = 1.0) -> float:
    """Seconds until the phone shows this activity (or the between view for ''), failing past `within`."""
    started = time.monotonic()
    page.wait_for_selector(f'[data-room-activity="{activity}"]', timeout=within * 1000)
    return time.monotonic() - started


def test_the_join_address_opens_the_lobby(phone, room):
    lobby = phone.locator("[data-room-lobby]")
    assert lobby.is_visible()
    assert "What the room keeps, and why" in lobby.inner_text()
    assert phone.locator("[data-role=learner-name]").count() == 1
    assert phone.locator("a", has_text="Open the course").get_attribute("href") == "/"
    found = violations(phone)
    assert not found, found
    assert js_errors(phone) == []


def test_a_phone_follows_the_slide_within_a_second(phone, room):
    slide_to(room, CLOUD, "How it feels")
    shows(phone, CLOUD)
    assert phone.locator(f'[data-room-activity="{CLOUD}"] form.mingle-activity[data-activity="{CLOUD}"]').count() == 1
    found = violations(phone)
    assert not found, found
    slide_to(room, "", "Coffee break")
    shows(phone, "")
    assert "Coffee break" in phone.locator("[data-room-activity]").inner_text()
    slide_to(room, "before-check", "Before you start")
    shows(phone, "before-check")
    assert phone.locator('form.mingle-exercise[data-exercise="before-check"]').count() == 1


def test_audience_pace_leaves_phones_free(phone, room):
    slide_to(room, POLL, "Platforms")
    shows(phone, POLL)
    room.request("POST", f"/room/{room.code}/pace", {"pace": "audience"}, key=room.key)
    shows(phone, "")
    assert "own pace" in phone.locator("[data-room-activity]").inner_text()
    room.request("POST", f"/room/{room.code}/pace", {"pace": "presenter"}, key=room.key)
    shows(phone, POLL)


def test_a_reload_or_a_dropped_connection_comes_back_with_nothing_typed_lost(phone, room):
    slide_to(room, OPEN, "Posts worth reading")
    shows(phone, OPEN)
    phone.locator(f'[data-activity="{OPEN}"] textarea').fill("The bakery's behind-the-scenes videos")
    phone.reload(wait_until="load")
    shows(phone, OPEN, within=5)
    assert phone.locator(f'[data-activity="{OPEN}"] textarea').input_value() == "The bakery's behind-the-scenes videos"
    phone.context.set_offline(True)
    slide_to(room, CLOUD, "How it feels")
    phone.context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    shows(phone, CLOUD, within=5)
    slide_to(room, OPEN, "Posts worth reading")
    shows(phone, OPEN)
    assert phone.locator(f'[data-activity="{OPEN}"] textarea').input_value() == "The bakery's behind-the-scenes videos"


def test_moderation_and_the_wall_text_is_never_markup(phone, presenter, room):
    slide_to(room, OPEN, "Posts worth reading")
    shows(phone, OPEN)
    form = phone.locator(f'form[data-activity="{OPEN}"]')
    form.locator("textarea").fill(HOSTILE)
    form.locator("[data-action=send]").click()
    phone.wait_for_selector(f'form[data-activity="{OPEN}"] [role=status]:has-text("Sent")')
    presenter.goto(f"{room.base}/room/wall", wait_until="load")
    presenter.wait_for_selector(f'[data-room-results="{OPEN}"] .room-result-empty, [data-room-results="{OPEN}"] ul')
    assert HOSTILE not in presenter.locator("[data-room-results]").inner_text()  # waiting: not on the wall yet
    moderate = presenter.context.new_page()
    moderate.watch = PageWatch(moderate)
    moderate.goto(f"{room.base}/room/activities", wait_until="load")
    moderate.locator(f'button[data-activity="{OPEN}"][data-state="shown"]').first.click()
    presenter.wait_for_selector(f'[data-room-results="{OPEN}"] li:has-text("onerror")', timeout=3000)
    assert presenter.locator(".room-result-answers li").first.inner_text() == HOSTILE
    assert presenter.locator("[data-room-results] img").count() == 0 and presenter.evaluate("window.owned") is None
    found = violations(presenter) + violations(moderate)
    assert not found, found
    assert js_errors(presenter) == [] and js_errors(moderate) == []


def test_a_word_shows_at_once_and_one_click_hides_it(phone, presenter, room):
    slide_to(room, CLOUD, "How it feels")
    shows(phone, CLOUD)
    form = phone.locator(f'form[data-activity="{CLOUD}"]')
    form.get_by_label("Your word").fill("Overwhelmed")
    form.locator("[data-action=send]").click()
    presenter.goto(f"{room.base}/room/wall", wait_until="load")
    presenter.wait_for_selector(f'[data-room-results="{CLOUD}"] text:has-text("overwhelmed")', timeout=3000)
    assert presenter.locator(f'[data-room-results="{CLOUD}"] svg[role=img]').count() == 1
    moderate = presenter.context.new_page()
    moderate.goto(f"{room.base}/room/activities", wait_until="load")
    moderate.locator(f'button[data-activity="{CLOUD}"][data-item="overwhelmed"]').click()
    presenter.wait_for_selector(f'[data-room-results="{CLOUD}"] text:has-text("overwhelmed")', state="detached",
                                timeout=3000)


def test_a_phone_votes_for_a_question_on_the_screen_once(phone, room):
    qa = "questions-for-today"
    room.answers("phone-asker-1", {qa: {"answer": "Can I schedule posts in advance?"}})
    status, found = room.request("GET", f"/room/{room.code}/activities", key=room.key)
    question = next(q for q in found[qa]["questions"] if q["text"] == "Can I schedule posts in advance?")
    room.request("POST", f"/room/{room.code}/activities/{qa}/decide", {"item": question["id"], "state": "shown"},
                 key=room.key)
    slide_to(room, qa, "Your questions")
    shows(phone, qa)
    vote = phone.locator(f'button[data-action=vote][data-question="{question["id"]}"]')
    vote.click()
    phone.wait_for_selector(f'button[data-question="{question["id"]}"][aria-pressed=true]')
    phone.wait_for_selector(f'button[data-question="{question["id"]}"]:has-text("Voted (1)")', timeout=3000)
    found = room.request("GET", f"/room/{room.code}/activities", key=room.key)[1]
    assert next(q for q in found[qa]["questions"] if q["id"] == question["id"])["votes"] == 1
    violations_found = violations(phone)
    assert not violations_found, violations_found


def test_a_vote_stays_marked_when_the_list_is_drawn_again_before_its_answer_arrives(phone, room):
    qa = "questions-for-today"
    room.answers("phone-asker-2", {qa: {"answer": "How often should a florist post?"}})
    found = room.request("GET", f"/room/{room.code}/activities", key=room.key)[1]
    question = next(q for q in found[qa]["questions"] if q["text"] == "How often should a florist post?")
    room.request("POST", f"/room/{room.code}/activities/{qa}/decide", {"item": question["id"], "state": "shown"},
                 key=room.key)
    slide_to(room, qa, "Your questions")
    shows(phone, qa)
    held = []  # the vote reaches the room, but its answer is held back from the phone
    phone.route("**/vote", lambda route: held.append((route, route.fetch())))
    button = f'button[data-action=vote][data-question="{question["id"]}"]'
    phone.locator(button).click()
    votes = question["votes"] + 1
    # The room counted the vote and told every phone, so the list is drawn again before the vote's answer arrives.
    phone.wait_for_selector(f'{button}[aria-pressed=false]:has-text("({votes})")')
    route, response = held[0]
    route.fulfill(response=response)
    phone.wait_for_selector(f'{button}[aria-pressed=true]:has-text("Voted ({votes})")', timeout=3000)


def test_the_dashboard_leads_to_the_activities_page_and_the_wall(presenter, room):
    presenter.goto(f"{room.base}/room/dashboard", wait_until="load")  # signed in already: the panel shows
    presenter.get_by_role("link", name="Live activities").click()
    presenter.wait_for_selector("[data-action=pace][aria-pressed=true]")
    assert presenter.locator("h1").inner_text().startswith("Live activities")


def test_the_presenters_phone_is_a_remote_with_the_notes_and_a_timer(browser, room):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    remote = ctx.new_page()
    remote.watch = PageWatch(remote)
    remote.goto(f"{room.base}/room/remote", wait_until="load")
    remote.get_by_label("Presenter's key").fill(room.key)
    remote.get_by_role("button", name="Open the remote").click()
    remote.wait_for_selector("[data-role=panel]:not([hidden])")
    room.request("POST", f"/room/{room.code}/slide", {"activity": "", "title": "The pub",
                                                      "notes": "Ask who has walked into a pub <b>alone</b>."},
                 key=room.key)
    remote.get_by_text("Ask who has walked into a pub <b>alone</b>.").wait_for(timeout=3000)
    assert remote.locator("[data-role=title]").inner_text() == "The pub"
    with remote.expect_response(lambda r: r.url.endswith(f"/room/{room.code}/remote")) as pressed:
        remote.get_by_role("button", name="Next").click()
    assert pressed.value.status == 200 and pressed.value.json() == {"go": "next", "press": 1}
    remote.wait_for_function("document.querySelector('[data-role=timer]').textContent !== '0:00'", timeout=3000)
    phones_see = room.request("GET", f"/room/{room.code}/now")[1]
    assert "notes" not in phones_see and "alone" not in json.dumps(phones_see)  # the notes stay the presenter's
    found = violations(remote)
    assert not found, found
    assert js_errors(remote) == []
    ctx.close()
