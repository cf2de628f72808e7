"""Helpers shared by the browser-JS tests: scorer vectors from Python, exercise pages, keyboard driving."""

from __future__ import annotations

import json
import random
from dataclasses import fields, is_dataclass
from pathlib import Path


from mingle.course.coursemap import course_map
from mingle.exercises import load_exercises
from mingle.model import UNSENT, Exercise, Item
from mingle.render import model_dict
from mingle.scoring import Scorer, is_written, passes

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "docs" / "assets" / "mingle"
EXERCISES = load_exercises(ROOT / "exercises")
FIXTURES = load_exercises(ROOT / "tests" / "fixtures" / "exercises")
ALL_MODELS = {**{f"fixture:{k}": v for k, v in FIXTURES.items()}, **EXERCISES}
# Payloads that must stay text wherever they go (name, answers, storage, files).
XSS = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>",
       '"><svg onload=window.__pwned=1>']
# Python's whitespace that JS trim() disagrees about, both ways.
ODD_SPACE = ["\x1c\x1d\x1e\x1f", "\x85 \u3000", "\ufeff", "\u200b", "\xa0\u2028\t"]


def js_errors(page) -> list[str]:
    """Script errors (a missing stylesheet from another part of the site is not ours to judge here)."""
    return [e for e in page.watch.errors if "Failed to load resource" not in e]


def _plain(value):
    """Dataclasses, named tuples and tuples as plain JSON-like data."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def expected(exercise: Exercise, answers) -> dict:
    """The Python scorer's result as plain data, in the fields scoring.js returns."""
    result = _plain(Scorer(exercise).score(answers))
    keys = ("exercise", "score", "max", "band", "unanswered", "invalid", "items", "dimensions", "weakest", "marked",
            "marked_max")
    return json.loads(json.dumps({k: result[k] for k in keys}))


def model(exercise: Exercise) -> dict:
    """The model the browser gets (the form's data-model)."""
    return json.loads(json.dumps(model_dict(exercise)))


def _options(exercise: Exercise, item: Item) -> list[str]:
    return [o.id for o in exercise.options_for(item)]


def right_value(exercise: Exercise, item: Item):
    """The best answer for an item."""
    if item.kind in ("single", "match"):
        return item.answer
    if item.kind == "multiple":
        return list(item.answer)
    if item.kind == "rating":
        return exercise.scale.min if item.reverse else exercise.scale.max
    if item.kind == "check":
        return True
    return "Thanks for asking! Which loaf would you like us to bake for Saturday?"


def wrong_value(exercise: Exercise, item: Item):
    """The worst answer for an item."""
    if item.kind in ("single", "match"):
        return next(o for o in _options(exercise, item) if o != item.answer)
    if item.kind == "multiple":
        return [o for o in _options(exercise, item) if o not in item.answer]
    if item.kind == "rating":
        return exercise.scale.max if item.reverse else exercise.scale.min
    if item.kind == "check":
        return False
    return " \t\n"


def random_value(exercise: Exercise, item: Item, rng: random.Random):
    """Any valid answer for an item."""
    if item.kind in ("single", "match"):
        return rng.choice(_options(exercise, item))
    if item.kind == "multiple":
        options = _options(exercise, item)
        return rng.sample(options, rng.randint(0, len(options)))
    if item.kind == "rating":
        return rng.randint(exercise.scale.min, exercise.scale.max)
    if item.kind == "check":
        return rng.random() < 0.5
    return rng.choice(["I'd ask what they think.", "Zoë's café ☕ asks you 😀", *ODD_SPACE, "", "x" * 5000])


def form_answers(exercise: Exercise, rng: random.Random) -> dict:
    """Random answers a learner can give with the form, as it collects them: blanks are left out, and once
    anything is answered every unticked box is false."""
    answers = {}
    for item in exercise.items:
        if rng.random() < 0.15:
            continue
        value = random_value(exercise, item, rng)
        if item.kind == "text":
            value = rng.choice(["Ask the room a question.", "We would reply to everyone who wrote to us."])
        if value in ([], False):
            continue
        if item.kind == "multiple":
            value = [o for o in _options(exercise, item) if o in value]  # the form lists them in page order
        answers[item.id] = value
    for item in (i for i in exercise.items if i.auto):  # the page's verdict on the words, never the learner's tick
        answers.pop(item.id, None)
        if is_written(answers.get(item.rubric_of)):
            answers[item.id] = passes(item.auto, answers[item.rubric_of])
    if answers:
        answers.update({i.id: False for i in exercise.items if i.kind == "check" and i.id not in answers})
    return answers


def invalid_values(exercise: Exercise, item: Item) -> list:
    """Present values that are wrong for the item (Python floats like 3.0 are left out: JS can't see them)."""
    common = [{"a": 1}, [[1]]]
    if item.kind in ("single", "match"):
        return ["no-such-option", 1, True, [item.answer or _options(exercise, item)[0]], *common]
    if item.kind == "multiple":
        first = _options(exercise, item)[0]
        return [first, [first, first], ["no-such-option"], [1], True, *common]
    if item.kind == "rating":
        scale = exercise.scale
        return [True, False, 2.5, str(scale.max), scale.max + 1, scale.min - 1, [scale.min], *common]
    if item.kind == "check":
        return ["true", 1, 0, [True], *common]
    return [5, True, "x" * 5001, "😀" * 5001, ["text"], *common]


# Written answers at the edges of what the page checks: question marks, word counts (Python's spaces between
# words), capitals and "!!", and mentions in any case.
PAGE_CHECKS = ["x", "Tea?", "tea or coffee?", "TEA or coffee?", "Tea or COFFee?", "Tea!! or coffee?",
               "Tea! Coffee! Now",
               "Which do you like\x1cbest\u3000tea\xa0?", "\u200bcafé crème\u200b please thanks", "CAFÉ CRÈME for two",
               "Tea " * 29 + "?", "Tea " * 30 + "?", "Tea " * 31 + "?", "Ｔｅａ？ coffee later", "İstanbul tea house",
               "ΣΑΣ coffee time", "a b c", " \t tea  coffee \n"]
UNKNOWN = {"zzz": 1, "Aaa": "x", "élan": True, "😀": [], "\uffff": 0, "a": None, "0": "0"}


def vectors() -> list[tuple[str, str, object]]:
    """(model key, vector name, answers): several dozen per exercise, every kind at its edges."""
    found = []
    for key, ex in ALL_MODELS.items():
        rng = random.Random(key)
        found.append((key, "empty", {}))
        found.append((key, "not-a-mapping", ["a"]))
        found.append((key, "all-right", {i.id: right_value(ex, i) for i in ex.items}))
        found.append((key, "all-wrong", {i.id: wrong_value(ex, i) for i in ex.items}))
        found.append((key, "all-null", {i.id: None for i in ex.items}))
        for n in range(5):
            found.append((key, f"random-{n}",
                          {i.id: random_value(ex, i, rng) for i in ex.items if rng.random() < 0.85}))
        for n, item in enumerate(ex.items):
            for m, bad in enumerate(invalid_values(ex, item)):
                answers = {i.id: right_value(ex, i) for i in ex.items}
                answers[item.id] = bad
                found.append((key, f"invalid-{item.id}-{m}", answers))
        found.append((key, "unknown-keys", {**{i.id: random_value(ex, i, rng) for i in ex.items}, **UNKNOWN}))
        texts = [i for i in ex.items if i.kind == "text"]
        for n, space in enumerate(ODD_SPACE + ["😀" * 5000]):
            if texts:
                found.append((key, f"text-{n}", {texts[0].id: space}))
        rubric = [i for i in ex.items if i.rubric_of]
        if rubric:  # a rubric point counts only beside written text: blank, odd space, invalid or none at all
            ticks = {i.id: True for i in rubric}
            found.append((key, "ticked-nothing-written", ticks))
            for n, blank in enumerate(["", " \t\n", *ODD_SPACE, "x" * 5001, 5]):
                found.append((key, f"ticked-text-{n}", {**ticks, **{t.id: blank for t in texts}}))
            found.append((key, "ticked-first-text-only", {**ticks, texts[0].id: "We asked them."}))
        autos = [i for i in ex.items if i.auto]
        if autos:  # points the page checks, judged from the words (each test at its edges), whatever the ticks say
            for n, words in enumerate(PAGE_CHECKS):
                for ticks in (True, False, None, "yes"):
                    found.append((key, f"page-checks-{n}-{ticks}",
                                  {**{t.id: words for t in texts}, **{i.id: ticks for i in autos}}))
            for ticks in (True, False):  # a code sent without the words: the page's verdict stands
                found.append((key, f"page-checks-unsent-{ticks}",
                              {**{t.id: UNSENT for t in texts}, **{i.id: ticks for i in autos}}))
        if ex.dimensions:
            ratings = [i for i in ex.items if i.kind == "rating"]
            for value in range(ex.scale.min, ex.scale.max + 1):
                found.append((key, f"flat-{value}", {i.id: value for i in ratings}))
    return found


def exercise_pages() -> dict[str, str]:
    """Exercise id -> URL path of the page that shows it (from the Markdown, as the progress block reads it)."""
    placed, _, _ = course_map(str(ROOT / "docs"))
    return {ex: "/" + ref.page.removesuffix(".md") + "/" for ex, ref in placed.items()}


def js_sources(*names: str) -> str:
    """The text of some of the kit's scripts, to evaluate in Node or a page."""
    return "\n".join((JS / name).read_text(encoding="utf-8") for name in names)


def form(page, exercise_id: str):
    """The exercise's form on the current page."""
    return page.locator(f'form.mingle-exercise[data-exercise="{exercise_id}"]')


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches (the learner's way round the page)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_answers_by_keyboard(page, exercise: Exercise, answers: dict) -> None:
    """Fill an exercise's form with Tab, Space, arrow keys and typing only, in page order."""
    base = f'form[data-exercise="{exercise.id}"]'
    tab_to(page, f"{base} [data-role=learner-name]")
    for item in exercise.items:
        value = answers.get(item.id)
        if item.kind in ("single", "rating"):
            tab_to(page, f'{base} [name="{item.id}"]')
            if value is None:
                continue
            values = _options(exercise, item) if item.kind == "single" else \
                list(range(exercise.scale.min, exercise.scale.max + 1))
            steps = values.index(value)
            if steps == 0:
                page.keyboard.press("Space")
            for _ in range(steps):
                page.keyboard.press("ArrowDown")  # moves to the next radio and selects it
        elif item.kind == "multiple":
            for option in _options(exercise, item):
                tab_to(page, f'{base} [name="{item.id}"][value="{option}"]')
                if value and option in value:
                    page.keyboard.press("Space")
        elif item.kind == "check" and item.auto:
            continue  # the page checks it: nothing to tick
        elif item.kind == "check":
            tab_to(page, f'{base} [name="{item.id}"]')
            if value:
                page.keyboard.press("Space")
        elif item.kind == "match":
            tab_to(page, f'{base} select[name="{item.id}"]')
            if value is not None:
                for _ in range(_options(exercise, item).index(value) + 1):
                    page.keyboard.press("ArrowDown")
        else:
            tab_to(page, f'{base} textarea[name="{item.id}"]')
            if value:
                page.keyboard.type(value)
