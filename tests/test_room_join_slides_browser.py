"""How to answer, on the wall: in a deck opened from a running room, every exercise's and activity's slide shows the
room's join QR code (large enough to scan from the back), its code and its address, and still fits the canvas at
the four window sizes with the room's results on it; outside a room, or when the room cannot be reached, the slide
keeps the module page's address. axe finds nothing on the wall with the code on it, light or dark."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PageWatch
from test_deck_browser import FITS, FLOOR, SIZES, WALL, open_deck, resize
from test_js_support import EXERCISES, js_errors
from test_presenter_browser import axe_failures

from mingle.activities import check_activities
from mingle.course.agenda import load_for, read_modules

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ACTIVITIES = check_activities(ROOT / "activities")[0]
ANSWERING = "[data-activity]"  # an exercise's or a live activity's slide
QR_LEAST = 200  # px of the 1280-wide canvas: a phone's camera reads it from the back of a room
PHONES = ("join-phone-0001", "join-phone-0002", "join-phone-0003")


def response(activity, n: int):
    """A fit response from the nth phone to a live activity, of whatever kind it is."""
    if activity.kind == "poll":
        pick = activity.options[n % len(activity.options)].id
        return [pick] if activity.several else pick
    if activity.kind == "scale":
        return activity.scale.min + n % (activity.scale.max - activity.scale.min + 1)
    if activity.kind == "words":
        return ["curious", "busy", "hopeful"][n % 3]
    return f"Phone {n + 1} would like to hear how a florist plans a month of posts."


@pytest.fixture(scope="module")
def answered(room):
    """The room with answers from a few phones to every exercise and activity, the written ones let through, so the
    slides carry results as a real session's would."""
    for n, client in enumerate(PHONES):
        assert room.answers(client, {e: {} for e in EXERCISES})[0] == 200
        live = {a.id: {"answer": response(a, n)} for a in ACTIVITIES.values()}
        assert room.answers(client, live)[0] == 200
    status, found = room.request("GET", f"/room/{room.code}/activities", key=room.key)
    assert status == 200
    for activity_id, result in found.items():
        for item in result.get("answers", []) + result.get("questions", []):
            room.request("POST", f"/room/{room.code}/activities/{activity_id}/decide",
                         {"item": item["id"], "state": "shown"}, key=room.key)
    return room


def decks() -> list[str]:
    """Each plan's deck, and each module's that no plan runs: between them every answering slide of the course."""
    plans, _ = load_for(ROOT)
    planned = {s.module for plan in plans.values() for s in plan.slots if s.module is not None}
    alone = [f"module={n}" for n in sorted(read_modules(ROOT / "docs" / "modules")) if n not in planned]
    return [f"plan={p}" for p in plans] + alone


def presenter(browser, room, size=(1280, 720)):
    """The presenter's browser at a window size, signed in as the dashboard signs in (a cookie)."""
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    assert ctx.request.post(f"{room.base}/room/login", headers={"Authorization": f"Bearer {room.key}"}).ok
    page = ctx.new_page()
    page.watch = PageWatch(page)
    return page


def open_in_room(page, room, query: str) -> None:
    """A deck opened in a tab from the room, once the room's QR code is on its answering slides."""
    open_deck(page, room.base, f"room={room.code}&{query}")
    page.wait_for_selector(f"{WALL} [data-deck-join]:not([hidden]) img[src^='data:image/svg+xml']", state="attached")


def with_results(page) -> None:
    """Step once through the deck, waiting on each answering slide until the room's results are drawn on it."""
    count = int(page.locator(WALL).get_attribute("data-slides"))
    for index in range(count):
        page.wait_for_function(f"document.querySelector('{WALL}').dataset.slide === '{index}'")
        slide = page.locator(f"{WALL} section.present")
        if slide.get_attribute("data-slide-kind") == "exercise":
            slide.locator(".mingle-slide-room-live").wait_for()
        elif slide.get_attribute("data-slide-kind") == "activity":
            slide.locator("[data-room-results] :is(ul, ol, svg)").first.wait_for()
        page.keyboard.press("ArrowRight")
    back_to_the_start(page)


def back_to_the_start(page) -> None:
    """The deck's first slide."""
    page.keyboard.press("Home")
    page.wait_for_function(f"document.querySelector('{WALL}').dataset.slide === '0'")


# Each answering slide's QR code: its width on the 1280-wide canvas, and whether it is whole inside the canvas.
QR_SIZES = """() => {
  const wall = document.querySelector('.reveal.mingle-deck-wall');
  const next = wall.querySelector('[data-deck-action="next"]'), found = [];
  for (let i = 0; i < Number(wall.dataset.slides); i++) {
    const slide = wall.querySelector('.slides > section.present'), qr = slide.querySelector('[data-deck-join] img');
    if (slide.matches('[data-activity]')) {
      const canvas = wall.querySelector('.slides').getBoundingClientRect(), box = qr && qr.getBoundingClientRect();
      found.push(box ? Math.round(box.width * 1280 / canvas.width) : 0);
    }
    next.click();
  }
  return found;
}"""


@pytest.mark.parametrize("deck", decks())
def test_answering_slides_show_the_rooms_qr_code_and_fit_with_results(browser, answered, deck):
    page = presenter(browser, answered, SIZES[0])
    try:
        open_in_room(page, answered, deck)
        with_results(page)
        for n, (width, height) in enumerate(SIZES):  # one page, resized as a presenter's window would be
            if n:
                resize(page, width, height)
            assert page.evaluate(FITS, [FLOOR, ANSWERING]) == [], f"{width}x{height}"
            back_to_the_start(page)
            sizes = page.evaluate(QR_SIZES)
            assert sizes and min(sizes) >= QR_LEAST, (f"{width}x{height}", sizes)
            back_to_the_start(page)
        assert js_errors(page) == [] and not page.watch.external
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_qr_code_the_room_code_and_the_address_say_how_to_join(browser, room, scheme):
    page = presenter(browser, room)
    try:
        page.emulate_media(color_scheme=scheme)
        open_in_room(page, room, f"plan={next(iter(load_for(ROOT)[0]))}")
        while page.locator(f"{WALL} section.present{ANSWERING}").count() == 0:
            page.keyboard.press("ArrowRight")
        slide = page.locator(f"{WALL} section.present")
        card = slide.locator("[data-deck-join]")
        assert card.get_by_role("img", name="QR code of the room's join address").is_visible()
        assert card.locator("[data-deck-join-code]").inner_text() == room.code
        assert card.locator("[data-deck-join-address]").inner_text() == room.lines["join"].split("://", 1)[1]
        status, join = room.request("GET", f"/room/{room.code}/join")
        assert status == 200 and card.locator("img").get_attribute("src") == join["qr"]
        assert slide.locator("[data-deck-address]").is_hidden()  # the module page's address makes way for the room's
        page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
        assert axe_failures(page) == ""
    finally:
        page.context.close()


def test_outside_a_room_the_slide_keeps_the_pages_address(page, base_url):
    # A tab that remembers a room this server does not run (last week's, say): the room's request fails quietly.
    # (The page's own room script also posts to the same address, to count the tab as joined: not that one.)
    with page.expect_response(lambda r: r.url.endswith("/room/GONE1/join") and r.request.method == "GET") as asked:
        open_deck(page, base_url, "room=GONE1&" + decks()[0])
    assert asked.value.status == 404
    while page.locator(f"{WALL} section.present[data-slide-kind=exercise]").count() == 0:
        page.keyboard.press("ArrowRight")
    slide = page.locator(f"{WALL} section.present")
    assert slide.locator("[data-deck-address]").inner_text().startswith(base_url + "/modules/")
    assert "Open this module's page" in slide.inner_text()
    assert slide.locator("[data-deck-join], [data-deck-in-room]").evaluate_all("n => n.every((e) => e.hidden)")
    assert page.locator(f"{WALL} [data-deck-join] img").count() == 0


def deck_with(activity_id: str) -> str | None:
    """A deck that has the activity's slide: the module page that places it, else a plan that runs it live."""
    for page in sorted((ROOT / "docs" / "modules").glob("*.md")):
        if f"/// activity | {activity_id}\n" in page.read_text(encoding="utf-8"):
            return f"module={int(page.name[:2])}"
    plans, _ = load_for(ROOT)
    return next((f"plan={p}" for p, plan in plans.items() if any(s.live == activity_id for s in plan.slots)), None)


@pytest.mark.parametrize("kind", ["open", "qa"])
def test_a_busy_rooms_answers_and_questions_still_fit_the_slide(browser, site_dir, tmp_path, kind):
    from room_kit import start_room

    activity = next((a for a in ACTIVITIES.values() if a.kind == kind and deck_with(a.id)), None)
    if activity is None:
        pytest.skip(f"no {kind} activity has a slide in this course")
    room = start_room(tmp_path / "busy.sqlite", site_dir)
    try:
        longest = "So much to say about this " * 20
        for n in range(12):  # a dozen phones, each as long-winded as the activity allows
            sheet = {activity.id: {"answer": f"Phone {n}: {longest}"[:activity.limit]}}
            assert room.answers(f"busy-phone-{n:04d}", sheet)[0] == 200
        status, found = room.request("GET", f"/room/{room.code}/activities", key=room.key)
        for item in found[activity.id].get("answers", []) + found[activity.id].get("questions", []):
            room.request("POST", f"/room/{room.code}/activities/{activity.id}/decide",
                         {"item": item["id"], "state": "shown"}, key=room.key)
        page = presenter(browser, room, SIZES[0])
        try:
            open_in_room(page, room, deck_with(activity.id))
            while page.locator(f'{WALL} section.present[data-activity="{activity.id}"]').count() == 0:
                page.keyboard.press("ArrowRight")
            more = page.locator(f'{WALL} section.present [data-room-results] .room-result-more')
            more.wait_for()
            assert more.inner_text().startswith("and ") and "on the wall" in more.inner_text()
            for n, (width, height) in enumerate(SIZES):
                if n:
                    resize(page, width, height)
                else:
                    back_to_the_start(page)
                assert page.evaluate(FITS, [FLOOR, f'[data-activity="{activity.id}"]']) == [], f"{width}x{height}"
        finally:
            page.context.close()
    finally:
        room.stop()
