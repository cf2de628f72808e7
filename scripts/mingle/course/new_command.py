"""`mingle new module "Title"` and `mingle new exercise ID --kind KIND`: rule-keeping skeletons, never overwriting."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from string import Template

from mingle import reading
from mingle.course import rules
from mingle.errors import ExerciseError, MingleError, ProblemsError, UsageError
from mingle.exercises import ID, parse_exercise

SKELETONS = Path(__file__).with_name("skeletons")
KINDS = ("single", "multiple", "rating", "check", "match", "text")


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle new` and its two kinds of skeleton."""
    parser = sub.add_parser("new", help="start a new module or exercise from a skeleton",
                            description="Write a skeleton that already keeps the kit's rules, in the kit in the "
                                        "current folder, and say which files to edit next. Never overwrites.")
    what = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    module = what.add_parser("module", help="a module page (and its exercise)",
                             description="Write docs/modules/NN-<slug>.md and exercises/<slug>.yml.")
    module.add_argument("title", help="the module's title, in quotes")
    module.add_argument("--number", type=int, help="its module number (default: one after the highest)")
    exercise = what.add_parser("exercise", help="an exercise file",
                               description="Write exercises/ID.yml with one kind of question.")
    exercise.add_argument("id", help="the exercise's id: lower-case letters, digits and hyphens")
    exercise.add_argument("--kind", required=True, choices=KINDS, help="the kind of question it starts with")
    exercise.add_argument("--module", type=int, help="the module it belongs to (default: the highest module)")
    exercise.add_argument("--title", help="its title (default: made from the id)")
    for command in (module, exercise):
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="show a traceback for unexpected errors")
    parser.set_defaults(run=run)
    return parser


def module_numbers(modules: Path) -> dict[int, Path]:
    """The module numbers already taken, from the pages' front matter (unreadable pages are left to check)."""
    taken = {}
    for path in sorted(modules.glob("*.md")):
        try:
            number = reading.read_front_matter(path)[0].get("module")
        except ProblemsError:
            continue
        if isinstance(number, int) and not isinstance(number, bool):
            taken[number] = path
    return taken


def slug(title: str) -> str:
    """A file name and id from a title: lower-case words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def exercise_text(eid: str, kind: str, title: str, module: int) -> str:
    """A skeleton exercise file of one kind; refused (with its problems) unless it validates."""
    text = Template((SKELETONS / f"{kind}.yml").read_text(encoding="utf-8")).substitute(
        id=eid, title=json.dumps(title, ensure_ascii=False), module=module)
    file = f"exercises/{eid}.yml"
    _, problems = parse_exercise(reading.parse_yaml(text, file), file, eid)
    if problems:
        raise ExerciseError(problems)
    return text


def _write(files: dict[Path, str]) -> None:
    """Write every file, or none if any is already there."""
    there = [str(path) for path in files if path.exists()]
    if there:
        raise MingleError(f"{', '.join(there)}: already there; nothing written (choose another name, or edit it)")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


def _next(steps: list[str]) -> None:
    """Say which files to edit next."""
    print("next:")
    for n, step in enumerate(steps, start=1):
        print(f"  {n}. {step}")


def new_module(title: str, number: int | None) -> None:
    """The module page and its single-choice exercise."""
    modules = Path("docs") / rules.MODULES_FOLDER
    if not modules.is_dir():
        raise UsageError(f"{modules}: no such folder; run from the kit's folder")
    name, taken = slug(title), module_numbers(modules)
    if not name or not title.strip():
        raise UsageError("the title needs at least one letter or digit")
    number = max(taken, default=-1) + 1 if number is None else number
    low, high = rules.MODULE_NUMBERS
    if not low <= number <= high or number in taken:
        raise UsageError(f"--number {number}: expected a free module number from {low} to {high}"
                         + (f"; {taken[number]} has it" if number in taken else ""))
    page, exercise = modules / f"{number:02d}-{name}.md", Path("exercises") / f"{name}.yml"
    for same in sorted(modules.glob(f"[0-9]*-{name}.md")):
        raise MingleError(f"{same}: a module by that name is already there; nothing written")
    text = Template((SKELETONS / "module.md").read_text(encoding="utf-8")).substitute(
        title=title.strip().replace('"', "'"), number=number, slug=name)
    _write({page: text, exercise: exercise_text(name, "single", title.strip(), number)})
    _next([f"write the module in {page}: every block is in place; the lesson needs {rules.WORDS[0]:,}–"
           f"{rules.WORDS[1]:,} words (the Adapting page lists the rules)",
           f"write the exercise in {exercise} (the Exercise format page explains each setting)",
           f"add {page.relative_to('docs').as_posix()} to the Course list under nav in mkdocs.yml",
           "add the module to a plan in data/sessions.yml if presenters should use it",
           "run make check"])


def new_exercise(eid: str, kind: str, module: int | None, title: str | None) -> None:
    """One exercise file of one kind."""
    if not ID.match(eid):
        raise UsageError(f"{eid!r}: expected an id of lower-case letters, digits and hyphens, such as pub-manners")
    folder = Path("exercises")
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder; run from the kit's folder")
    taken = module_numbers(Path("docs") / rules.MODULES_FOLDER)
    module = max(taken, default=0) if module is None else module
    title = title or eid.replace("-", " ").capitalize()
    path = folder / f"{eid}.yml"
    _write({path: exercise_text(eid, kind, title, module)})
    page = taken.get(module)
    _next([f"write the questions, answers and advice in {path} (the Exercise format page explains each setting)",
           f"put it on {page if page else f'the page of module {module}'} with the two lines "
           f"'/// exercise | {eid}' and '///'",
           "run make check"])


def run(args) -> int:
    """Write the skeleton asked for; problems raise (exit 1), bad requests are usage errors (exit 2)."""
    if args.what == "module":
        new_module(args.title, args.number)
    else:
        new_exercise(args.id, args.kind, args.module, args.title)
    return 0
