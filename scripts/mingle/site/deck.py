"""`/// deck`: every module's slides and each session plan's running order, made at build for the Slides page.

One page holds them all, so a plan's deck needs nothing fetched from another page (a fetch fails from file://):
deck.js picks the module's or the plan's slides out of it and hands them to reveal.js. The slides come from the
module pages' own Markdown (slidemaker.py); the title, agenda, breaks and closing from event.yml and the plans."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from pathlib import Path

from mingle.activities import check_activities
from mingle.course.agenda import Plan, load_for, parse_time, read_modules, schedule
from mingle.course.slidemaker import Slide, activity_slide, module_slides, page_markdown
from mingle.render import element

CLOSING = ("Do the after check: how sure do you feel now?", "Tell us how it went on the feedback form.",
           "Print your certificate from the My progress page.")


def section(slide: Slide) -> etree.Element:
    """One slide as reveal.js reads it: a <section> with its wall and its notes in an <aside class="notes">."""
    node = element(None, "section", class_=f"mingle-deck-slide mingle-deck--{slide.kind}",
                   data_slide_kind=slide.kind, data_activity=slide.activity or None)
    if slide.heading and slide.kind != "picture":
        # Not an <h2>: the Slides page's contents list would gather every slide's heading.
        element(node, "p", slide.heading, class_="mingle-deck-heading", role="heading", aria_level="2")
    for part in slide.wall:
        node.append(part)
    notes = element(node, "aside", class_="notes")
    for part in slide.notes:
        notes.append(part)
    return node


def _exercise(slide: Slide) -> Slide:
    """An exercise slide says its question as its heading (the section's heading goes to the notes)."""
    question = slide.wall[0].find("p[@class='mingle-deck-question']")
    if question is not None:
        slide.wall[0].remove(question)
        slide.heading = question.text or slide.heading
    return slide


def module_part(parent, module, root: Path, exercises: dict, md) -> None:
    """A module's slides, tagged with its number and the address of its page (exercise slides name it)."""
    docs, number = root / "docs", module.number
    slides = module_slides(docs / "modules" / f"{module.page}.md", root / "exercises", docs, exercises, md)
    box = element(parent, "div", data_deck_module=str(number), data_page=f"modules/{module.page}/",
                  data_title=slides[0].heading, data_minutes=str(module.minutes))
    for slide in slides:
        box.append(section(_exercise(slide) if slide.kind == "exercise" else slide))
    for n, node in enumerate(box):
        if node.get("data-slide-kind") == "module":
            node.insert(0, element(None, "p", f"Module {number}", class_="mingle-deck-eyebrow"))
        node.set("data-deck-n", str(n))


def _plain(title: str, kind: str, lines: list[str], notes: str = "", heading_class: str = "") -> etree.Element:
    """A slide made of a heading and a few lines (title, break, closing)."""
    node = element(None, "section", class_=f"mingle-deck-slide mingle-deck--{kind}", data_slide_kind=kind)
    element(node, "p", title, class_="mingle-deck-heading" + heading_class, role="heading", aria_level="2")
    for line in lines:
        element(node, "p", line)
    aside = element(node, "aside", class_="notes")
    if notes:
        element(aside, "p", notes)
    return node


def _clock(parent, time: str, edge: str, slot: int | None = None) -> etree.Element:
    """A clock time on a slide: the `start` or `end` of a slot (of the whole plan without one). present.js sets it
    again when the presenter opens the deck from the Agenda page with a start time of their own."""
    return element(parent, "span", time, class_="mingle-deck-time", data_deck_clock=edge,
                   data_deck_slot=None if slot is None else str(slot))


def plan_part(parent, plan: Plan, start: str, event, activities: dict | None = None) -> None:
    """A plan's running order: title and agenda, then each slot (a module's slides go where its marker is, and a
    slot's live activity comes first in it)."""
    activities = activities or {}
    agenda = schedule(plan, start)
    slots = [{"title": r.title, "minutes": r.minutes, "kind": r.kind, "start": r.start, "end": r.end}
             for r in agenda.rows]
    box = element(parent, "div", data_deck_plan=plan.id, data_title=plan.title, data_start=agenda.start,
                  data_minutes=str(plan.minutes),
                  data_slots=json.dumps(slots, ensure_ascii=False, separators=(",", ":")))
    opening = _plain(event.title, "title", [line for line in (event.date, event.venue, event.presenter) if line],
                     heading_class=" mingle-deck-title")
    said = element(opening.find("aside"), "p", f"{plan.title}: {plan.minutes} minutes from ")
    _clock(said, agenda.start, "start").tail = "."
    box.append(opening)
    overview = _plain(plan.title, "agenda", [])
    listing = element(None, "ol", class_="mingle-deck-agenda")
    for n, row in enumerate(agenda.rows):
        item = element(listing, "li")
        _clock(item, row.start, "start", n)
        element(item, "span", " " + row.title)
    overview.insert(1, listing)
    box.append(overview)
    last = len(plan.slots) - 1
    for n, (slot, row) in enumerate(zip(plan.slots, agenda.rows)):
        if slot.module is not None:
            element(box, "div", data_deck_use_module=str(slot.module), data_slot=str(n))
            continue
        if slot.kind == "break":
            node = _plain(slot.title, "break", [], slot.note)
            back = element(None, "p", "Back at ")
            _clock(back, row.end, "end", n)
            node.insert(1, back)
            element(node, "p", f"{slot.minutes}:00", class_="mingle-deck-countdown",
                    data_countdown=str(slot.minutes * 60),
                    aria_hidden="true")
        elif n == last:
            node = _plain(slot.title, "closing", [], slot.note)
            steps = element(node, "ul", class_="mingle-deck-closing")
            for line in CLOSING:
                element(steps, "li", line)
            node.insert(1, steps)
        else:
            node = _plain(slot.title, "content", [f"{slot.minutes} minutes"], slot.note)
        node.set("data-slot", str(n))
        if slot.live in activities:  # the live activity opens its slot: questions are taken before the close
            live = section(activity_slide(activities[slot.live], slot.title))
            live.set("data-slot", str(n))
            box.append(live)
        box.append(node)


def deck(root: Path, exercises: dict) -> etree.Element:
    """The Slides page's deck block: a chooser, and every module's and plan's slides for deck.js to pick from."""
    from mingle.course.event import kit_event, session_start

    root = Path(root)
    modules = read_modules(root / "docs" / "modules")
    plans, default_start = load_for(root)
    event = kit_event(root)
    start = session_start(event, default_start)  # the printed agenda's and the Agenda page's start too
    parse_time(start)
    box = element(None, "div", class_="mingle-deck", data_deck="", data_search_exclude="")
    chooser = element(box, "div", class_="mingle-deck-chooser")
    element(chooser, "p", "A module on its own", class_="mingle-deck-list-title")
    listing = element(chooser, "ul", class_="mingle-deck-list")
    for number, module in sorted(modules.items()):
        element(element(listing, "li"), "button", f"Module {number}: {module.title}", type="button",
                class_="md-button", data_action="present", data_module=str(number))
    element(chooser, "p", "A whole session", class_="mingle-deck-list-title")
    listing = element(chooser, "ul", class_="mingle-deck-list")
    for plan in plans.values():
        element(element(listing, "li"), "button", f"{plan.title} ({plan.minutes} minutes)", type="button",
                class_="md-button", data_action="present", data_plan=plan.id)
    source = element(box, "div", class_="mingle-deck-source", hidden="hidden")
    md = page_markdown(root / "exercises", root / "docs")  # one for every module's page
    for _, module in sorted(modules.items()):
        module_part(source, module, root, exercises, md)
    activities = check_activities(root / "activities")[0]
    for plan in plans.values():
        plan_part(source, plan, start, event, activities)
    return box
