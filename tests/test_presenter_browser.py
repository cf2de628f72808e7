"""Presenter view in real Chromium: notes per view, a remembered toggle, printing, axe (decks: test_deck_browser.py)."""

from __future__ import annotations

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


# --- the guide says what the toolbar really holds ---------------------------------------------------------------

def guide_tools() -> tuple[str, list[str]]:
    """The guide's count of a module page's buttons, in words, and the buttons it names, in order."""
    import re
    from pathlib import Path

    guide = (Path(__file__).resolve().parent.parent / "docs" / "presenters" / "facilitator-guide.md").read_text(
        encoding="utf-8")
    section = guide.split("## Your tools on the site", 1)[1].split("\n#", 1)[0]
    count = re.search(r"Every module page has (\w+) buttons", section).group(1)
    return count, re.findall(r"^- \*\*(.+?)\*\*", section, re.M)


def toolbar(page) -> list[str]:
    """The labels of the buttons in a page's presenter toolbar, as shown."""
    page.locator(".mingle-toolbar button").first.wait_for()
    return [label.strip() for label in page.locator(".mingle-toolbar button:visible").all_inner_texts()]


def test_the_guide_names_the_buttons_a_module_page_has(page, base_url):
    from mingle.site.ruleblocks import in_words

    count, named = guide_tools()
    page.goto(base_url + MODULE)
    shown = toolbar(page)
    assert shown == named and count == in_words(len(shown))
    page.goto(base_url + "/presenters/facilitator-guide/")
    assert toolbar(page) == named[:1]  # "The presenters' pages … have the first of them only."
    assert not page.watch.errors


def test_notes_with_their_timing_line_have_no_axe_violations(page, base_url):
    page.goto(base_url + "/modules/07-getting-active/")
    page.click(TOGGLE)
    assert page.locator(".mingle-facilitator .mingle-timing").is_visible()
    assert axe_failures(page) == ""
