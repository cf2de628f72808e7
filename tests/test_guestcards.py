"""The icebreaker's guest cards (mingle.course.guestcards): read strictly, every problem named, rendered as text."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest
import yaml

from mingle.errors import MingleError, Problem
from mingle.course.guestcards import Deck, guest_cards, load_cards

CARD = {"id": "shouter", "name": "The shouter", "habit": "Interact", "role": "Talks over everyone.",
        "actions": ["Tell the room about your offer.", "Never ask a question."], "line": '"Buy now!"'}


def deck(path, **changes) -> object:
    """Write a cards file (the one card above, with changes) and read it."""
    data = {"format": "mingle.guest-cards/1", "heading": "Mingle guest", "reminder": "Stay in role.",
            "cards": [CARD], **changes}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_cards(path)


def problems(path, **changes) -> list[Problem]:
    with pytest.raises(MingleError) as caught:
        deck(path, **changes)
    return caught.value.problems


def test_a_good_file_reads_as_cards_with_text_trimmed(tmp_path):
    read = deck(tmp_path / "cards.yml", cards=[{**CARD, "name": "  The shouter  "}])
    assert read == Deck("Mingle guest", "Stay in role.", (read.cards[0],))
    card = read.cards[0]
    assert (card.id, card.name, card.habit, card.actions) == ("shouter", "The shouter", "Interact",
                                                              tuple(CARD["actions"]))


def test_a_file_of_another_format_is_refused(tmp_path):
    assert problems(tmp_path / "c.yml", format="mingle.guest-cards/2") == [
        Problem(str(tmp_path / "c.yml"), "format", "expected format: mingle.guest-cards/1")]


@pytest.mark.parametrize("key", ["id", "name", "habit", "role", "line"])
def test_each_missing_or_blank_text_is_named_by_card_and_key(tmp_path, key):
    path = tmp_path / "c.yml"
    assert problems(path,
                    cards=[CARD, {**CARD, "id": "other", key: "  "}]) == [Problem(str(path), f"cards[1].{key}",
                                                                                  "expected non-empty text")]


def test_actions_must_be_a_list_of_text(tmp_path):
    path = tmp_path / "c.yml"
    for actions in ("Shout.", ["Shout.", 3], ["Shout.", " "]):
        assert problems(path, cards=[{**CARD, "actions": actions}]) == [
            Problem(str(path), "cards[0].actions", "expected a list of lines of text")]


def test_a_card_that_is_not_a_mapping_and_a_missing_heading_are_both_named(tmp_path):
    path = tmp_path / "c.yml"
    assert problems(path, cards=[CARD, "shouter"], heading="") == [
        Problem(str(path), "cards[1]", "expected a mapping"), Problem(str(path), "heading", "expected non-empty text")]


def test_no_cards_at_all_is_a_problem(tmp_path):
    assert problems(tmp_path / "c.yml",
                    cards=[]) == [Problem(str(tmp_path / "c.yml"), "cards", "expected a list of cards")]


def test_broken_yaml_names_the_file_and_line(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text("format: mingle.guest-cards/1\nheading: A\nheading: B\n", encoding="utf-8")
    with pytest.raises(MingleError) as caught:
        load_cards(path)
    said = f"{path}: not valid YAML at line 3, column 1: duplicate key 'heading'"
    assert [str(p) for p in caught.value.problems] == [said]


def test_the_cards_render_every_part_as_text(tmp_path):
    read = deck(tmp_path / "c.yml", cards=[{**CARD, "name": "<b>Shouter</b>"}])
    html = etree.tostring(guest_cards(read), encoding="unicode")
    assert html.count('class="mingle-guest-card"') == 1 and 'data-guest="shouter"' in html
    assert "&lt;b&gt;Shouter&lt;/b&gt;" in html and "<b>" not in html
    assert "<li>Tell the room about your offer.</li><li>Never ask a question.</li>" in html
    assert "<q>Buy now!</q>" in html  # the file's own quotation marks give way to the element's
    assert "The habit this guest forgets: Interact" in html and "Stay in role." in html and "Mingle guest" in html
