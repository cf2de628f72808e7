"""Render an exercise as element trees: the web form, the blank worksheet and the answer key."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from dataclasses import asdict

from markdown.util import AtomicString

from mingle.model import Exercise, Item, exercise_max, item_max

ACTIONS = (
    ("check", "Check my answers"),
    ("export", "Download my answers"),
    ("code", "Show answer code"),
    ("reset", "Clear answers"),
)


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree.Element:
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
    data["max"] = exercise_max(exercise)
    for item, raw in zip(exercise.items, data["items"]):
        raw["max"] = item_max(exercise, item)
    return data


def model_json(exercise: Exercise) -> str:
    """The browser's model as compact JSON, for a `data-model` attribute."""
    return json.dumps(model_dict(exercise), ensure_ascii=False, separators=(",", ":"))


def _dom_id(exercise: Exercise, *parts: str) -> str:
    return "-".join(("mx", exercise.id, *parts))


def _choice(parent, exercise: Exercise, item: Item, kind: str, value: str, label: str) -> None:
    """A labelled radio button or checkbox."""
    wrap = _el(parent, "label", class_="mingle-choice")
    _el(wrap, "input", type=kind, name=item.id, value=value, id=_dom_id(exercise, item.id, value))
    _el(wrap, "span", label)


def _feedback_slot(parent, item: Item) -> None:
    _el(parent, "div", None, class_="mingle-feedback", data_feedback=item.id, hidden="hidden")


def _form_item(form, exercise: Exercise, item: Item, number: int) -> None:
    """One item's controls, named by item id as the contract requires."""
    prompt = f"{number}. {item.prompt}"
    if item.kind in ("single", "multiple", "rating"):
        box = _el(form, "fieldset", class_="mingle-item", data_item=item.id, data_kind=item.kind)
        _el(box, "legend", prompt)
        row = _el(box, "div", class_="mingle-options" + (" mingle-scale" if item.kind == "rating" else ""))
        if item.kind == "rating":
            scale = exercise.scale
            for value, label in zip(range(scale.min, scale.max + 1), scale.labels):
                _choice(row, exercise, item, "radio", str(value), label)
        else:
            kind = "radio" if item.kind == "single" else "checkbox"
            for option in item.options:
                _choice(row, exercise, item, kind, option.id, option.text)
    elif item.kind == "check":
        box = _el(form, "div", class_="mingle-item", data_item=item.id, data_kind="check")
        _choice(box, exercise, item, "checkbox", "true", prompt if not item.rubric_of else item.prompt)
    elif item.kind == "match":
        box = _el(form, "div", class_="mingle-item", data_item=item.id, data_kind="match")
        _el(box, "label", prompt, for_=_dom_id(exercise, item.id))
        select = _el(box, "select", name=item.id, id=_dom_id(exercise, item.id))
        _el(select, "option", "Choose…", value="")
        for choice in exercise.choices:
            _el(select, "option", choice.text, value=choice.id)
    else:
        box = _el(form, "div", class_="mingle-item", data_item=item.id, data_kind="text")
        _el(box, "label", prompt, for_=_dom_id(exercise, item.id))
        _el(box, "textarea", "", name=item.id, id=_dom_id(exercise, item.id), rows=str(max(3, item.lines)),
            maxlength="5000")
        rubric = exercise.rubric(item)
        if rubric:
            group = _el(box, "fieldset", class_="mingle-rubric", data_rubric_for=item.id)
            _el(group, "legend", "When you have written it, tick what your answer does:")
            for criterion in rubric:
                _form_item(group, exercise, criterion, 0)
    _feedback_slot(box, item)


def exercise_form(exercise: Exercise) -> etree.Element:
    """The interactive form (the markup contract in DESIGN.md)."""
    form = _el(None, "form", class_="mingle-exercise", data_exercise=exercise.id,
               data_model=model_json(exercise),
               aria_labelledby=_dom_id(exercise, "title"), novalidate="novalidate")
    _el(form, "p", f"Exercise: {exercise.title}", class_="mingle-title", id=_dom_id(exercise, "title"))
    _el(form, "p", exercise.intro, class_="mingle-intro")
    who = _el(form, "div", class_="mingle-learner")
    _el(who, "label", "Your name (used in your answer file and code)", for_=_dom_id(exercise, "name"))
    _el(who, "input", type="text", id=_dom_id(exercise, "name"), data_role="learner-name", autocomplete="name",
        maxlength="80")
    number = 0
    for item in exercise.items:
        if not item.rubric_of:
            number += 1
            _form_item(form, exercise, item, number)
    actions = _el(form, "div", class_="mingle-actions")
    for action, label in ACTIONS:
        _el(actions, "button", label, type="button", data_action=action,
            class_="md-button" + (" md-button--primary" if action == "check" else ""))
    load = _el(actions, "label", None, class_="md-button mingle-load")
    _el(load, "span", "Load answers")
    _el(load, "input", type="file", accept=".json,.yml,.yaml,application/json", data_action="load",
        class_="mingle-file")
    _el(form, "div", None, role="status", class_="mingle-result", aria_live="polite")
    code = _el(form, "div", None, class_="mingle-code", hidden="hidden")
    _el(code, "label", "Your answer code: copy it into the chat, a form or an email",
        for_=_dom_id(exercise, "code"))
    _el(code, "textarea", "", id=_dom_id(exercise, "code"), data_role="answer-code", readonly="readonly", rows="3")
    return form


def _lines(parent, count: int) -> None:
    for _ in range(count):
        _el(parent, "div", None, class_="mingle-line")


def worksheet(exercise: Exercise) -> etree.Element:
    """The blank printed worksheet: boxes to tick and lines to write on, no buttons."""
    sheet = _el(None, "div", class_="mingle-worksheet", data_worksheet=exercise.id)
    _el(sheet, "p", f"Worksheet: {exercise.title}", class_="mingle-title")
    _el(sheet, "p", exercise.intro, class_="mingle-intro")
    _el(sheet, "p", "Name: ______________________________", class_="mingle-name")
    if exercise.choices:
        legend = _el(sheet, "ol", class_="mingle-choices", type="A")
        for choice in exercise.choices:
            _el(legend, "li", choice.text)
    number = 0
    for item in exercise.items:
        if item.rubric_of:
            continue
        number += 1
        block = _el(sheet, "div", class_="mingle-sheet-item")
        _el(block, "p", f"{number}. {item.prompt}", class_="mingle-prompt")
        if item.kind in ("single", "multiple"):
            box = "○" if item.kind == "single" else "☐"
            for option in item.options:
                _el(block, "p", f"{box} {option.text}", class_="mingle-box")
        elif item.kind == "rating":
            _el(block, "p", "   ".join(f"☐ {label}" for label in exercise.scale.labels), class_="mingle-box")
        elif item.kind == "check":
            block[0].text = AtomicString(f"☐ {number}. {item.prompt}")
        elif item.kind == "match":
            _el(block, "p", "Letter: ____", class_="mingle-box")
        else:
            _lines(block, item.lines)
            for criterion in exercise.rubric(item):
                _el(block, "p", f"☐ {criterion.prompt}", class_="mingle-box")
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


def answer_key(exercise: Exercise) -> etree.Element:
    """The answer key with the band table: for presenters, never on a learner's page."""
    key = _el(None, "div", class_="mingle-answer-key", data_answer_key=exercise.id)
    _el(key, "p", f"Answer key: {exercise.title} (maximum {exercise_max(exercise)})", class_="mingle-title")
    listing = _el(key, "ol")
    for item in exercise.items:
        if item.rubric_of:
            continue
        entry = _el(listing, "li")
        _el(entry, "span", item.prompt, class_="mingle-prompt")
        _el(entry, "br")
        _el(entry, "strong", _answer_text(exercise, item))
        if item.explain:
            _el(entry, "span", f" {item.explain}", class_="mingle-explain")
        if item.example:
            _el(entry, "p", f"Example: {item.example}", class_="mingle-example")
        rubric = exercise.rubric(item)
        if rubric:
            crit = _el(entry, "ul")
            for criterion in rubric:
                _el(crit, "li", f"{criterion.prompt} ({criterion.points})")
    table = _el(key, "table", class_="mingle-bands")
    head = _el(_el(table, "thead"), "tr")
    for title in ("Score", "Band", "Advice"):
        _el(head, "th", title, scope="col")
    body = _el(table, "tbody")
    for band in exercise.bands:
        row = _el(body, "tr")
        _el(row, "td", f"{band.min}–{band.max}" if band.min != band.max else str(band.min))
        _el(row, "td", band.label)
        _el(row, "td", band.advice)
    if exercise.dimensions:
        dims = _el(key, "dl", class_="mingle-dimensions")
        for dim in exercise.dimensions:
            _el(dims, "dt", dim.label)
            _el(dims, "dd", dim.advice)
    return key
