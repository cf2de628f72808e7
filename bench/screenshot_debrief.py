"""Make the debrief screenshot for docs/presenters/grading.md (`python -m bench.screenshot_debrief`): a demo room
graded with the benchmark's realistic answers, then shot in headless Chromium."""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.grading import FIRST, LAST, realistic_sheet
from mingle.browser import launch
from mingle.cli import main
from mingle.exercises import load_exercises

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "docs" / "presenters" / "img" / "debrief-report.png"
ROOM = ["conversation-or-broadcast", "strategy-readiness"]


def demo_room(folder: Path, size: int = 24) -> None:
    """A room of learners who each downloaded their answers to the same two exercises."""
    exercises = load_exercises(ROOT / "exercises")
    rng = random.Random(7)
    names = rng.sample([f"{first} {last}" for first in FIRST for last in LAST], size)
    for n, name in enumerate(names):
        data = realistic_sheet(rng, exercises, learner=name, chosen=ROOM)
        (folder / f"answers-{n:02d}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def shoot(report: Path, out: Path) -> None:
    """Screenshot the top of the debrief page, down to the first exercise's band table, as a projector shows it."""
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1100, "height": 1000}, device_scale_factor=1)
        page.goto(report.as_uri())
        table = page.locator("section.exercise").first.locator("table").first.bounding_box()
        page.screenshot(path=str(out),
                        clip={"x": 0, "y": 0, "width": 1100, "height": table["y"] + table["height"] + 24})
        browser.close()


def run() -> None:
    """Grade the demo room and save the screenshot."""
    with tempfile.TemporaryDirectory() as tmp:
        room = Path(tmp) / "room"
        room.mkdir()
        demo_room(room)
        report = Path(tmp) / "debrief.html"
        code = main(["grade", "--json", "--exercises", str(ROOT / "exercises"), "--html", str(report), str(room)])
        if code:
            raise SystemExit(f"grading the demo room failed with exit {code}")
        OUT.parent.mkdir(parents=True, exist_ok=True)
        shoot(report, OUT)
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    run()
