"""Render a live activity as element trees: the form a phone answers on and the printed question with room to write."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from mingle.model import ACTIVITY_ITEM, Activity
from mingle.render import element

KIND_NAMES = {"poll": "Quick poll", "words": "Word cloud", "open": "Open question", "scale": "Scale",
              "qa": "Questions from the room"}
SEND = {"qa": "Send my question"}
PAPER = {"poll": "Tick one.", "words": "Write one word on each line.", "scale": "Circle one.",
         "open": "Write your answer below.", "qa": "Write your question below."}


def _dom_id(activity: Activity, *parts: str) -> str:
    return "-".join(("ma", activity.id, *parts))


def _hint(activity: Activity) -> str:
    """What the phone asks for, under the question."""
    if activity.kind == "poll":
        return "Pick as many as fit." if activity.several else "Pick one."
    if activity.kind == "words":
        return "One word." if activity.words == 1 else f"Up to {activity.words} words, one in each box."
    if activity.kind == "scale":
        return "Pick one point on the scale."
    if activity.kind == "qa":
        return "Ask anything about today. Others can vote for it; your name is never shown."
    return f"A short answer, up to {activity.limit} characters. The presenter reads it before it goes on the wall."


def _choices(parent, activity: Activity, kind: str, values: list[tuple[str, str]]) -> None:
    """A fieldset of labelled radio buttons or tick boxes named as the sheet's item."""
    row = element(parent, "div", class_="mingle-options" + (" mingle-scale" if activity.kind == "scale" else ""))
    for value, label in values:
        wrap = element(row, "label", class_="mingle-choice")
        element(wrap, "input", type=kind, name=ACTIVITY_ITEM, value=value, id=_dom_id(activity, value))
        element(wrap, "span", label)


def activity_form(activity: Activity) -> etree.Element:
    """The form a phone answers on (the contract in DESIGN.md: form.mingle-activity and a send control)."""
    form = element(None, "form", class_="mingle-activity", data_activity=activity.id, data_kind=activity.kind,
                   aria_labelledby=_dom_id(activity, "title"), novalidate="novalidate")
    element(form, "p", KIND_NAMES[activity.kind], class_="mingle-title", id=_dom_id(activity, "title"))
    hint = _dom_id(activity, "hint")
    if activity.kind in ("poll", "scale", "words"):
        box = element(form, "fieldset", class_="mingle-item", aria_describedby=hint)
        element(box, "legend", activity.question)
        element(box, "p", _hint(activity), class_="mingle-hint", id=hint)
        if activity.kind == "poll":
            _choices(box, activity, "checkbox" if activity.several else "radio",
                     [(o.id, o.text) for o in activity.options])
        elif activity.kind == "scale":
            scale = activity.scale
            _choices(box, activity, "radio", [(str(v), label) for v, label in
                                              zip(range(scale.min, scale.max + 1), scale.labels)])
        else:
            for n in range(1, activity.words + 1):
                field = _dom_id(activity, f"word-{n}")
                label = "Your word" if activity.words == 1 else f"Word {n}"
                element(box, "label", label, for_=field, class_="mingle-word-label")
                element(box, "input", type="text", name=ACTIVITY_ITEM, id=field, maxlength="30", autocomplete="off",
                        autocapitalize="none", spellcheck="true")
    else:
        box = element(form, "div", class_="mingle-item")
        field = _dom_id(activity, ACTIVITY_ITEM)
        element(box, "label", activity.question, for_=field)
        element(box, "p", _hint(activity), class_="mingle-hint", id=hint)
        element(box, "textarea", "", name=ACTIVITY_ITEM, id=field, rows="3", maxlength=str(activity.limit),
                aria_describedby=hint)
    actions = element(form, "div", class_="mingle-actions")
    element(actions, "button", SEND.get(activity.kind, "Send"), type="button", data_action="send",
            class_="md-button md-button--primary")
    element(form, "div", None, role="status", class_="mingle-result", aria_live="polite")
    return form


def activity_model(activity: Activity) -> dict:
    """What the browser needs of an activity to draw its results (the wall, a deck's slide)."""
    scale = activity.scale
    return {"id": activity.id, "kind": activity.kind, "question": activity.question,
            "options": [{"id": o.id, "text": o.text} for o in activity.options],
            "labels": list(scale.labels) if scale else [], "min": scale.min if scale else 0}


def activity_sheet(activity: Activity) -> etree.Element:
    """The printed form: the question with boxes to tick or room to write, for a room without phones."""
    sheet = element(None, "div", class_="mingle-worksheet mingle-activity-sheet", data_activity_sheet=activity.id)
    element(sheet, "p", f"{KIND_NAMES[activity.kind]}: {activity.question}", class_="mingle-title")
    block = element(sheet, "div", class_="mingle-sheet-item")
    text = PAPER[activity.kind]
    if activity.kind == "poll" and activity.several:
        text = "Tick all that fit."
    if activity.kind == "words" and activity.words == 1:
        text = "Write one word."
    element(block, "p", text, class_="mingle-prompt")
    if activity.kind == "poll":
        for option in activity.options:
            element(block, "p", f"{'☐' if activity.several else '○'} {option.text}", class_="mingle-box")
    elif activity.kind == "scale":
        element(block, "p", "   ".join(f"○ {label}" for label in activity.scale.labels), class_="mingle-box")
    else:
        for _ in range(activity.words if activity.kind == "words" else activity.lines):
            element(block, "div", None, class_="mingle-line")
    return sheet
