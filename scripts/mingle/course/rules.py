"""The kit's content rules as data: what `mingle check`, the site build and the Adapting page all read."""

from __future__ import annotations

from dataclasses import dataclass

MODULES_FOLDER = "modules"  # under docs/: every page in it is a module page
PRESENTERS_FOLDER = "presenters"  # under docs/: the only pages that may hold presenter-only blocks
SOURCES_PAGE = "about-the-sources.md"  # its `{#key}` anchors are the keys a module's `sources` may name

PAGE_KEYS = ("title", "description")
MODULE_KEYS = ("title", "description", "module", "teaching", "exercises", "sources")
MODULE_NUMBERS = (0, 99)  # the same range an exercise's `module` takes
WELCOME = 0  # the Welcome module teaches the kit itself, so it needs no scene and no exercise

FIRST_BLOCK = "objectives"
LAST_BLOCK = "key-points"
EVERY_MODULE_HAS = ("checklist", "discuss", "try-this", "facilitator")
BEYOND_WELCOME_HAS = ("scene", "exercise")
PRESENTER_ONLY = ("answer-key", "agenda", "guest-cards", "deck")
BLOCKS = ("objectives", "key-points", "discuss", "try-this", "facilitator", "scene", "checklist", "pipeline",
          "diagram", "exercise", "answer-key", "agenda", "guest-cards", "progress", "content-rules", "module-count",
          "slide", "deck", "activity", "what-counts")

WORDS = (500, 1200)
SLIDE_WORDS = 40  # words of body on one slide, its heading not counted
SLIDE_ITEMS = 6  # items in any one list or table on a slide
SLIDE_KINDS = ("content", "discussion", "key-points")  # the slides a page's own words fill
READING_GRADE = 9  # Flesch-Kincaid, as textstat measures it

# How long answering takes in a room, to time a module's exercises against its `exercises` minutes.
CHOICE_SECONDS = 40  # a question with options: read it and its options, choose, read the feedback
TICK_SECONDS = 10  # a rating or a tick: one quick judgement of a line the learner has just read
WRITTEN_MINUTES = 3  # a written answer: think, write two to five sentences, read them back
# Where an exercise is done, when not in the room within its module's minutes: an exercise block's `when:` option,
# and how the notes for presenters name it.
WHEN = {"on arrival": "As people arrive", "at the close": "In the wrap-up at the end of the session",
        "at home": "At home"}
WRAP_UP_MINUTES = 15  # the after check, the feedback form, answer codes, the debrief and questions


@dataclass(frozen=True)
class Rule:
    """One content rule: its name (shown after every problem it finds), where it applies and what it asks."""

    name: str
    applies: str
    says: str


def _listed(names) -> str:
    """Block names as `/// a`, `/// b` and `/// c`."""
    shown = [f"`/// {name}`" for name in names]
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


RULES = (
    Rule("front-matter", "every page",
         f"The page opens with front matter between `---` lines that gives `{PAGE_KEYS[0]}` and `{PAGE_KEYS[1]}` "
         "as text."),
    Rule("module-front-matter", f"pages in `docs/{MODULES_FOLDER}/`",
         "The front matter has exactly these keys: " + ", ".join(f"`{k}`" for k in MODULE_KEYS) +
         f". `module` is a whole number from {MODULE_NUMBERS[0]} to {MODULE_NUMBERS[1]}; `teaching` and "
         "`exercises` are whole minutes (teaching at least 1); `sources` is a list, empty or naming sources by "
         f"the `{{#key}}` anchors of `docs/{SOURCES_PAGE}`."),
    Rule("module-number", f"pages in `docs/{MODULES_FOLDER}/`", "No two module pages share a `module` number."),
    Rule("first-heading", f"pages in `docs/{MODULES_FOLDER}/`",
         "The first line after the front matter is `# ` followed by the `title`, word for word."),
    Rule("module-blocks", f"pages in `docs/{MODULES_FOLDER}/`",
         f"The first block is `/// {FIRST_BLOCK}` and the last is `/// {LAST_BLOCK}`. Every module has "
         f"{_listed(EVERY_MODULE_HAS)}; every module but the Welcome (module {WELCOME}) also has "
         f"{_listed(BEYOND_WELCOME_HAS)}."),
    Rule("module-length", f"pages in `docs/{MODULES_FOLDER}/`",
         f"The prose runs to {WORDS[0]:,}–{WORDS[1]:,} words (headings, lists and blocks count; block markers "
         "and link addresses do not)."),
    Rule("reading-grade", f"pages in `docs/{MODULES_FOLDER}/`",
         f"The prose reads at a Flesch-Kincaid grade of {READING_GRADE} or below: short sentences, everyday "
         "words. `mingle check` and the tests measure it; the site build does not."),
    Rule("slide-budget", f"pages in `docs/{MODULES_FOLDER}/`",
         f"Every slide the page makes (a section's lists, tables, pictures and marked paragraphs, its discussion "
         f"questions, its key points) holds at most {SLIDE_WORDS} words besides its heading, and no list or table "
         f"of more than {SLIDE_ITEMS} items. Say the rest: plain paragraphs, scenes' stories and notes for "
         "presenters go to the speaker's notes, never on the wall. `mingle check` measures it, naming the page and "
         "the slide, where the site's packages are installed; the site build does not."),
    Rule("known-block", "every page",
         "Every block is one the kit knows: " + _listed(BLOCKS) + "."),
    Rule("block-options", "every page",
         "A block's options (indented `key: value` lines under its first line) are ones it takes: a scene's "
         "`picture` names a drawing in `docs/assets/mingle/pictures/` and its `alt` says what the drawing shows; "
         "a diagram (`/// diagram | shape`, or `diagram:` on a checklist) has a shape the kit draws, a `caption`, "
         "a `centre` only when it branches, and one icon per item if any."),
    Rule("presenter-only", "every page",
         f"{_listed(PRESENTER_ONLY)} show presenters' material, so they sit only on pages in "
         f"`docs/{PRESENTERS_FOLDER}/`, never on a page learners read."),
    Rule("exercise-known", "every page",
         "`/// exercise | id` and `/// answer-key | id` name an exercise in `exercises/` (`all` for every key)."),
    Rule("exercise-once", "the whole site",
         "Each exercise is placed with `/// exercise | id` on one page only (a learner's answers are kept "
         "under its id)."),
    Rule("exercise-module", "the whole site",
         "An exercise sits on the module page whose `module` number is the exercise's own `module`."),
    Rule("exercise-placed", "the whole site",
         "Every exercise in `exercises/` sits on a page: on no page, learners would never see it."),
    Rule("checklist-once", "the whole site",
         "Each `/// checklist | id` id is used once in the whole site (a learner's ticks are kept under it)."),
    Rule("exercise-file", "`exercises/`",
         "Every exercise file is valid, as the Exercise format page describes."),
    Rule("activity-file", "`activities/` and `data/blocked-words.yml`",
         "Every live activity file is valid, as the Live activities page describes, and its id is not also an "
         "exercise's; the blocked words file, if the course has one, lists single words under `words`."),
    Rule("activity-known", "every page and `data/sessions.yml`",
         "`/// activity | id`, and `live: id` on a plan's activity, name an activity in `activities/`."),
    Rule("session-plans", "`data/sessions.yml`",
         "The plans file reads cleanly, every slot names a module page or an activity it lists, and every "
         "module a plan shortens says what to `keep` and what to `cut`."),
    Rule("plan-fits", "`data/sessions.yml`",
         "A plan's slots add up to its `minutes`. This one is a warning, not an error: the agenda shows the "
         "overrun and `mingle check` says so, but both still finish."),
    Rule("wrap-up", "`data/sessions.yml`",
         f"A plan ends with a wrap-up: an activity of at least {WRAP_UP_MINUTES} minutes, time enough for the after "
         "check, the feedback form, answer codes, a look at the room's results and questions. A warning, like "
         "`plan-fits`."),
    Rule("exercise-time", f"pages in `docs/{MODULES_FOLDER}/`",
         "The exercises done in the room fit the page's `exercises` minutes, timed at about "
         f"{CHOICE_SECONDS} seconds for a question with options to choose from (read it, choose, read the "
         f"feedback), {TICK_SECONDS} seconds for a rating or a tick (one quick judgement) and {WRITTEN_MINUTES} "
         "minutes for a written answer (think, write a few sentences, read them back); a point the page checks "
         "itself takes no time. An exercise given `when:` (" + ", ".join(f"`{w}`" for w in WHEN) + ") is not "
         "timed against the module. A warning: give the module more minutes, cut questions, or send an exercise "
         "home."),
    Rule("timing-once", f"pages in `docs/{MODULES_FOLDER}/`",
         "The notes for presenters (`/// facilitator`) do not write the page's `teaching` or `exercises` minutes, "
         "or their total, a second time: the build opens the notes with a timing line made from the front "
         "matter. A warning."),
    Rule("guest-cards", "`data/guest-cards.yml`", "The guest cards file reads cleanly."),
)

BY_NAME = {rule.name: rule for rule in RULES}
