"""The icebreaker's guest cards: read data/guest-cards.yml and render the cards to cut out (element trees)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from mingle import reading
from mingle.errors import Problem, ProblemsError
from mingle.render import element

FORMAT = "mingle.guest-cards/1"
CARD_TEXT = ("id", "name", "habit", "role", "line")


@dataclass(frozen=True)
class Card:
    """One guest: who they are, what they do at the party and the habit they get wrong."""

    id: str
    name: str
    habit: str
    role: str
    actions: tuple[str, ...]
    line: str


@dataclass(frozen=True)
class Deck:
    """Every card plus the heading and reminder printed on each."""

    heading: str
    reminder: str
    cards: tuple[Card, ...]


def load_cards(path: Path) -> Deck:
    """The cards in a guest-cards file; any problem raises, naming the file and the key."""
    path = Path(path)
    data = reading.read_yaml(path)
    problems = []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProblemsError([Problem(str(path), "format", f"expected format: {FORMAT}")])
    cards = []
    for index, raw in enumerate(data.get("cards") or []):
        key = f"cards[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(str(path), key, "expected a mapping"))
            continue
        # Blank text ("  ") is as missing as none: it would print as an empty card.
        missing = [k for k in (*CARD_TEXT, "actions")
                   if not raw.get(k) or (isinstance(raw[k], str) and not raw[k].strip())]
        bad = [k for k in CARD_TEXT if k in raw and not isinstance(raw[k], str)]
        actions = raw.get("actions")
        if not isinstance(actions, list) or not all(isinstance(a, str) and a.strip() for a in actions):
            bad.append("actions")
        for k in sorted(set(missing) | set(bad)):
            problems.append(Problem(str(path), f"{key}.{k}", "expected non-empty text" if k != "actions"
                                    else "expected a list of lines of text"))
        if not missing and not bad:
            cards.append(Card(*(raw[k].strip() for k in CARD_TEXT[:4]), tuple(a.strip() for a in actions),
                              raw["line"].strip()))
    for k in ("heading", "reminder"):
        if not isinstance(data.get(k), str) or not data[k].strip():
            problems.append(Problem(str(path), k, "expected non-empty text"))
    if not cards and not problems:
        problems.append(Problem(str(path), "cards", "expected a list of cards"))
    if problems:
        raise ProblemsError(problems)
    return Deck(data["heading"].strip(), data["reminder"].strip(), tuple(cards))


def guest_cards(deck: Deck) -> etree.Element:
    """The cards, each a bordered box with a dashed cutting line, two to a row on paper."""
    box = element(None, "div", class_="mingle-guest-cards")
    for card in deck.cards:
        one = element(box, "div", class_="mingle-guest-card", data_guest=card.id)
        element(one, "p", deck.heading, class_="mingle-guest-heading")
        element(one, "p", card.name, class_="mingle-guest-name")
        element(one, "p", card.role, class_="mingle-guest-role")
        steps = element(one, "ul", class_="mingle-guest-actions")
        for action in card.actions:
            element(steps, "li", action)
        line = element(one, "p", None, class_="mingle-guest-line")
        element(line, "span", "Try saying: ", class_="mingle-guest-label")
        element(line, "q", card.line.strip("\"“”"))
        element(one, "p", deck.reminder, class_="mingle-guest-reminder")
        element(one, "p", f"The habit this guest forgets: {card.habit}", class_="mingle-guest-habit")
    return box
