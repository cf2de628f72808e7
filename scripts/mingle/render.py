"""Render an exercise as element trees: the web form, the blank worksheet and the answer key."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from dataclasses import asdict
from functools import lru_cache

try:  # in a Markdown build, AtomicString keeps inline patterns (emphasis, links) off the text we set
    from markdown.util import AtomicString
except ImportError:  # the core install has no Markdown, so there are no inline patterns to keep off
    AtomicString = str

from mingle.model import Auto, Exercise, Item, exercise_max, is_marked, item_max, marked_max

ACTIONS = (
    ("check", "Check my answers"),
    ("export", "Download my answers"),
    ("code", "Show answer code"),
    ("reset", "Clear answers"),
)
SEND_TEXT = "Put my written answers in my answer code too"
AUTO_LABEL = "The page checks this:"


def element(parent, tag: str, text: str | None = None, **attrs) -> etree.Element:
    """A child element whose text is escaped and left alone by Markdown's inline patterns."""
    attrs = {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items() if v is not None}
    node = etree.SubElement(parent, tag, attrs) if parent is not None else etree.Element(tag, attrs)
    if text is not None:
        node.text = AtomicString(text)
    return node


def model_dict(exercise: Exercise) -> dict:
    """The exercise as plain data for the browser (the scorer mirrors the Python one)."""
    data = asdict(exercise)
    data.pop("source", None)
    data.pop("newcomer", None)  # for the kit's own tests of what an exercise measures, not for learners
    data.pop("pair", None)  # for the presenter's reports, not for learners
    data["max"] = exercise_max(exercise)
    data["marked_max"] = marked_max(exercise)
    for item, raw in zip(exercise.items, data["items"]):
        raw["max"] = item_max(exercise, item)
        raw["marked"] = is_marked(item)
    return data


@lru_cache(maxsize=64)
def model_json(exercise: Exercise) -> str:
    """The browser's model as compact JSON, for a `data-model` attribute (made once per exercise: the site carries
    each model twice, on its module's page and on the progress page)."""
    return json.dumps(model_dict(exercise), ensure_ascii=False, separators=(",", ":"))


def _dom_id(exercise: Exercise, *parts: str) -> str:
    return "-".join(("mx", exercise.id, *parts))


def _choice(parent, exercise: Exercise, item: Item, kind: str, value: str, label: str) -> None:
    """A labelled radio button or checkbox."""
    wrap = element(parent, "label", class_="mingle-choice")
    element(wrap, "input", type=kind, name=item.id, value=value, id=_dom_id(exercise, item.id, value))
    element(wrap, "span", label)


def _feedback_slot(parent, item: Item) -> None:
    element(parent, "div", None, class_="mingle-feedback", data_feedback=item.id, hidden="hidden")


def _form_item(form, exercise: Exercise, item: Item, number: int) -> None:
    """One item's controls, named by item id as the contract requires."""
    prompt = f"{number}. {item.prompt}"
    if item.kind in ("single", "multiple", "rating"):
        box = element(form, "fieldset", class_="mingle-item", data_item=item.id, data_kind=item.kind)
        element(box, "legend", prompt)
        row = element(box, "div", class_="mingle-options" + (" mingle-scale" if item.kind == "rating" else ""))
        if item.kind == "rating":
            scale = exercise.scale
            for value, label in zip(range(scale.min, scale.max + 1), scale.labels):
                _choice(row, exercise, item, "radio", str(value), label)
        else:
            kind = "radio" if item.kind == "single" else "checkbox"
            for option in item.options:
                _choice(row, exercise, item, kind, option.id, option.text)
    elif item.auto:
        # The page checks this point from the written answer: no box to tick (the wiring puts its verdict in the
        # answers, so a code sent without the words still carries it).
        box = element(form, "div", class_="mingle-item mingle-auto", data_item=item.id, data_kind="check",
                      data_auto="true")
        element(box, "p", f"{AUTO_LABEL} {item.prompt}", class_="mingle-choice")
    elif item.kind == "check":
        box = element(form, "div", class_="mingle-item", data_item=item.id, data_kind="check")
        _choice(box, exercise, item, "checkbox", "true", prompt if not item.rubric_of else item.prompt)
    elif item.kind == "match":
        box = element(form, "div", class_="mingle-item", data_item=item.id, data_kind="match")
        element(box, "label", prompt, for_=_dom_id(exercise, item.id))
        select = element(box, "select", name=item.id, id=_dom_id(exercise, item.id))
        element(select, "option", "Choose…", value="")
        for choice in exercise.choices:
            element(select, "option", choice.text, value=choice.id)
    else:
        box = element(form, "div", class_="mingle-item", data_item=item.id, data_kind="text")
        element(box, "label", prompt, for_=_dom_id(exercise, item.id))
        element(box, "textarea", "", name=item.id, id=_dom_id(exercise, item.id), rows=str(max(3, item.lines)),
            maxlength="5000", aria_describedby=_dom_id(exercise, item.id, "private"))
        element(box, "p", f"Your answer code says only that you wrote something here, not what, unless you tick "
                          f"“{SEND_TEXT}” below.", class_="mingle-private", id=_dom_id(exercise, item.id, "private"))
        rubric = exercise.rubric(item)
        if rubric:
            group = element(box, "fieldset", class_="mingle-rubric", data_rubric_for=item.id)
            ticks = any(not criterion.auto for criterion in rubric)
            element(group, "legend", "When you have written it, tick what your answer does:" if ticks
                    else "When you have written it, the page checks your answer:")
            for criterion in rubric:
                _form_item(group, exercise, criterion, 0)
    _feedback_slot(box, item)


def exercise_form(exercise: Exercise) -> etree.Element:
    """The interactive form (the markup contract in DESIGN.md)."""
    form = element(None, "form", class_="mingle-exercise", data_exercise=exercise.id,
               data_model=model_json(exercise),
               aria_labelledby=_dom_id(exercise, "title"), novalidate="novalidate")
    element(form, "p", f"Exercise: {exercise.title}", class_="mingle-title", id=_dom_id(exercise, "title"))
    element(form, "p", exercise.intro, class_="mingle-intro")
    who = element(form, "div", class_="mingle-learner")
    element(who, "label", "Your name (used in your answer file and code)", for_=_dom_id(exercise, "name"))
    element(who, "input", type="text", id=_dom_id(exercise, "name"), data_role="learner-name", autocomplete="name",
        maxlength="80")
    number = 0
    for item in exercise.items:
        if not item.rubric_of:
            number += 1
            _form_item(form, exercise, item, number)
    if any(item.kind == "text" for item in exercise.items):
        send = element(form, "label", class_="mingle-choice mingle-send-text")
        element(send, "input", type="checkbox", data_role="send-text")
        element(send, "span", SEND_TEXT)
    actions = element(form, "div", class_="mingle-actions")
    for action, label in ACTIONS:
        element(actions, "button", label, type="button", data_action=action,
            class_="md-button" + (" md-button--primary" if action == "check" else ""))
    load = element(actions, "label", None, class_="md-button mingle-load")
    element(load, "span", "Load answers")
    element(load, "input", type="file", accept=".json,.yml,.yaml,application/json", data_action="load",
        class_="mingle-file")
    element(form, "div", None, role="status", class_="mingle-result", aria_live="polite")
    code = element(form, "div", None, class_="mingle-code", hidden="hidden")
    element(code, "label", "Your answer code: copy it into the chat, a form or an email, or read it out",
        for_=_dom_id(exercise, "code"))
    element(code, "textarea", "", id=_dom_id(exercise, "code"), data_role="answer-code", readonly="readonly", rows="3")
    return form


def _lines(parent, count: int) -> None:
    for _ in range(count):
        element(parent, "div", None, class_="mingle-line")


def worksheet(exercise: Exercise) -> etree.Element:
    """The blank printed worksheet: boxes to tick and lines to write on, no buttons."""
    sheet = element(None, "div", class_="mingle-worksheet", data_worksheet=exercise.id)
    element(sheet, "p", f"Worksheet: {exercise.title}", class_="mingle-title")
    element(sheet, "p", exercise.intro, class_="mingle-intro")
    element(sheet, "p", "Name: ______________________________", class_="mingle-name")
    if exercise.choices:
        legend = element(sheet, "ol", class_="mingle-choices", type="A")
        for choice in exercise.choices:
            element(legend, "li", choice.text)
    number = 0
    for item in exercise.items:
        if item.rubric_of:
            continue
        number += 1
        block = element(sheet, "div", class_="mingle-sheet-item")
        element(block, "p", f"{number}. {item.prompt}", class_="mingle-prompt")
        if item.kind in ("single", "multiple"):
            box = "○" if item.kind == "single" else "☐"
            for option in item.options:
                element(block, "p", f"{box} {option.text}", class_="mingle-box")
        elif item.kind == "rating":
            element(block, "p", "   ".join(f"☐ {label}" for label in exercise.scale.labels), class_="mingle-box")
        elif item.kind == "check":
            block[0].text = AtomicString(f"☐ {number}. {item.prompt}")
        elif item.kind == "match":
            element(block, "p", "Letter: ____", class_="mingle-box")
        else:
            _lines(block, item.lines)
            for criterion in exercise.rubric(item):
                element(block, "p", f"☐ {criterion.prompt}" + (" (checked by the page online)" if criterion.auto
                                                                 else ""), class_="mingle-box")
    return sheet


def _points(n: int) -> str:
    return f"{n} point{'s' if n != 1 else ''}"


def _answer_text(exercise: Exercise, item: Item) -> str:
    """The right answer as a reader sees it, with what it is worth."""
    options = {o.id: o.text for o in exercise.options_for(item)}
    if item.kind in ("single", "match"):
        return f"{options[item.answer]} ({_points(item.points)})"
    if item.kind == "multiple":
        picks = "; ".join(options[a] for a in item.answer)
        return f"{picks} (1 point each; minus 1 for each wrong tick, never below 0)"
    if item.kind == "rating":
        scale = exercise.scale
        best = scale.labels[0] if item.reverse else scale.labels[-1]
        return f"Self-rating: no wrong answer; most points for “{best}” ({_points(scale.max - scale.min)})"
    if item.kind == "check":
        return f"Ticked: {_points(item.points)}"
    return "Free text: scored by the rubric below"


def describe_auto(auto: Auto) -> str:
    """What the page checks, in words for the answer key."""
    tests = []
    if auto.question:
        tests.append("a question mark")
    if auto.min_words and auto.max_words:
        tests.append(f"{auto.min_words} to {auto.max_words} words")
    elif auto.min_words:
        tests.append(f"at least {auto.min_words} words")
    elif auto.max_words:
        tests.append(f"at most {auto.max_words} words")
    if auto.no_shouting:
        tests.append("no word of four capital letters or more, and no “!!”")
    if auto.mentions:
        tests.append("one of: " + ", ".join(auto.mentions))
    return "; ".join(tests)


def answer_key(exercise: Exercise) -> etree.Element:
    """The answer key with the band table: for presenters, never on a learner's page."""
    key = element(None, "div", class_="mingle-answer-key", data_answer_key=exercise.id)
    element(key, "p", f"Answer key: {exercise.title} (maximum {exercise_max(exercise)})", class_="mingle-title")
    listing = element(key, "ol")
    for item in exercise.items:
        if item.rubric_of:
            continue
        entry = element(listing, "li")
        element(entry, "span", item.prompt, class_="mingle-prompt")
        element(entry, "br")
        element(entry, "strong", _answer_text(exercise, item))
        if item.explain:
            element(entry, "span", f" {item.explain}", class_="mingle-explain")
        if item.example:
            element(entry, "p", f"Example: {item.example}", class_="mingle-example")
        rubric = exercise.rubric(item)
        if rubric:
            crit = element(entry, "ul")
            for criterion in rubric:
                element(crit, "li", f"{criterion.prompt} ({criterion.points}" + (", checked by the page: "
                                    f"{describe_auto(criterion.auto)})" if criterion.auto else ")"))
    table = element(key, "table", class_="mingle-bands")
    head = element(element(table, "thead"), "tr")
    for title in ("Score", "Band", "Advice"):
        element(head, "th", title, scope="col")
    body = element(table, "tbody")
    for band in exercise.bands:
        row = element(body, "tr")
        element(row, "td", f"{band.min}–{band.max}" if band.min != band.max else str(band.min))
        element(row, "td", band.label)
        element(row, "td", band.advice)
    if exercise.dimensions:
        dims = element(key, "dl", class_="mingle-dimensions")
        for dim in exercise.dimensions:
            element(dims, "dt", dim.label)
            element(dims, "dd", dim.advice)
    return key
