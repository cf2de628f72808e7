"""A phone's sheet held to the room's exercises before it is stored: known items only, answers no longer than the
item allows, flat and finite values, and a name cleaned so that two names that look the same are the same.

What passes may still hold answers the scorer calls invalid (a wrong option, say): those score 0 and are listed,
as in `mingle grade`. What is refused here could only bloat the database and the live view."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping

from mingle.errors import Refused
from mingle.marking.sheets import NO_NAME, clean_name, oneline
from mingle.model import TEXT_LIMIT, Exercise, Item

ID_LIMIT = 200  # characters in an answer to anything but a text item: option ids are short words
SLACK = 16 * 1024  # bytes of a sheet besides its answers: format, name, client id, JSON punctuation
LEAST = 128 * 1024  # bytes: the smallest body limit, however small the kit (a sheet's own checks say more than 413)
# Characters that draw nothing or turn the text's direction: "Alice" and "Alice" with a zero-width space must
# be one name. The zero-width joiner stays inside emoji (a family, a flag), its only visible use.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200c\u200e\u200f"
                       "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0e\ufeff\uffa0\U000e0000-\U000e0fff]"
                       "|(?<![\u2600-\u27bf\ufe0f\U0001f000-\U0001faff])\u200d")


def learner_name(raw: str) -> str:
    """A name fit to show: NFKC-normalised (as RFC 8266 does for nicknames: a full-width "Ａ" is "A"), invisible
    and direction characters removed, and the grader's own cleaning; "(no name)" when nothing is left."""
    name = INVISIBLE.sub("", unicodedata.normalize("NFKC", raw))
    return clean_name(name) if name.strip() else NO_NAME


def sheet_limit(exercises: Mapping[str, Exercise]) -> int:
    """The most bytes a real sheet of these exercises can take: every text item full, every character a JSON
    escape (six bytes), every other answer at its longest."""
    size = SLACK
    for exercise in exercises.values():
        size += 256
        for item in exercise.items:
            size += 64 + (6 * TEXT_LIMIT if item.kind == "text" else 8 * max(1, len(exercise.options_for(item))) * 64)
    return max(LEAST, size)


def _scalar(value, limit: int, where: str) -> None:
    """Refuse a value no item takes: nested, not a number, or text past the item's limit."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Refused(422, f"{where}: expected an answer, got {value!r}")
    if isinstance(value, str) and len(value) > limit:
        raise Refused(422, f"{where}: {len(value):,} characters, but an answer here may have at most {limit:,}")
    if isinstance(value, (dict, list)):
        nested = "list" if isinstance(value, list) else "mapping"
        raise Refused(422, f"{where}: expected an answer, got a nested {nested}")


def _answer(exercise: Exercise, item: Item, value, where: str) -> None:
    """Hold one answer to its item's limits (its type and option are the scorer's to judge)."""
    limit = TEXT_LIMIT if item.kind == "text" else ID_LIMIT
    if not isinstance(value, list):
        _scalar(value, limit, where)
        return
    most = max(1, len(exercise.options_for(item)))
    if len(value) > most:
        raise Refused(422, f"{where}: {len(value):,} choices, but this item has only {most}")
    for one in value:
        _scalar(one, limit, where)


def fit(answers: Mapping[str, Mapping], exercises: Mapping[str, Exercise]) -> None:
    """Refuse, in one line naming the place, a sheet that does not fit its exercises (the caller has refused ids
    it does not know; an id that is not an exercise, such as a live activity's, is for its own checks)."""
    for exercise_id, items in answers.items():
        exercise = exercises.get(exercise_id)
        if exercise is None:
            continue
        for item_id, value in items.items():
            where = f"answers.{exercise_id}.{oneline(item_id)[:40]}"
            item = exercise.item(item_id)
            if item is None:
                raise Refused(422, f"{where}: no such item in this exercise")
            _answer(exercise, item, value, where)
