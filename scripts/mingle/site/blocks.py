"""Markdown extension `mingle.site.blocks`: the kit's blocks (exercises, keys, objectives, notes…) for pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import type_any, type_html_identifier

from mingle.course import diagrams
from mingle.course.agenda_view import agenda_block
from mingle.course.coursemap import course_map
from mingle.course.guestcards import guest_cards, load_cards
from mingle.course.options import OPTION_KEYS, check_block
from mingle.errors import KitBuildError, MingleError, ProblemsError
from mingle.render import answer_key, element, exercise_form, model_json, worksheet
from mingle.site import readings
from mingle.activity_view import activity_form, activity_sheet
from mingle.site.activityblock import find_activity
from mingle.site.deck import deck
from mingle.site.coursecheck import CourseRulesPreprocessor, rules_root
from mingle.site.present import PresentTreeprocessor
from mingle.site.problems import SafeBlock, error_box, stop
from mingle.site.ruleblocks import ContentRulesBlock, ModuleCountBlock, WhatCountsBlock
from mingle.site.timingline import PageHeading, timing_line

# name -> (title shown at the top of the block, or None for no title)
CONTAINERS = {
    "objectives": "By the end of this module",
    "key-points": "Key points",
    "discuss": "Talk it over",
    "try-this": "Try this week",
    "facilitator": "Notes for presenters",
    "scene": None,
    "checklist": None,
    "pipeline": "The old marketing pipeline: an anti-pattern",
}


class KitBlock(SafeBlock):
    """A titled container for Markdown content: `/// objectives`, `/// scene | Title`, …

    A scene may carry a picture (`picture: <name>` from docs/assets/mingle/pictures/, with `alt:` words);
    a checklist may be drawn as a diagram (`diagram:`, `caption:`, `centre:`, `icons:`); the pipeline is one
    (`icons:` one per step)."""

    ARGUMENT = None
    diagram: dict | None = None
    picture: etree.Element | None = None

    def on_validate(self, parent: etree.Element) -> bool:
        """Check a scene's picture and a list's diagram options; problems name the block, the option and why."""
        if self.NAME not in OPTION_KEYS:
            return True
        try:
            found = check_block(self.where, self.NAME, self.argument, self._given(), self.config["docs_dir"])
        except KitBuildError as err:
            return self.stop(err)
        self.picture, self.diagram = found["picture"], found["diagram"]
        return True

    def _given(self) -> dict:
        """The options the page gave (pymdownx fills the rest in with their defaults, all empty)."""
        return {k: v for k, v in self.options.items() if k != "attrs" and v not in ("", None)}

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Make the container and its title (and a scene's picture under it)."""
        self.shown_error(parent)
        box = etree.SubElement(parent, "div", {"class": f"mingle-block mingle-{self.NAME}"})
        title = self.argument if self.NAME == "scene" and self.argument else CONTAINERS[self.NAME]
        if self.NAME == "facilitator":
            box.set("data-audience", "presenter")
        if title:
            head = etree.SubElement(box, "p", {"class": "mingle-block-title"})
            head.text = AtomicString(title)
        if self.picture is not None and not self.error:
            frame = etree.SubElement(box, "div", {"class": "mingle-picture"})
            frame.append(self.picture)
            box.set("class", box.get("class") + " mingle-scene--picture")
        return box

    def on_end(self, block: etree.Element) -> None:
        """Draw the list as a diagram, once its Markdown is parsed."""
        if self.diagram is None or self.error:
            return
        key = self.argument if self.NAME == "checklist" else self.NAME
        title = block.find("p[@class='mingle-block-title']") if self.NAME == "pipeline" else None
        try:
            diagrams.draw(self.where, block, self.diagram, key, title)
        except KitBuildError as err:
            self.stop(err)
            block.insert(0, error_box(None, "This block has a problem", self.error))


class ChecklistBlock(KitBlock):
    """`/// checklist | id`: a task list whose ticks the browser keeps under this id (drawn as a diagram if asked)."""

    NAME = "checklist"
    ARGUMENT = True
    OPTIONS = {key: ["", type_any] for key in OPTION_KEYS["checklist"]}

    def on_validate(self, parent: etree.Element) -> bool:
        """The id must be a plain identifier: it names where the ticks are kept."""
        try:
            type_html_identifier(self.argument)
        except ValueError:
            return self.stop(KitBuildError(f"/// checklist | {self.argument}: expected an id of letters, digits, "
                                           "hyphens and underscores (it keys the learner's ticks)"))
        return super().on_validate(parent)

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The container, tagged with the id its ticks are kept under."""
        box = super().on_create(parent)
        box.set("data-checklist", self.argument)
        return box


class FacilitatorBlock(KitBlock):
    """`/// facilitator`: notes for presenters; on a module page they open with its timing, from its front matter."""

    NAME = "facilitator"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The container, its title, then the timing line when the page is a module page."""
        box = super().on_create(parent)
        line = timing_line(self.md, self.config["docs_dir"], self.config["exercises"])
        if line is not None:
            box.append(line)
        return box


class SlideBlock(SafeBlock):
    """`/// slide` (or `/// slide | Title`): what only the slides show, where the page has nothing fit for a wall."""

    NAME = "slide"
    ARGUMENT = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        """A container the page hides and present mode puts on the wall."""
        box = etree.SubElement(parent, "div", {"class": "mingle-block mingle-slide-only"})
        if self.argument:
            head = etree.SubElement(box, "p", {"class": "mingle-block-title"})
            head.text = AtomicString(self.argument)
        return box

    def on_end(self, block: etree.Element) -> None:
        """An empty slide block is a mistake: say so, as for any other block."""
        body = [child for child in block if child.get("class") != "mingle-block-title"]
        if not any("".join(child.itertext()).strip() or child.find(".//img") is not None for child in body):
            self.stop(KitBuildError(f"/// slide{' | ' + self.argument if self.argument else ''}: the block is "
                                    "empty; put what the slide should show between `/// slide` and `///`"))
            if self.error:
                block.clear()
                block.set("class", "mingle-build-error-host")
                self.shown_error(block)


class ExerciseBlock(SafeBlock):
    """`/// exercise | <id>`: the web form and its printed worksheet (`when:` says where it is done, if not in the
    room within its module's minutes: the timing reads it)."""

    NAME = "exercise"
    ARGUMENT = None  # optional to pymdownx, so that a missing id reaches on_validate and fails loudly
    OPTIONS = {key: ["", type_any] for key in OPTION_KEYS["exercise"]}

    def on_validate(self, parent: etree.Element) -> bool:
        """A missing or unknown id, or a `when` the kit does not know, fails the build, listing the valid ones."""
        try:
            _known(self.config["exercises"](), self.argument, self.NAME)
            given = {k: v for k, v in self.options.items() if k != "attrs" and v not in ("", None)}
            check_block(self.where, self.NAME, self.argument, given, "")
        except KitBuildError as err:
            return self.stop(err)
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append the form and the worksheet."""
        if self.error:
            return self.shown_error(parent)
        exercise = self.config["exercises"]()[self.argument]
        box = etree.SubElement(parent, "div", {"class": "mingle-exercise-block"})
        box.extend(unsearched([exercise_form(exercise), worksheet(exercise)]))
        return box


class ActivityBlock(SafeBlock):
    """`/// activity | <id>`: a live activity's form (a room's phones answer on it) and its printed question."""

    NAME = "activity"
    ARGUMENT = None  # optional to pymdownx, so that a missing id reaches on_validate and fails loudly

    def on_validate(self, parent: etree.Element) -> bool:
        """A missing, unknown or invalid activity fails the build, naming the file and what is wrong."""
        try:
            self.activity = find_activity(self.config["folder"], self.argument)
        except KitBuildError as err:
            return self.stop(err)
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append the form and the printed question (kept out of search; `data-live-activity` keeps it out of the SCORM
        package too: only a room collects it)."""
        if self.error:
            return self.shown_error(parent)
        box = etree.SubElement(parent, "div", {"class": "mingle-activity-block",
                                               "data-live-activity": self.activity.id})
        box.extend(unsearched([activity_form(self.activity), activity_sheet(self.activity)]))
        return box


class AnswerKeyBlock(SafeBlock):
    """`/// answer-key | <id>` (or `all`): answer keys, for presenters' pages only."""

    NAME = "answer-key"
    ARGUMENT = None  # optional to pymdownx, so that a missing id reaches on_validate and fails loudly

    def on_validate(self, parent: etree.Element) -> bool:
        """A missing or unknown id fails the build, listing the valid ones."""
        try:
            exercises = self.config["exercises"]()
            if self.argument != "all":
                _known(exercises, self.argument, self.NAME)
        except KitBuildError as err:
            return self.stop(err)
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append one key, or every key in module order."""
        if self.error:
            return self.shown_error(parent)
        exercises = self.config["exercises"]()
        box = etree.SubElement(parent, "div", {"class": "mingle-answer-keys"})
        chosen = (sorted(exercises.values(), key=lambda e: (e.module, e.id)) if self.argument == "all"
                  else [exercises[self.argument]])
        box.extend(unsearched([answer_key(exercise) for exercise in chosen]))
        return box


class AgendaBlock(SafeBlock):
    """`/// agenda | <plan id>` (or `all`, with a plan and start-time picker): a session plan on the clock."""

    NAME = "agenda"
    ARGUMENT = True

    def on_validate(self, parent: etree.Element) -> bool:
        """An unknown plan fails the build, listing the valid ones."""
        try:
            self.plans, self.start = readings.plans(self.config["root"])
        except MingleError as err:
            return self.stop(KitBuildError("cannot read the session plans", [err]))
        if self.argument != "all" and self.argument not in self.plans:
            return self.stop(KitBuildError(f"/// agenda | {self.argument}: no such plan; valid: all, "
                                           f"{', '.join(self.plans)}"))
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append the agenda table(s); the browser redoes the times from the presenter's start time."""
        if self.error:
            return self.shown_error(parent)
        every = self.argument == "all"
        chosen = list(self.plans) if every else [self.argument]
        (agenda,) = unsearched([agenda_block(self.plans, self.start, chosen, controls=every)])
        parent.append(agenda)
        return agenda


class GuestCardsBlock(SafeBlock):
    """`/// guest-cards`: the icebreaker's cards to print and cut out, from data/guest-cards.yml."""

    NAME = "guest-cards"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append every card."""
        try:
            deck = load_cards(Path(self.config["root"]) / "data" / "guest-cards.yml")
        except MingleError as err:
            self.stop(KitBuildError("cannot read the guest cards", [err]))
            return self.shown_error(parent)
        box = guest_cards(deck)
        parent.append(box)
        return box


class DeckBlock(SafeBlock):
    """`/// deck`: the Slides page's decks, every module's slides and each plan's running order (mingle.site.deck)."""

    NAME = "deck"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append the chooser and the slides; a broken page, exercise, plan or event file is named."""
        try:
            made = deck(self.config["root"], self.config["exercises"]())
        except KitBuildError as err:
            self.stop(err)
            return self.shown_error(parent)
        except MingleError as err:
            self.stop(KitBuildError("cannot make the slides", [err]))
            return self.shown_error(parent)
        parent.append(made)
        return made


class ProgressBlock(SafeBlock):
    """`/// progress`: every exercise and checklist in the course, and the controls of the My progress page."""

    NAME = "progress"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append the name box, the buttons, a status line and the lists the browser fills in from storage."""
        try:
            el, exercises = element, self.config["exercises"]()
            placed, checklists, modules = course_map(self.config["docs_dir"])
        except ProblemsError as err:
            self.stop(KitBuildError("cannot map the course", [err]))
            return self.shown_error(parent)
        except KitBuildError as err:
            self.stop(err)
            return self.shown_error(parent)
        box = el(parent, "div", class_="mingle-progress", data_progress="")
        who = el(box, "div", class_="mingle-learner")
        el(who, "label", "Your name (used in your answer file)", for_="mingle-progress-name")
        el(who, "input", type="text", id="mingle-progress-name", data_role="learner-name", autocomplete="name",
           maxlength="80")
        actions = el(box, "div", class_="mingle-actions")
        el(actions, "button", "Download all my answers", type="button", class_="md-button md-button--primary",
           data_action="download-all")
        load = el(actions, "label", class_="md-button mingle-load")
        el(load, "span", "Load answers")
        el(load, "input", type="file", accept=".json,application/json", class_="mingle-file", data_action="load-all")
        el(actions, "button", "Print my certificate", type="button", class_="md-button", data_action="certificate")
        el(actions, "button", "Reset all my progress", type="button", class_="md-button", data_action="reset-all")
        confirm = el(box, "div", class_="mingle-confirm", hidden="hidden")
        el(confirm, "p", "This clears every answer, score and tick, and your name, from this browser. It can't be "
           "undone, so download your answers first if you might want them.")
        el(confirm, "button", "Yes, clear everything", type="button", class_="md-button", data_action="reset-yes")
        el(confirm, "button", "No, keep my progress", type="button", class_="md-button md-button--primary",
           data_action="reset-no")
        el(box, "div", class_="mingle-result", role="status")
        el(box, "h2", "Exercises")
        box.extend(unsearched([_exercise_list(exercises, placed, modules)]))
        el(box, "h2", "Checklists")
        ticks = el(box, "ul", class_="mingle-progress-checklists")
        for ref in (c for c in checklists if not c.page.startswith("presenters/")):  # a learner's lists only
            el(ticks, "li", ref.label, data_checklist=ref.id, data_page=ref.page, data_page_title=ref.page_title,
               data_items=str(ref.items))
        return box


def _exercise_list(exercises: dict, placed: dict, modules: dict) -> etree.Element:
    """The progress page's list of every exercise, in the order learners meet them, each with its model."""
    listing = element(None, "ul", class_="mingle-progress-exercises")
    on_page = {exercise_id: n for n, exercise_id in enumerate(placed)}
    for exercise in sorted(exercises.values(), key=lambda e: (e.module, on_page.get(e.id, len(on_page)), e.id)):
        ref = placed.get(exercise.id)
        element(listing, "li", exercise.title, data_exercise=exercise.id, data_module=str(exercise.module),
                data_page=ref.page if ref else modules.get(exercise.module, ""),
                data_module_title=ref.page_title if ref else None, data_model=model_json(exercise))
    return listing


class DiagramBlock(SafeBlock):
    """`/// diagram | <shape>`: a list drawn as a diagram, for a list that is not a checklist."""

    NAME = "diagram"
    ARGUMENT = None  # optional to pymdownx, so that a missing shape reaches on_validate and fails loudly
    OPTIONS = {key: ["", type_any] for key in OPTION_KEYS["diagram"]}

    def on_validate(self, parent: etree.Element) -> bool:
        """The shape comes from the argument; the rest as for any diagram."""
        given = {k: v for k, v in self.options.items() if k != "attrs" and v not in ("", None)}
        try:
            self.diagram = check_block(self.where, self.NAME, self.argument, given, "")["diagram"]
        except KitBuildError as err:
            return self.stop(err)
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        """The container the list is parsed into."""
        self.shown_error(parent)
        return etree.SubElement(parent, "div", {"class": "mingle-block mingle-diagram-block"})

    def on_end(self, block: etree.Element) -> None:
        """Draw the list."""
        if self.error:
            return
        try:
            diagrams.draw(self.where, block, self.diagram, self.diagram["caption"])
        except KitBuildError as err:
            self.stop(err)
            block.insert(0, error_box(None, "This block has a problem", self.error))


class UnreadBlocks(Treeprocessor):
    """A kit block pymdownx could not read (options that are not valid YAML) would print as a paragraph of
    `///` text: stop the build naming it instead (or, under `make serve`, show the problem in its place)."""

    def __init__(self, md, names, show: bool):
        super().__init__(md)
        self.pattern = re.compile(r"^/// ?(" + "|".join(map(re.escape, sorted(names))) + r")\b[^\n]*")
        self.show = show

    def run(self, root: etree.Element) -> None:
        """Find each paragraph that is really an unread block (looking at paragraphs only: most pages have none)."""
        unread = [p for p in root.iter("p") if p.text and self.pattern.match(p.text)]
        parents = {child: parent for parent in root.iter() for child in parent} if unread else {}
        for child in unread:
            found, parent = self.pattern.match(child.text), parents[child]
            err = KitBuildError(f"{found.group(0).strip()}: the block could not be read: check the options "
                                "under its first line are `key: value` lines, indented four spaces (quote a "
                                "value that holds a colon or starts with a quote mark), and that the first line "
                                "has an argument after `|` only where the block takes one (the Exercise format "
                                "page lists them)")
            if not self.show:
                stop(err)
            n = list(parent).index(child)
            parent.remove(child)
            parent.insert(n, error_box(None, "This block has a problem", [str(err)]))


def _options(name: str) -> dict:
    """A container's options, each any value (checked in on_validate, so a wrong one stops the build by name)."""
    return {key: ["", type_any] for key in OPTION_KEYS.get(name, ())}


# One KitBlock class per plain container (`ObjectivesBlock`, `SceneBlock`, …), made once for every page.
CONTAINER_BLOCKS = [type(f"{name.title()}Block", (KitBlock,), {"NAME": name, "OPTIONS": _options(name)})
                    for name in CONTAINERS if name not in (ChecklistBlock.NAME, FacilitatorBlock.NAME)]


def _known(exercises: dict, wanted: str | None, block: str) -> None:
    """Stop the build unless `wanted` names an exercise."""
    valid = ", ".join(sorted(exercises))
    if not wanted:
        raise KitBuildError(f"/// {block}: missing the exercise id (/// {block} | <id>); valid ids: {valid}")
    if wanted not in exercises:
        raise KitBuildError(f"/// {block} | {wanted}: no such exercise; valid ids: {valid}")


def unsearched(elements: list[etree.Element]) -> list[etree.Element]:
    """The elements as a block puts them on a page: their words taken as written (Markdown reads them no further)
    and kept out of the site's search, where what blocks make from the kit's data (forms, worksheets, answer keys,
    agendas, the progress list) would crowd the pages' own words out of the results, answers included."""
    for node in elements:
        for inner in node.iter():
            inner.text = AtomicString(inner.text) if inner.text else inner.text
            inner.tail = AtomicString(inner.tail) if inner.tail else inner.tail
        _search_exclude(node)
    return elements


def _search_exclude(node: etree.Element) -> None:
    """Mark the element `data-search-exclude`, or, where an element of its tag sits inside it, its children: Material's
    search tells elements apart by tag, so it stops skipping a marked one when a same-tagged one inside it closes. A
    value is given, so that Material takes the mark out of the page once the page is indexed."""
    if any(inner.tag == node.tag for inner in node.iter() if inner is not node):
        for child in node:
            _search_exclude(child)
    else:
        node.set("data-search-exclude", "true")


def exercises_in(folder: str) -> dict:
    """All exercises in a folder, read again whenever a file's content changes (live reload); invalid files stop the
    build."""
    exercises, problems = readings.exercises(folder)
    if problems:
        raise KitBuildError("invalid exercise files", problems)
    return exercises


class MingleBlocksExtension(BlocksExtension):
    """Registers the kit's blocks; the first exercise block loads (and so validates) every exercise file."""

    def __init__(self, *args, **kwargs):
        """Options: the exercises and pages folders; whether to run the content rules; show problems or stop."""
        self.config = {"exercises_dir": ["exercises", "Folder of exercise YAML files"],
                       "docs_dir": ["docs", "Folder of the site's Markdown pages, scanned by /// progress"],
                       "course_rules": [False, "Run the kit's content rules over the course before each page"],
                       "show_errors": [False, "Show problems on the page instead of stopping (for `make serve`)"]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        """Register every block; exercises load on first use, so a bad file fails the page build cleanly."""
        folder, docs, show = self.getConfig("exercises_dir"), self.getConfig("docs_dir"), self.getConfig("show_errors")

        def exercises() -> dict:
            return exercises_in(folder)

        for block in CONTAINER_BLOCKS:
            block_mgr.register(block, {"show_errors": show, "docs_dir": docs})
        block_mgr.register(ChecklistBlock, {"show_errors": show, "docs_dir": docs})
        block_mgr.register(FacilitatorBlock, {"show_errors": show, "docs_dir": docs, "exercises": exercises})
        block_mgr.register(DiagramBlock, {"show_errors": show})
        block_mgr.register(SlideBlock, {"show_errors": show})
        block_mgr.register(ExerciseBlock, {"exercises": exercises, "show_errors": show})
        block_mgr.register(AnswerKeyBlock, {"exercises": exercises, "show_errors": show})
        block_mgr.register(ProgressBlock, {"exercises": exercises, "docs_dir": docs, "show_errors": show})
        root = Path(folder).resolve().parent  # data/, docs/ and activities/ sit beside exercises/
        block_mgr.register(ActivityBlock, {"folder": root / "activities", "show_errors": show})
        block_mgr.register(AgendaBlock, {"root": root, "show_errors": show})
        block_mgr.register(GuestCardsBlock, {"root": root, "show_errors": show})
        block_mgr.register(DeckBlock, {"root": root, "exercises": exercises, "show_errors": show})
        block_mgr.register(ContentRulesBlock, {})
        block_mgr.register(ModuleCountBlock, {"docs_dir": docs})
        block_mgr.register(WhatCountsBlock, {"exercises": exercises, "show_errors": show})
        # After attr_list (8), so an author's `{ .slide }` mark is on the element when the slide parts are marked.
        md.treeprocessors.register(PresentTreeprocessor(md), "mingle-present", 5)
        md.treeprocessors.register(UnreadBlocks(md, block_mgr.blocks, bool(show)), "mingle-unread-blocks", 25)
        md.preprocessors.register(PageHeading(md), "mingle-page-heading", 35)  # before the blocks read the page
        if self.getConfig("course_rules"):  # runs after whitespace is normalised (30), which strips stash marks
            rules = CourseRulesPreprocessor(md, rules_root(folder), bool(show))
            md.preprocessors.register(rules, "mingle-course-rules", 25)


def makeExtension(*args, **kwargs):
    """Entry point for Python-Markdown."""
    return MingleBlocksExtension(*args, **kwargs)
