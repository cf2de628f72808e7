"""Markdown extension `mingle.blocks`: the kit's blocks (exercises, keys, objectives, notes…) for pages."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path

from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_html_identifier

from mingle.errors import MingleError
from mingle.exercises import load_exercises
from mingle.render import answer_key, exercise_form, worksheet

# name -> (title shown at the top of the block, or None for no title)
CONTAINERS = {
    "objectives": "By the end of this module",
    "key-points": "Key points",
    "discuss": "Talk it over",
    "try-this": "Try this week",
    "facilitator": "Facilitator notes",
    "scene": None,
    "checklist": None,
    "pipeline": "The old marketing pipeline: an anti-pattern",
}


class KitBlock(Block):
    """A titled container for Markdown content: `/// objectives`, `/// scene | Title`, …"""

    ARGUMENT = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Make the container and its title."""
        box = etree.SubElement(parent, "div", {"class": f"mingle-block mingle-{self.NAME}"})
        title = self.argument if self.NAME == "scene" and self.argument else CONTAINERS[self.NAME]
        if self.NAME == "checklist":
            box.set("data-checklist", self.argument or "")
        elif self.NAME == "facilitator":
            box.set("data-audience", "presenter")
        if title:
            head = etree.SubElement(box, "p", {"class": "mingle-block-title"})
            head.text = AtomicString(title)
        return box


class ChecklistBlock(KitBlock):
    """`/// checklist | id`: a task list whose ticks the browser keeps under this id."""

    NAME = "checklist"
    ARGUMENT = True

    def on_validate(self, parent: etree.Element) -> bool:
        """The id must be a plain identifier."""
        type_html_identifier(self.argument)
        return True


class ExerciseBlock(Block):
    """`/// exercise | <id>`: the web form and its printed worksheet."""

    NAME = "exercise"
    ARGUMENT = True

    def on_validate(self, parent: etree.Element) -> bool:
        """An unknown id fails the build, listing the valid ones."""
        _known(self.config["exercises"], self.argument, self.NAME)
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append the form and the worksheet."""
        exercise = self.config["exercises"][self.argument]
        box = etree.SubElement(parent, "div", {"class": "mingle-exercise-block"})
        box.append(exercise_form(exercise))
        box.append(worksheet(exercise))
        return box


class AnswerKeyBlock(Block):
    """`/// answer-key | <id>` (or `all`): answer keys, for presenters' pages only."""

    NAME = "answer-key"
    ARGUMENT = True

    def on_validate(self, parent: etree.Element) -> bool:
        """An unknown id fails the build, listing the valid ones."""
        if self.argument != "all":
            _known(self.config["exercises"], self.argument, self.NAME)
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Append one key, or every key in module order."""
        exercises = self.config["exercises"]
        box = etree.SubElement(parent, "div", {"class": "mingle-answer-keys"})
        chosen = (sorted(exercises.values(), key=lambda e: (e.module, e.id)) if self.argument == "all"
                  else [exercises[self.argument]])
        for exercise in chosen:
            box.append(answer_key(exercise))
        return box


def _known(exercises: dict, wanted: str, block: str) -> None:
    if wanted not in exercises:
        raise MingleError(f"/// {block} | {wanted}: no such exercise; valid ids: {', '.join(sorted(exercises))}")


@lru_cache(maxsize=4)
def _cached(folder: str, stamp: tuple) -> dict:
    return load_exercises(Path(folder))


def exercises_in(folder: str) -> dict:
    """All exercises in a folder, re-read only when a file changes (live reload)."""
    path = Path(folder)
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(path.glob("*.y*ml"))) if path.is_dir() else ()
    return _cached(str(path), stamp)


class MingleBlocksExtension(BlocksExtension):
    """Registers the kit's blocks; loads (and so validates) every exercise file."""

    def __init__(self, *args, **kwargs):
        """Options: `exercises_dir`, the folder of exercise files."""
        self.config = {"exercises_dir": ["exercises", "Folder of exercise YAML files"]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        """Register every block with the loaded exercises."""
        exercises = exercises_in(self.getConfig("exercises_dir"))
        for name in CONTAINERS:
            if name != "checklist":
                block_mgr.register(type(f"{name.title()}Block", (KitBlock,), {"NAME": name}), {})
        block_mgr.register(ChecklistBlock, {})
        block_mgr.register(ExerciseBlock, {"exercises": exercises})
        block_mgr.register(AnswerKeyBlock, {"exercises": exercises})


def makeExtension(*args, **kwargs):
    """Entry point for Python-Markdown."""
    return MingleBlocksExtension(*args, **kwargs)
