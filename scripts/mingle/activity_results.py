"""A live activity's responses: whether one is fit to keep, and the room's results from them (never a name)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from mingle.model import Activity

WORD_LONGEST = 30
# A word is letters and digits, with an apostrophe or hyphen inside (don't, well-known); ends are trimmed of the rest.
WORD = re.compile(r"^[\w][\w'’-]*$")
EDGES = ".,;:!?\"'“”‘’()[]{}…*_#"
STATES = ("waiting", "shown", "hidden", "answered")  # what the presenter has done with an answer or a question


def clean_word(raw: str) -> str:
    """A word as the wall shows and counts it: NFKC, trimmed of punctuation at its ends, lower case."""
    return unicodedata.normalize("NFKC", raw).strip().strip(EDGES).casefold()


def response_problem(activity: Activity, value) -> str:
    """What is wrong with one response for this activity, in one line ('' when it is fit to keep)."""
    kind = activity.kind
    if kind == "poll":
        ids = {o.id for o in activity.options}
        picked = value if activity.several else [value]
        if activity.several and (not isinstance(value, list) or not value):
            return "expected a list of one or more option ids"
        if not all(isinstance(v, str) and v in ids for v in picked):
            return f"expected {'option ids' if activity.several else 'an option id'} from: {', '.join(sorted(ids))}"
        if len(set(picked)) != len(picked):
            return "lists an option more than once"
        return ""
    if kind == "scale":
        low, high = activity.scale.min, activity.scale.max
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"expected a whole number from {low} to {high}"
        return ""
    if kind == "words":
        words = [value] if isinstance(value, str) else value
        if not isinstance(words, list) or not 1 <= len(words) <= activity.words:
            return f"expected from 1 to {activity.words} word{'s' if activity.words > 1 else ''}"
        for word in words:
            if not isinstance(word, str) or not WORD.match(clean_word(word)) or len(clean_word(word)) > WORD_LONGEST:
                return f"expected single words of up to {WORD_LONGEST} letters, with no spaces"
        return ""
    if not isinstance(value, str) or not value.strip():
        return "expected some text"
    if len(value) > activity.limit:
        return f"expected at most {activity.limit} characters, got {len(value)}"
    return ""


def item_id(activity_id: str, owner: str) -> str:
    """A stable id for an answer or a question that says nothing of who sent it."""
    return hashlib.blake2b(f"{activity_id}\0{owner}".encode(), digest_size=6).hexdigest()


def tally(activity: Activity, responses: Mapping[str, object], blocked: Iterable[str] = (),
          states: Mapping[str, str] | None = None, questions: Iterable[tuple[str, str, int]] = ()) -> dict:
    """The room's results for one activity, for the presenter (every answer and its state).

    `responses`: each phone's latest response, by its client id; `states`: what the presenter decided, by item id
    (and, for a word cloud, by word: `hidden`); `questions`: a Q&A's (question id, text, votes)."""
    states = states or {}
    result: dict = {"kind": activity.kind, "responses": len(responses)}
    if activity.kind in ("poll", "scale"):
        keys = ([o.id for o in activity.options] if activity.kind == "poll"
                else [str(v) for v in range(activity.scale.min, activity.scale.max + 1)])
        picked = (value if isinstance(value, list) else [value] for value in responses.values())
        counts = Counter(str(v) for values in picked for v in values)
        result["counts"] = {key: counts.get(key, 0) for key in keys}
    elif activity.kind == "words":
        kept = {clean_word(w) for w in blocked}
        words = Counter(clean_word(w) for value in responses.values()
                        for w in ([value] if isinstance(value, str) else value))
        result["words"] = {w: n for w, n in sorted(words.items(), key=lambda p: (-p[1], p[0]))
                           if w not in kept and states.get(w) != "hidden"}
        result["hidden"] = sorted(w for w in words if w not in kept and states.get(w) == "hidden")
    elif activity.kind == "open":
        result["answers"] = [{"id": item_id(activity.id, client), "text": text,
                              "state": states.get(item_id(activity.id, client), "waiting")}
                             for client, text in responses.items()]
    else:
        result["responses"] = 0
        result["questions"] = []
        for qid, text, votes in questions:
            result["responses"] += 1
            result["questions"].append({"id": qid, "text": text, "votes": votes, "state": states.get(qid, "waiting")})
        result["questions"].sort(key=lambda q: (q["state"] == "answered", -q["votes"]))
    return result


def on_the_wall(result: dict) -> dict:
    """What the wall may show of a result: open answers and questions only once the presenter let them through."""
    shown = {k: v for k, v in result.items() if k != "hidden"}
    if "answers" in shown:
        shown["answers"] = [{"id": a["id"], "text": a["text"]} for a in shown["answers"] if a["state"] == "shown"]
    if "questions" in shown:
        shown["questions"] = [{"id": q["id"], "text": q["text"], "votes": q["votes"],
                               "answered": q["state"] == "answered"}
                              for q in shown["questions"] if q["state"] in ("shown", "answered")]
    return shown
