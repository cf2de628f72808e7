"""Phones in a live room, as Playwright contexts against a real `mingle room`: each check reaches the room and
says so, the room's score equals the page's, checking again replaces, and an unreachable room loses nothing."""

from __future__ import annotations

import pytest
from test_js_support import EXERCISES, exercise_pages, form_answers

pytestmark = pytest.mark.browser
PAGES = exercise_pages()
EXERCISE = sorted(EXERCISES)[0]



def phone(browser, room, name: str):
    """A phone that scanned the QR code (opened the join address) and typed its name on an exercise page."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(room.lines["join"])
    page.goto(room.base + PAGES[EXERCISE])
    page.locator(f'form[data-exercise="{EXERCISE}"] [data-role=learner-name]').fill(name)
    return context, page


def check(page, answers: dict) -> None:
    """Give these answers and press Check."""
    page.evaluate("([id, a]) => Mingle.exercise.apply(document.querySelector(`form[data-exercise='${id}']`), a)",
                  [EXERCISE, answers])
    page.locator(f'form[data-exercise="{EXERCISE}"] [data-action=check]').click()


def room_line(page):
    return page.locator(f'form[data-exercise="{EXERCISE}"] [role=status] .mingle-room')


def test_three_phones_send_as_they_check_and_the_last_check_counts(browser, room):
    import random
    phones = [phone(browser, room, f"Phone {n}") for n in range(3)]
    try:
        scores = {}
        for n, (_, page) in enumerate(phones):
            check(page, form_answers(EXERCISES[EXERCISE], random.Random(n)))
            page.wait_for_function("el => el.textContent.startsWith('Sent to the room')",
                                   arg=room_line(page).element_handle())
            scores[f"Phone {n}"] = int(page.locator(f'form[data-exercise="{EXERCISE}"]').get_attribute("data-score"))
        _, first = phones[0]
        check(first, {})  # checking again with nothing answered replaces the first phone's answers
        first.wait_for_function("el => el.textContent.startsWith('Sent')", arg=room_line(first).element_handle())
        scores["Phone 0"] = 0
        learners = {e["learner"]: e for e in room.results()["learners"]}
        assert {n: learners[n]["exercises"][EXERCISE]["score"] for n in scores} == scores
        assert len([e for e in learners if e.startswith("Phone ")]) == 3
        said = f"Sent to the room ({room.code}). Checking again replaces these answers."
        assert room_line(first).text_content() == said
    finally:
        for context, _ in phones:
            context.close()


def test_an_unreachable_room_keeps_the_answers_and_sends_them_when_back(browser, room):
    context, page = phone(browser, room, "Offline Olive")
    try:
        context.set_offline(True)
        check(page, {})
        page.wait_for_function("el => el.textContent.includes(\"can't be reached\")",
                               arg=room_line(page).element_handle())
        assert page.locator(f'form[data-exercise="{EXERCISE}"]').get_attribute("data-score") == "0"  # marked as before
        context.set_offline(False)
        page.wait_for_function("el => el.textContent.startsWith('Sent')", arg=room_line(page).element_handle(),
                               timeout=20000)
        assert "Offline Olive" in {e["learner"] for e in room.results()["learners"]}
    finally:
        context.close()


def test_a_page_not_opened_from_a_room_sends_nothing(page, room):
    sent = []
    page.on("request", lambda r: "/room/" in r.url and sent.append(r.url))
    page.goto(room.base + PAGES[EXERCISE])
    check(page, {})
    page.wait_for_function(f"document.querySelector('form[data-exercise=\"{EXERCISE}\"]').dataset.score")
    assert sent == [] and room_line(page).count() == 0
    assert page.watch.errors == [] and page.watch.external == []
