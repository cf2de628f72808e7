"""The four handout editions as HTML skeletons (element trees): cover, contents, and the parts to print."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from mingle import __version__, reading
from mingle.course.agenda import Module, Plan, module_title, schedule
from mingle.course.agenda_view import agenda_table
from mingle.course.guestcards import Deck, guest_cards
from mingle.course.event import Event, session_start
from mingle.model import Exercise
from mingle.render import answer_key, element

CSS = Path(__file__).with_name("booklet.css")


@dataclass(frozen=True)
class Edition:
    """One PDF's content: its file name stem, its label and whether the presenter's material goes in."""

    name: str
    label: str
    presenter: bool
    cover_note: str


EDITIONS = (
    Edition("learner-booklet", "Learner booklet", False,
            "Your notes, worksheets and action plan. Keep it and come back to it."),
    Edition("presenter-guide", "Presenter guide", True,
            "The presenter's copy, with notes for presenters, the agenda and every answer key. Not for learners."),
    Edition("answer-key", "Answer key", True,
            "Every exercise's answers and score bands, to go through together or hand out after the session."),
    Edition("guest-cards", "Guest cards", True, ""),
)


@dataclass(frozen=True)
class Kit:
    """Everything the editions are made from, read once."""

    modules: dict[int, Module]
    plans: dict[str, Plan]
    start: str
    exercises: dict[str, Exercise]
    deck: Deck
    pages: tuple[tuple[str, str], ...] = ()  # (title, docs path) of the pages after the modules: the templates


def back_pages(docs: Path) -> tuple[tuple[str, str], ...]:
    """The printable pages every booklet carries after the modules: the toolkit's templates, then further reading."""
    paths = sorted(p for p in (docs / "toolkit").glob("*.md") if p.name != "index.md")
    paths += [p for p in (docs / "further-reading.md", docs / "glossary.md") if p.exists()]
    found = []
    for path in paths:
        meta, _ = reading.read_front_matter(path)
        found.append((str(meta.get("title", path.stem)), path.relative_to(docs).with_suffix("").as_posix()))
    return tuple(found)


def _cover(body, edition: Edition, event: Event) -> None:
    """The first page: the event's details in large type."""
    cover = element(body, "section", class_="handout-cover")
    element(cover, "p", f"Mingle: a workshop kit on social media for small business, version {__version__}",
            class_="handout-kit")
    element(cover, "h1", event.title, class_="handout-title")
    element(cover, "p", edition.label, class_="handout-edition")
    details = element(cover, "dl", class_="handout-details")
    for label, value in (("Date", event.date), ("Venue", event.venue), ("Presenter", event.presenter)):
        if value:
            element(details, "dt", label)
            element(details, "dd", value)
    if edition.name == "learner-booklet":
        element(cover, "p", "This booklet belongs to: ________________________________", class_="handout-owner")
    element(cover, "p", edition.cover_note, class_="handout-note")


def _part(body, number: int, title: str, src: str | None = None, kind: str = "page") -> etree.Element:
    """A part that starts on a new page; `src` parts are filled from the built site by assemble.js."""
    part = element(body, "section", class_=f"handout-part handout-{kind}", id=f"part-{number}", data_src=src,
               data_title=title)
    return part


def _contents(body, parts: list[tuple[str, str]]) -> None:
    """A contents list linking to each part; build.py writes in the page numbers once a print shows them."""
    box = element(body, "section", class_="handout-contents")
    element(box, "h2", "Contents")
    listing = element(box, "ol")
    for anchor, title in parts:
        link = element(element(listing, "li"), "a", href=f"#{anchor}")
        element(link, "span", title, class_="handout-contents-title")
        element(link, "span", class_="handout-contents-page", data_page_of=anchor)


def _agenda(part, kit: Kit, event: Event) -> None:
    """The agenda for the event's plan from its start time, or every plan when none is chosen."""
    element(part, "h1", "Agenda")
    start = session_start(event, kit.start)
    chosen = [event.plan] if event.plan else list(kit.plans)
    for plan_id in chosen:
        block = element(part, "div", class_="mingle-agenda")
        block.append(agenda_table(schedule(kit.plans[plan_id], start)))


def _answer_keys(part, kit: Kit) -> None:
    """Every answer key in module order."""
    element(part, "h1", "Answer keys")
    box = element(part, "div", class_="mingle-answer-keys")
    for exercise in _in_order(kit):
        key = answer_key(exercise)
        key.set("id", f"key-{exercise.id}")
        box.append(key)


def _in_order(kit: Kit) -> list[Exercise]:
    """Exercises in module order, as the answer keys page lists them."""
    return sorted(kit.exercises.values(), key=lambda e: (e.module, e.id))


def _cards(part, kit: Kit) -> None:
    """The guest cards, two to a page."""
    element(part, "p", "Cocktail party role-play: cut along the dashed lines and give one card to each volunteer.",
        class_="handout-cut-note")
    part.append(guest_cards(kit.deck))


def document(classes: str, title: str, stylesheets: list[str], css: Path = CSS):
    """An empty handout page in the site's look (its stylesheets, the light scheme, then the handout's own
    CSS): returns the <html>, <body> and <main> elements, for the caller to fill."""
    html = element(None, "html", lang="en", class_=classes)
    head = element(html, "head")
    element(head, "meta", charset="utf-8")
    element(head, "title", title)
    for href in stylesheets:
        element(head, "link", rel="stylesheet", href=href)
    element(head, "style", css.read_text(encoding="utf-8"))
    body = element(html, "body", dir="ltr", data_md_color_scheme="default", data_md_color_primary="custom",
                   data_md_color_accent="custom")
    return html, body, element(body, "main", class_="md-typeset")


def skeleton(edition: Edition, event: Event, kit: Kit, stylesheets: list[str]) -> str:
    """The edition as an HTML document; parts with a `data-src` are filled in the browser (assemble.js)."""
    classes = "handout" + (" mingle-presenter" if edition.presenter else "") + f" handout--{edition.name}"
    html, _, main = document(classes, f"{event.title}: {edition.label}", stylesheets)
    if edition.name == "guest-cards":
        _cards(_part(main, 1, "Guest cards", kind="cards"), kit)
    else:
        _cover(main, edition, event)
        parts = _plan_parts(edition, kit)
        if edition.name == "answer-key":
            _contents(main, [(f"key-{e.id}", f"Module {e.module} – {e.title}") for e in _in_order(kit)])
        else:
            _contents(main, [(f"part-{n}", title) for n, (title, _, _) in enumerate(parts, 1)])
        for number, (title, src, fill) in enumerate(parts, 1):
            part = _part(main, number, title, src, "module" if src and "modules/" in src else "page")
            if fill:
                fill(part, kit, event)
    return "<!DOCTYPE html>\n" + etree.tostring(html, encoding="unicode", method="html")


def _plan_parts(edition: Edition, kit: Kit) -> list[tuple[str, str | None, object]]:
    """(title, page to fetch, or a function that fills the part) for each part of an edition."""
    if edition.name == "answer-key":
        return [("Answer keys", None, lambda part, kit, event: _answer_keys(part, kit))]
    parts: list[tuple[str, str | None, object]] = []
    if edition.presenter:
        parts.append(("Presenter's guide", "presenters/facilitator-guide/index.html", None))
        parts.append(("Agenda", None, _agenda))
    for number in sorted(kit.modules):
        module = kit.modules[number]
        plan = kit.exercises.get("action-plan")
        title = module_title(module) + (" (with your action plan)" if plan and plan.module == number else "")
        parts.append((title, f"modules/{module.page}/index.html", None))
    for title, page in kit.pages:
        parts.append((title, f"{page}/index.html", None))
    if edition.presenter:
        parts.append(("Answer keys", None, lambda part, kit, event: _answer_keys(part, kit)))
    return parts
