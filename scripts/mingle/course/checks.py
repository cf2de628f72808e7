"""The content rules run over any course: every problem is `file: place: message (rule)`; plan overruns warn."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from mingle import reading
from mingle.activities import check_activities, clashes, read_blocked
from mingle.course import rules as R
from mingle.course.pages import Page, prose, read_page, word_count
from mingle.errors import MingleError, Problem, ProblemsError
from mingle.exercises import check_exercises
from mingle.model import Exercise

ANCHOR = re.compile(r"\{#([\w-]+)\}")


@dataclass(frozen=True)
class Report:
    """What the rules found: problems (exit 1, the build stops) and warnings (said, but nothing stops)."""

    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    pages: int
    exercises: int


def problem(file: str, place: str, message: str, rule: str) -> Problem:
    """One finding, its rule's name after the message."""
    assert rule in R.BY_NAME, rule
    return Problem(file, place, f"{message} ({rule})")


def _is_module(page: Page) -> bool:
    return page.path.startswith(R.MODULES_FOLDER + "/")


def _block(block) -> str:
    """Where a block is: its line and how it was written."""
    return f"line {block.line}: /// {block.name}" + (f" | {block.argument}" if block.argument else "")


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _minutes(value, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def page_problems(page: Page, sources: set[str]) -> Iterator[Problem]:
    """The rules one page must keep on its own."""
    f = page.file
    for key in R.PAGE_KEYS:
        if not _text(page.meta.get(key)):
            yield problem(f, "front matter", f"no `{key}`; give it as text, such as `{key}: …`", "front-matter")
    for block in page.blocks:
        if block.name not in R.BLOCKS:
            yield problem(f, _block(block), "the kit has no such block; see the Adapting page for the blocks",
                          "known-block")
        elif block.options or block.name == "diagram":
            yield from _option_problems(page, block)
        if block.name in R.PRESENTER_ONLY and not page.path.startswith(R.PRESENTERS_FOLDER + "/"):
            yield problem(f, _block(block), f"presenters' material on a page learners read; move it to a page in "
                          f"docs/{R.PRESENTERS_FOLDER}/", "presenter-only")
    if _is_module(page):
        yield from _module_front_matter(page, sources)
        yield from _module_shape(page)


def _option_problems(page: Page, block) -> Iterator[Problem]:
    """A block's options, checked as the build checks them (a picture's drawing read, a diagram's icons counted)."""
    from mingle.course.options import check_block  # the pictures and diagrams module; plain Python, no Markdown
    from mingle.course.pictures import icon_folders

    where = f"/// {block.name}" + (f" | {block.argument}" if block.argument else "")
    try:
        options = reading.load_options(block.options) if block.options else {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" (option line {mark.line + 1})" if mark else ""
        yield problem(page.file, _block(block), f"the options are not valid YAML{at}: quote a value that holds a "
                      "colon or starts with a quote mark", "block-options")
        return
    if not isinstance(options, dict):
        yield problem(page.file, _block(block), "the options must be `key: value` lines", "block-options")
        return
    docs = page.file[: len(page.file) - len(page.path)] or "."
    try:
        check_block(where, block.name, block.argument, {str(k): v for k, v in options.items()}, docs,
                    items=block.items, resolve=bool(icon_folders()))
    except MingleError as err:
        yield problem(page.file, _block(block), str(err).removeprefix(where + ": "), "block-options")


def _module_front_matter(page: Page, sources: set[str]) -> Iterator[Problem]:
    """A module page's front matter: exactly the module keys, each of the right kind."""
    f, meta = page.file, page.meta
    for key in R.MODULE_KEYS:
        if key not in meta:
            yield problem(f, f"front matter: {key}", "missing", "module-front-matter")
    for key in meta:
        if key not in R.MODULE_KEYS:
            yield problem(f, f"front matter: {key}", f"unknown key; expected {', '.join(R.MODULE_KEYS)}",
                          "module-front-matter")
    low, high = R.MODULE_NUMBERS
    if "module" in meta and not (_minutes(meta["module"], low) and meta["module"] <= high):
        yield problem(f, "front matter: module", f"expected a whole number from {low} to {high}, got "
                      f"{meta['module']!r}", "module-front-matter")
    for key, least in (("teaching", 1), ("exercises", 0)):
        if key in meta and not _minutes(meta[key], least):
            yield problem(f, f"front matter: {key}", f"expected whole minutes ({least} or more), got {meta[key]!r}",
                          "module-front-matter")
    named = meta.get("sources", [])
    if not isinstance(named, list):
        yield problem(f, "front matter: sources", f"expected a list such as [{next(iter(sorted(sources)), 'key')}], "
                      f"got {named!r}", "module-front-matter")
        return
    for key in named:
        if key not in sources:
            yield problem(f, "front matter: sources", f"{key!r} is not a source; expected one of the anchors on "
                          f"docs/{R.SOURCES_PAGE}: {', '.join(sorted(sources)) or 'none there'}",
                          "module-front-matter")


def _module_shape(page: Page) -> Iterator[Problem]:
    """A module page's heading, blocks and length."""
    f, title = page.file, page.meta.get("title")
    blank = len(page.body) - len(page.body.lstrip("\n"))
    first = page.body[blank:].split("\n", 1)[0].rstrip()
    if _text(title) and first != f"# {title}":
        yield problem(f, f"line {page.first_line + blank}",
                      f"the first line should be the heading `# {title}`, found {first[:60]!r}", "first-heading")
    names = [b.name for b in page.blocks]
    if names[:1] != [R.FIRST_BLOCK]:
        yield problem(f, "blocks", f"the first block must be /// {R.FIRST_BLOCK}, found "
                      f"{'/// ' + names[0] if names else 'none'}", "module-blocks")
    if names[-1:] != [R.LAST_BLOCK]:
        yield problem(f, "blocks", f"the last block must be /// {R.LAST_BLOCK}, found "
                      f"{'/// ' + names[-1] if names else 'none'}", "module-blocks")
    needed = R.EVERY_MODULE_HAS + (R.BEYOND_WELCOME_HAS if page.meta.get("module") != R.WELCOME else ())
    for name in needed:
        if name not in names:
            yield problem(f, "blocks", f"no /// {name} block; every module "
                          f"{'but the Welcome ' if name in R.BEYOND_WELCOME_HAS else ''}has one", "module-blocks")
    words, (low, high) = word_count(prose(page.body)), R.WORDS
    if not low <= words <= high:
        yield problem(f, "prose", f"{words:,} words; a module runs to {low:,}–{high:,}", "module-length")


def reading_problems(page: Page) -> Iterator[Problem]:
    """A module page's reading grade (textstat: a test-time tool, so the site build never needs it)."""
    import textstat

    grade = textstat.flesch_kincaid_grade(prose(page.body))
    if grade > R.READING_GRADE:
        yield problem(page.file, "prose", f"reads at Flesch-Kincaid grade {grade:.1f}, above {R.READING_GRADE}; "
                      "use shorter sentences and everyday words", "reading-grade")


def slide_problems(root: Path, page: Page, exercises: dict[str, Exercise], md=None) -> Iterator[Problem]:
    """A module page's slides over the budget, each named by its number in the module's deck and its heading (the
    page converted with `md`, a slidemaker.page_markdown that serves every page, when given)."""
    # The slides are the page's Markdown as the site makes it (the kit's blocks): only `mingle check` asks, and
    # only where the site's packages are installed, so the core and the build never load this.
    from mingle.course.slidemaker import items, module_slides, words

    for n, slide in enumerate(module_slides(Path(page.file), root / "exercises", root / "docs", exercises, md)):
        if slide.kind not in R.SLIDE_KINDS:
            continue
        said, most = words(slide), items(slide)
        where = f"slide {n + 1} ({slide.heading})"
        if said > R.SLIDE_WORDS:
            yield problem(page.file, where, f"{said} words on the wall; a slide holds at most {R.SLIDE_WORDS}: "
                          "move the rest to a paragraph, which the speaker's notes take", "slide-budget")
        if most > R.SLIDE_ITEMS:
            yield problem(page.file, where, f"a list of {most} items; a slide holds at most {R.SLIDE_ITEMS}",
                          "slide-budget")


def course_problems(pages: list[Page], exercises: dict[str, Exercise], broken: set[str]) -> Iterator[Problem]:
    """The rules that look across pages: module numbers, checklist and exercise ids, exercises on their module."""
    numbers: dict[int, Page] = {}
    for page in (p for p in pages if _is_module(p) and isinstance(p.meta.get("module"), int)):
        number = page.meta["module"]
        if number in numbers:
            yield problem(page.file, "front matter: module", f"module {number} is also {numbers[number].file}; "
                          "give each module its own number", "module-number")
        numbers.setdefault(number, page)
    seen: dict[tuple[str, str], tuple[Page, int]] = {}
    for page in pages:
        for block in page.blocks:
            if block.name == "exercise" or (block.name == "answer-key" and block.argument != "all"):
                if block.argument in broken:
                    continue  # its file's own problems are reported already
                if block.argument not in exercises:
                    yield problem(page.file, _block(block), f"no such exercise; valid ids: "
                                  f"{', '.join(sorted(exercises)) or 'none'}", "exercise-known")
                    continue
            if block.name not in ("exercise", "checklist"):
                continue
            rule = "exercise-once" if block.name == "exercise" else "checklist-once"
            first = seen.setdefault((block.name, block.argument), (page, block.line))
            if first != (page, block.line):
                yield problem(page.file, _block(block), f"this id is already used at {first[0].file} line "
                              f"{first[1]}; give each its own id", rule)
            elif block.name == "exercise":
                yield from _on_its_module(page, block, exercises[block.argument])


def _on_its_module(page: Page, block, exercise: Exercise) -> Iterator[Problem]:
    """An exercise block sits on the module page of the exercise's own `module`."""
    number = page.meta.get("module") if _is_module(page) else None
    if number != exercise.module:
        here = f"this page is module {number}" if number is not None else "this page is not a module page"
        yield problem(page.file, _block(block), f"the exercise says `module: {exercise.module}` but {here}; "
                      "change one to match", "exercise-module")


def activity_problems(root: Path, pages: list[Page], exercises: dict[str, Exercise]) -> Iterator[Problem]:
    """The live activities: their files, the blocked words, and every `/// activity | id` naming one."""
    activities, found = check_activities(root / "activities")
    found += clashes(activities, exercises)
    found += read_blocked(root)[1]
    yield from (problem(p.file, p.key, p.message, "activity-file") for p in found)
    broken = {Path(p.file).stem for p in found}
    for page in pages:
        for block in page.blocks:
            if block.name == "activity" and block.argument not in activities and block.argument not in broken:
                yield problem(page.file, _block(block), f"no such activity; valid ids: "
                              f"{', '.join(sorted(activities)) or 'none'}", "activity-known")
    yield from _live_in_plans(root, activities, broken)


def _live_in_plans(root: Path, activities: dict, broken: set[str]) -> Iterator[Problem]:
    """Each plan's `live:` names an activity (a plans file that cannot be read is the session-plans rule's)."""
    from mingle.course.agenda import load_for

    try:
        plans, _ = load_for(root)
    except MingleError:
        return
    for index, plan in enumerate(plans.values()):
        for n, slot in enumerate(plan.slots):
            if slot.live and slot.live not in activities and slot.live not in broken:
                yield problem(str(root / "data" / "sessions.yml"), f"plans[{index}].slots[{n}]",
                              f"live: {slot.live!r} is no such activity; valid ids: "
                              f"{', '.join(sorted(activities)) or 'none'}", "activity-known")


def plan_findings(root: Path) -> tuple[list[Problem], list[Problem]]:
    """Problems in the plans file, and a warning for each plan whose slots overrun its minutes.

    The plans take each module's minutes from its page's front matter. A page's problem is the page rules' to
    report (front-matter, module-page), so it is not said a second time here."""
    from mingle.course.agenda import load_for, schedule

    file = str(root / "data" / "sessions.yml")
    try:
        plans, start = load_for(root)
    except ProblemsError as err:
        return [problem(p.file, p.key, p.message, "session-plans") for p in err.problems if p.file == file], []
    except MingleError as err:
        return [problem(file, "", str(err), "session-plans")], []
    warnings = []
    for index, plan in enumerate(plans.values()):
        agenda = schedule(plan, start)
        if agenda.overrun:
            warnings.append(problem(file, f"plans[{index}]", f"plan {plan.id!r} runs {agenda.total} minutes, "
                            f"{agenda.overrun} more than its {plan.minutes}; shorten a slot or give the plan "
                            "more minutes", "plan-fits"))
    return [], warnings + list(wrap_up_warnings(file, plans))


def wrap_up_warnings(file: str, plans) -> Iterator[Problem]:
    """A warning for each plan that does not end with a wrap-up activity of the minutes the rule asks."""
    for index, plan in enumerate(plans.values()):
        last, place = plan.slots[-1], f"plans[{index}].slots[{len(plan.slots) - 1}]"
        if last.kind != "activity":
            yield problem(file, place, f"plan {plan.id!r} ends with {last.title!r}, not a wrap-up; end it with an "
                          f"activity of at least {R.WRAP_UP_MINUTES} minutes for the after check, the feedback "
                          "form, answer codes, the results and questions", "wrap-up")
        elif last.minutes < R.WRAP_UP_MINUTES:
            yield problem(file, place, f"plan {plan.id!r} gives its wrap-up ({last.title!r}) {last.minutes} "
                          f"minutes; the after check, the feedback form, answer codes, the results and questions "
                          f"need at least {R.WRAP_UP_MINUTES}", "wrap-up")


def timing_warnings(pages: list[Page], exercises: dict[str, Exercise]) -> Iterator[Problem]:
    """Module pages whose exercises done in the room overrun their minutes, or whose notes for presenters write
    the front matter's minutes a second time."""
    from mingle.course.timing import durations, exercise_seconds, page_timing

    for page in (p for p in pages if _is_module(p) and isinstance(p.meta.get("module"), int)):
        timing = page_timing(page, exercises)
        if timing is None:
            continue  # the front matter's own problem, said by module-front-matter
        if timing.needed > timing.exercises:
            each = ", ".join(f"{e.id} about {math.ceil(exercise_seconds(e) / 60)}" for e in timing.in_room)
            yield problem(page.file, "front matter: exercises", f"the exercises done in the room take about "
                          f"{timing.needed} minutes ({each}), more than the {timing.exercises} this page gives; "
                          "give `exercises` more minutes, cut questions, or mark an exercise `when: at home`",
                          "exercise-time")
        given = {"teaching": timing.teaching, "exercises": timing.exercises,
                 "teaching and exercises together": timing.teaching + timing.exercises}
        for block in (b for b in page.blocks if b.name == "facilitator"):
            for minutes in sorted(set(durations(_block_text(page, block)))):
                twice = [key for key, value in given.items() if value == minutes]
                if twice:
                    yield problem(page.file, _block(block), f"the notes say {minutes} minutes, which the front "
                                  f"matter gives already ({twice[0]}); the build opens the notes with the timing, "
                                  "so leave the number out", "timing-once")


def _block_text(page: Page, block) -> str:
    """The lines of a block's body, up to its closing `///`."""
    lines = page.body.splitlines()[block.line - page.first_line + 1:]
    return "\n".join(lines[:next((n for n, line in enumerate(lines) if line.strip() == "///"), len(lines))])


def card_problems(root: Path) -> list[Problem]:
    """Problems in the guest cards file, if the kit has one."""
    from mingle.course.guestcards import load_cards

    path = root / "data" / "guest-cards.yml"
    if not path.exists():
        return []
    try:
        load_cards(path)
    except ProblemsError as err:
        return [problem(p.file, p.key, p.message, "guest-cards") for p in err.problems]
    except MingleError as err:
        return [problem(str(path), "", str(err), "guest-cards")]
    return []


def _have_textstat() -> bool:
    """Whether the reading-grade tool is installed (it comes with the test dependencies)."""
    try:
        import textstat  # noqa: F401
    except ImportError:
        return False
    return True


def _have_site() -> bool:
    """Whether the site's packages are installed (the slide budget reads pages as the site makes them)."""
    try:
        import markdown  # noqa: F401
        import pymdownx  # noqa: F401
    except ImportError:
        return False
    return True


def read_pages(docs: Path) -> tuple[list[Page], list[Page], list[Problem]]:
    """Every Markdown page under docs/; the pages whose front matter cannot be read, read past it (no rule is run
    on them, but the blocks they hold are on the course: an exercise there is not "on no page"); and a problem for
    each page that cannot be read."""
    pages, unread, problems = [], [], []
    for path in sorted(docs.rglob("*.md")):
        try:
            pages.append(read_page(path, docs))
        except ProblemsError as err:
            problems += [problem(p.file, p.key or "front matter", p.message, "front-matter") for p in err.problems]
            try:
                unread.append(read_page(path, docs, front_matter=False))
            except ProblemsError:  # the text itself cannot be read (not UTF-8): said above
                pass
    return pages, unread, problems


def check_course(root: Path, readability: bool = False,
                 exercises_read: tuple[dict[str, Exercise], list[Problem]] | None = None,
                 slides: bool = False) -> Report:
    """Run every content rule over the kit at `root` (docs/, exercises/, data/); `readability` adds the grade,
    `slides` the slide budget.
    `exercises_read`: what check_exercises gave for root/exercises, when the caller has it (the site build)."""
    root = Path(root)
    exercises, found = exercises_read or check_exercises(root / "exercises")
    problems = [problem(p.file, p.key, p.message, "exercise-file") for p in found]
    pages, unread, problems_reading = read_pages(root / "docs")
    problems += problems_reading
    sources_page = root / "docs" / R.SOURCES_PAGE
    sources = set(ANCHOR.findall(sources_page.read_text(encoding="utf-8"))) if sources_page.is_file() else set()
    warnings = []
    if readability and not _have_textstat():
        readability = False
        warnings.append(problem(str(root / "docs"), "", "reading grade not measured: textstat is not installed "
                                "(make test installs it)", "reading-grade"))
    if slides and not _have_site():
        slides = False
        warnings.append(problem(str(root / "docs"), "", "slide budget not measured: the site's packages are not "
                                "installed (make check installs them)", "slide-budget"))
    markdown = None
    if slides:  # one Markdown for every module page's slides (making one costs about as much as a page)
        from mingle.course.slidemaker import page_markdown

        markdown = page_markdown(root / "exercises", root / "docs")
    for page in pages:
        problems += page_problems(page, sources)
        if readability and _is_module(page):
            problems += reading_problems(page)
        if slides and _is_module(page) and not found:
            try:
                problems += slide_problems(root, page, exercises, markdown)
            except MingleError:
                pass  # a page the site cannot make is reported by the rules above
    problems += course_problems(pages, exercises, {Path(p.file).stem for p in found})
    placed = {b.argument for page in pages + unread for b in page.blocks if b.name == "exercise"}
    problems += [problem(e.source, "id", f"exercise {e.id!r} is on no page; put '/// exercise | {e.id}' on the page "
                         f"of module {e.module}", "exercise-placed") for e in exercises.values() if e.id not in placed]
    problems += activity_problems(root, pages + unread, exercises)
    plan_problems, overruns = plan_findings(root)
    problems += plan_problems + card_problems(root)
    warnings += overruns + list(timing_warnings(pages, exercises))
    return Report(tuple(sorted(set(problems))), tuple(warnings), len(pages), len(exercises))
