"""Presenter view and present mode in real Chromium: notes per view, a remembered toggle, keyboard slides, axe."""

from __future__ import annotations

import re

import pytest
from conftest import AXE_OPTIONS
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

MODULE = "/modules/03-the-cocktail-party/"
TOGGLE = '.mingle-toolbar [data-action="presenter-view"]'
NOTES = ".md-content .mingle-facilitator"


def axe_failures(page) -> str:
    """Axe's WCAG 2.1 AA violations, one line each (empty when there are none)."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return "\n".join(f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
                     for v in results.response["violations"])


def notes_visible(page) -> list[bool]:
    """Whether each facilitator note on the page is shown."""
    return [page.locator(NOTES).nth(i).is_visible() for i in range(page.locator(NOTES).count())]


# --- presenter view ---------------------------------------------------------------------------------

def test_learners_do_not_see_facilitator_notes(page, base_url):
    page.goto(base_url + MODULE)
    assert page.locator(NOTES).count() >= 1
    assert not any(notes_visible(page))
    assert page.get_attribute(TOGGLE, "aria-pressed") == "false"
    assert not page.watch.errors


def test_presenter_view_shows_notes_and_is_remembered(page, base_url):
    page.goto(base_url + MODULE)
    page.click(TOGGLE)
    assert page.get_attribute(TOGGLE, "aria-pressed") == "true"
    assert all(notes_visible(page))
    assert "presenter only" in page.evaluate(
        "getComputedStyle(document.querySelector('.mingle-facilitator .mingle-block-title'), '::after').content")
    assert page.evaluate("localStorage.getItem('mingle:v1:presenter')") == "true"
    page.reload()
    assert page.get_attribute(TOGGLE, "aria-pressed") == "true" and all(notes_visible(page))
    page.click(TOGGLE)
    assert page.get_attribute(TOGGLE, "aria-pressed") == "false" and not any(notes_visible(page))
    page.reload()
    assert not any(notes_visible(page))
    assert not page.watch.errors


def test_the_toggle_works_from_the_keyboard(page, base_url):
    page.goto(base_url + MODULE)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.action") == "presenter-view":
            break
    else:
        pytest.fail("the presenter view toggle is not reachable with Tab")
    page.keyboard.press("Enter")
    assert page.get_attribute(TOGGLE, "aria-pressed") == "true"
    page.keyboard.press("Space")
    assert page.get_attribute(TOGGLE, "aria-pressed") == "false"


def test_presenter_view_survives_instant_navigation(page, base_url):
    page.goto(base_url + MODULE)
    page.click(TOGGLE)
    page.locator(".md-nav__link", has_text="The busy square").first.click()
    page.wait_for_url("**/04-the-busy-square/")
    page.locator("article h1", has_text="The busy square").wait_for()  # the new page, not the old one still shown
    page.wait_for_selector(f"{TOGGLE}:visible")
    assert page.get_attribute(TOGGLE, "aria-pressed") == "true"
    assert all(notes_visible(page)) and notes_visible(page)
    assert not page.watch.errors


def test_stored_junk_is_ignored_and_cleared(page, base_url):
    page.goto(base_url + MODULE)
    page.evaluate("localStorage.setItem('mingle:v1:presenter', '<img src=x onerror=alert(1)>')")
    page.reload()
    assert not any(notes_visible(page))
    assert page.evaluate("localStorage.getItem('mingle:v1:presenter')") is None


def test_printing_shows_worksheets_not_forms_and_notes_only_in_presenter_view(page, base_url):
    page.goto(base_url + MODULE)
    page.emulate_media(media="print")
    assert not page.locator(".mingle-exercise").first.is_visible()
    assert page.locator(".mingle-worksheet").first.is_visible()
    assert not page.locator(".mingle-toolbar").is_visible()
    assert not any(notes_visible(page))
    page.emulate_media(media="screen")
    page.click(TOGGLE)
    page.emulate_media(media="print")
    assert all(notes_visible(page))
    label = page.evaluate("getComputedStyle(document.querySelector('.mingle-facilitator .mingle-block-title'),"
                          " '::after').content")
    assert "not for learners" in label


def test_presenter_view_has_no_axe_violations(page, base_url):
    page.goto(base_url + MODULE)
    page.click(TOGGLE)
    assert axe_failures(page) == ""


# --- present mode ---------------------------------------------------------------------------------

def enter_present_mode(page, base_url, presenter: bool = False):
    """Open the module and start present mode from the toolbar button."""
    page.goto(base_url + MODULE)
    if presenter:
        page.click(TOGGLE)
    page.click('[data-action="present"]')
    page.wait_for_selector(".mingle-present")


def counter(page) -> tuple[int, int]:
    """(current section, sections) from the counter's text."""
    match = re.fullmatch(r"Slide (\d+) of (\d+)", page.locator(".mingle-present-counter").inner_text())
    assert match, page.locator(".mingle-present-counter").inner_text()
    return int(match.group(1)), int(match.group(2))


def test_present_mode_steps_through_every_section_by_keyboard(page, base_url):
    page.goto(base_url + MODULE)
    headings = page.locator("article h2").all_inner_texts()
    enter_present_mode(page, base_url)
    dialog = page.get_by_role("dialog", name=re.compile("^Present mode"))
    assert dialog.get_attribute("aria-modal") == "true"
    assert counter(page) == (1, len(headings) + 1)
    assert page.locator(".mingle-slide:visible .mingle-slide-wall h1").inner_text() == "The cocktail party"
    seen = []
    keys = ["ArrowRight", "PageDown", "Space"]
    for step in range(len(headings)):
        page.keyboard.press(keys[step % 3])
        assert counter(page) == (step + 2, len(headings) + 1)
        seen.append(page.locator(".mingle-slide:visible .mingle-slide-wall h2").inner_text())
        assert page.locator(".mingle-slide:visible").count() == 1
    assert seen == headings
    page.keyboard.press("ArrowRight")  # past the end: stays on the last section
    assert counter(page)[0] == len(headings) + 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("PageUp")
    assert counter(page)[0] == len(headings) - 1
    page.keyboard.press("Home")
    assert counter(page)[0] == 1
    assert not page.watch.errors


def test_present_mode_shows_a_timer_against_the_modules_minutes(page, base_url):
    page.clock.install()
    enter_present_mode(page, base_url)
    timer = page.locator('.mingle-present-timer[role="timer"]')
    assert re.fullmatch(r"Elapsed 0:0\d of 35 min · 3[45]:\d\d left", timer.inner_text())
    page.clock.run_for("10:00")
    assert re.fullmatch(r"Elapsed 10:0\d of 35 min · 2[45]:\d\d left", timer.inner_text())
    page.clock.run_for("26:00")
    assert re.fullmatch(r"Elapsed 36:0\d of 35 min · over time by 1:0\d", timer.inner_text())


def test_present_mode_shows_the_time_of_day_for_keeping_to_the_agenda(page, base_url):
    page.clock.install(time="2026-11-22T13:58:30")  # local time, as the room's agenda is
    enter_present_mode(page, base_url)
    clock = page.locator(".mingle-present-clock")
    assert clock.inner_text() == "Now 13:58"
    page.clock.run_for("02:00")
    assert clock.inner_text() == "Now 14:00"


def test_the_timer_pauses_for_a_break_and_carries_on(page, base_url):
    page.clock.install()
    enter_present_mode(page, base_url)
    timer = page.locator('.mingle-present-timer[role="timer"]')
    pause = page.get_by_role("button", name="Pause timer")
    assert pause.get_attribute("aria-pressed") == "false"
    page.clock.run_for("05:00")
    page.keyboard.press("p")
    assert re.fullmatch(r"Elapsed 5:0\d of 35 min · 29:5\d left · paused", timer.inner_text())
    assert pause.get_attribute("aria-pressed") == "true"
    page.clock.run_for("15:00")  # a coffee break
    assert re.fullmatch(r"Elapsed 5:0\d of 35 min · 29:5\d left · paused", timer.inner_text())
    pause.click()
    assert pause.get_attribute("aria-pressed") == "false"
    page.clock.run_for("01:02")  # past the next tick of the once-a-second timer
    assert re.fullmatch(r"Elapsed 6:0\d of 35 min · 28:5\d left", timer.inner_text())
    assert counter(page)[0] == 1  # pausing never moves the slides


def test_b_blanks_the_screen_and_an_arrow_brings_the_same_section_back(page, base_url):
    enter_present_mode(page, base_url)
    page.keyboard.press("ArrowRight")
    slide = page.locator(".mingle-slide:not([hidden])")
    overlay = page.locator(".mingle-present")
    for key, back in [("b", "ArrowRight"), (".", "B"), ("B", "PageUp")]:
        page.keyboard.press(key)
        assert "mingle-present--blank" in overlay.get_attribute("class")
        assert not slide.is_visible() and not page.locator(".mingle-present-counter").is_visible()
        assert page.locator(".mingle-present-status").inner_text().startswith("Screen blanked")
        page.keyboard.press(back)
        assert "mingle-present--blank" not in overlay.get_attribute("class")
        assert slide.is_visible() and counter(page)[0] == 2
    assert not page.watch.errors


def test_escape_leaves_present_mode_and_puts_the_page_back(page, base_url):
    page.goto(base_url + MODULE)
    before = page.locator("article").inner_html()
    page.click('[data-action="present"]')
    page.wait_for_selector(".mingle-present")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    assert page.locator(".mingle-present").count() == 0
    assert page.locator("article").inner_html() == before
    assert page.evaluate("document.activeElement.dataset.action") == "present"
    assert page.evaluate("[...document.body.children].some(el => el.inert)") is False


def test_notes_show_in_present_mode_only_in_presenter_view(page, base_url):
    enter_present_mode(page, base_url)
    page.keyboard.press("End")
    while "presenter" not in page.locator(".mingle-slide:visible .mingle-slide-wall h2").inner_text().lower():
        page.keyboard.press("ArrowLeft")
    slide_notes = page.locator(".mingle-slide:visible .mingle-facilitator")
    assert slide_notes.count() == 1 and not slide_notes.is_visible()
    page.click('.mingle-present [data-action="presenter-view"]')
    assert slide_notes.is_visible()
    assert page.get_attribute('.mingle-present [data-action="presenter-view"]', "aria-pressed") == "true"


def test_the_buttons_move_too(page, base_url):
    enter_present_mode(page, base_url)
    page.get_by_role("button", name="Next", exact=True).click()
    assert counter(page)[0] == 2
    page.get_by_role("button", name="Previous", exact=True).click()
    assert counter(page)[0] == 1
    page.get_by_role("button", name="Leave (Esc)").click()
    assert page.locator(".mingle-present").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_present_mode_has_no_axe_violations(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    enter_present_mode(page, base_url, presenter=True)
    assert axe_failures(page) == ""
    page.keyboard.press("End")
    page.keyboard.press("p")  # paused, and the pressed pause button, are checked too
    assert axe_failures(page) == ""
    assert not page.watch.errors
