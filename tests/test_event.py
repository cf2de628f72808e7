"""The event on the handouts (mingle.course.event): event.yml read strictly, flags on top, problems named."""

from __future__ import annotations

import pytest

from mingle.errors import MingleError, Problem
from mingle.course.event import Event, load_event

NO_FLAGS = {"title": None, "date": None, "venue": None, "presenter": None, "plan": None, "start": None}


def event_file(tmp_path, text: str):
    path = tmp_path / "event.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path) -> list[Problem]:
    with pytest.raises(MingleError) as caught:
        load_event(path, NO_FLAGS)
    return caught.value.problems


def test_without_a_file_or_flags_the_defaults_stand():
    assert load_event(None, NO_FLAGS) == Event()


def test_the_file_fills_the_details_trimmed(tmp_path):
    path = event_file(tmp_path, "title: ' Social media night '\ndate: 4 March\nvenue: The Crown\nplan: 90\n"
                                "start: '18:30'\n")
    assert load_event(path, NO_FLAGS) == Event(title="Social media night", date="4 March", venue="The Crown",
                                               plan="90", start="18:30")


def test_flags_win_over_the_file(tmp_path):
    path = event_file(tmp_path, "venue: The Crown\nstart: '18:30'\n")
    got = load_event(path, {**NO_FLAGS, "venue": " Town hall ", "start": "09:15"})
    assert (got.venue, got.start) == ("Town hall", "09:15")


def test_an_empty_file_is_no_details(tmp_path):
    assert load_event(event_file(tmp_path, "# nothing yet\n"), NO_FLAGS) == Event()


def test_an_unknown_key_is_named_with_the_keys_it_could_be(tmp_path):
    path = event_file(tmp_path, "title: A\nplace: The Crown\n")
    assert problems(path) == [Problem(str(path), "place", "unknown key; expected one of: title, date, venue, "
                                                           "presenter, plan, start")]


def test_a_list_where_text_belongs_is_named(tmp_path):
    path = event_file(tmp_path, "presenter: [Ada, Grace]\n")
    assert problems(path) == [Problem(str(path), "presenter", "expected text")]


def test_a_start_that_is_no_clock_time_is_named(tmp_path):
    path = event_file(tmp_path, "start: half past six\n")
    assert problems(path) == [Problem(str(path), "start", "expected HH:MM on the 24-hour clock, such as 09:30")]


def test_a_file_that_is_not_a_mapping_is_named(tmp_path):
    path = event_file(tmp_path, "- title\n- date\n")
    assert problems(path) == [Problem(str(path), "", "expected a mapping of event details")]


def test_broken_yaml_names_the_file_and_line(tmp_path):
    path = event_file(tmp_path, "title: A\r\ntitle: B\r\n")
    assert [str(p) for p in problems(path)] == [f"{path}: not valid YAML at line 2, column 1: duplicate key 'title'"]


def starts(root) -> dict[str, set[str]]:
    """When each place a session's times show says it starts: the printed agenda, the site's Agenda page and the
    plans' decks (their data and their agenda slides)."""
    import json
    import xml.etree.ElementTree as etree

    from mingle.course.event import kit_event
    from mingle.handouts import booklet
    from mingle.handouts.build import read_kit
    from mingle.site import readings
    from mingle.site.deck import deck

    event = kit_event(root)
    kit = read_kit(root, event)
    printed = etree.Element("div")
    booklet._agenda(printed, kit, event)
    captions = {c.text.rsplit(" from ", 1)[1] for c in printed.iter("caption")}
    source = deck(root, kit.exercises)
    plans = source.findall(".//*[@data-deck-plan]")
    first_slots = {json.loads(p.get("data-slots"))[0]["start"] for p in plans}
    agenda_slides = {p.find(".//*[@data-slide-kind='agenda']//*[@data-deck-clock]").text for p in plans}
    return {"printed": captions, "site": {readings.plans(root)[1]}, "deck": {p.get("data-start") for p in plans},
            "deck slots": first_slots, "agenda slides": agenda_slides}


@pytest.mark.parametrize("start", ["13:05", ""])
def test_the_printed_agenda_the_agenda_page_and_the_plans_decks_start_at_the_same_time(course_copy, start):
    from mingle.course.agenda import load_for

    (course_copy / "event.yml").write_text(f"start: '{start}'\n", encoding="utf-8")
    expected = start or load_for(course_copy)[1]  # empty: the plans' default in data/sessions.yml
    assert starts(course_copy) == {place: {expected} for place in
                                   ("printed", "site", "deck", "deck slots", "agenda slides")}
