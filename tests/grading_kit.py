"""A tiny exercise kit for the grader's tests (every item kind, a profile), independent of the real exercises."""

from __future__ import annotations

import json
from pathlib import Path

from mingle.exercises import load_exercises

QUIZ = """\
id: quiz
title: A quick quiz
module: 1
intro: Answer each question.
choices:
  - {id: owner, text: The owner}
  - {id: doer, text: The person who did the work}
items:
  - id: pick
    kind: single
    prompt: Which is a conversation?
    options:
      - {id: ask, text: A question, feedback: "Yes, it invites a reply."}
      - {id: shout, text: A shout, feedback: "No, it only broadcasts."}
      - {id: sell, text: A price list}
    answer: ask
    explain: Questions invite replies.
  - id: several
    kind: multiple
    prompt: Which are good reasons?
    options:
      - {id: listen, text: To listen}
      - {id: help, text: To help}
      - {id: spam, text: To spam, feedback: Not this one.}
      - {id: brag, text: To brag}
    answer: [listen, help]
  - id: who
    kind: match
    prompt: Who should post the story?
    answer: doer
    feedback: The doer knows the story.
  - id: done
    kind: check
    prompt: I replied to every comment.
    feedback: Reply to every comment.
  - id: write
    kind: text
    prompt: Rewrite the shout.
    rubric:
      - {id: asks, text: It asks a question.}
      - {id: kind-words, text: It sounds kind.}
bands:
  - {min: 0, max: 3, label: Keep going, advice: Read the module again.}
  - {min: 4, max: 7, label: Well done, advice: Try it this week.}
"""

PROFILE = """\
id: profile
title: Which guest?
module: 2
intro: Rate each statement.
scale:
  min: 0
  max: 4
  labels: [Never, Rarely, Sometimes, Often, Always]
dimensions:
  - {id: wall, label: The wall-hugger, advice: Join in more.}
  - {id: shout, label: The shouter, advice: Listen more.}
items:
  - {id: joins, kind: rating, dimension: wall, prompt: I join discussions.}
  - {id: hides, kind: rating, dimension: wall, reverse: true, prompt: I stay quiet.}
  - {id: listens, kind: rating, dimension: shout, prompt: I ask what people think.}
bands:
  - {min: 0, max: 5, label: At the edge, advice: Start small.}
  - {min: 6, max: 12, label: Mingling, advice: Keep it up.}
"""

FORMAT = "mingle.answers/1"
GOOD = {"format": FORMAT, "learner": "Good Learner",
        "answers": {"quiz": {"pick": "ask", "several": ["listen", "help"], "who": "doer", "done": True,
                             "write": "Where do you sit?", "asks": True, "kind-words": False}}}


def make_kit(folder: Path) -> Path:
    """Write the kit's exercise files into folder/exercises and return that folder."""
    target = folder / "exercises"
    target.mkdir(parents=True, exist_ok=True)
    (target / "quiz.yml").write_text(QUIZ, encoding="utf-8")
    (target / "profile.yml").write_text(PROFILE, encoding="utf-8")
    return target


# A pair of checks, before and after: the same three questions asked in new words. The check after sorts first by
# name, so only the modules say which comes first.
_CHECK = """\
id: {id}
title: {title}
module: {module}
intro: Three quick questions.
pair: {pair}
items:
  - id: reply
    kind: single
    prompt: {reply}
    options:
      - {{id: ask, text: One that asks a question}}
      - {{id: offer, text: One that makes an offer}}
    answer: ask
  - id: trust
    kind: single
    prompt: {trust}
    options:
      - {{id: know, text: "Know, like, trust"}}
      - {{id: trust, text: "Trust, like, know"}}
    answer: know
  - id: habit
    kind: single
    prompt: {habit}
    options:
      - {{id: weekly, text: A short slot each week}}
      - {{id: burst, text: A big push now and then}}
    answer: weekly
bands:
  - {{min: 0, max: 1, label: Starting out, advice: The course covers each idea.}}
  - {{min: 2, max: 3, label: Well on the way, advice: Keep going.}}
"""
BEFORE = _CHECK.format(id="start", title="Before we begin", module=0, pair="end",
                       reply="Which post invites a reply?", trust="In what order do people come to buy?",
                       habit="Which habit lasts?")
AFTER = _CHECK.format(id="end", title="After the session", module=7, pair="start",
                      reply="Which of these starts a conversation?", trust="What comes before trust?",
                      habit="Which plan keeps going?")


def make_paired_kit(folder: Path) -> Path:
    """The kit's exercises with a pair of checks (start, before; end, after) beside them, in folder/exercises."""
    target = make_kit(folder)
    (target / "start.yml").write_text(BEFORE, encoding="utf-8")
    (target / "end.yml").write_text(AFTER, encoding="utf-8")
    return target


def kit(folder: Path) -> dict:
    """The kit's exercises, loaded (and so validated) by the real loader."""
    return load_exercises(make_kit(folder))


def sheet(learner: str = "Ada", **answers) -> dict:
    """An answer sheet as the site writes it."""
    return {"format": FORMAT, "learner": learner, "answers": answers}


def write_sheet(path: Path, data) -> Path:
    """Write a sheet (or any JSON value) as JSON text."""
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
