"""Grader figures: grading 10,000 sheets (one exercise each, a mixed room's, then every exercise each) against merely
json.load-ing them, with and without the --json report written, and peak memory at 10k/100k sheets.

Times are this process's CPU time (user and system), not the wall clock: on a machine shared with other work the
wall clock measures the neighbours too, while the CPU time of the same work stays put.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mingle.exercises import load_exercises
from mingle.grade import inputs
from mingle.marking import grading, sheets
from mingle.marking.reports.machine import JsonReport
from mingle.model import Exercise, Item

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
SHEETS = 10_000
RSS_SHEETS = (10_000, 100_000)
PER_FOLDER = 1000
ROUNDS = 3
TARGET = 2.0  # grading (read, check and score) may cost at most twice json.load of the same files

FIRST = ["Ada", "Bo", "Chioma", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jamal", "Kai", "Lena", "Mateo",
         "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tomasz", "Una", "Vikram", "Wen", "Yusuf", "Zoë", "Łukasz"]
LAST = ["Okafor", "Lovelace", "Chen", "Patel", "García", "Nowak", "Smith", "O'Brien", "Kowalski", "Haddad",
        "Müller", "Jones", "Nakamura", "Ferreira", "Ahmed", "Björk"]
WORDS = ("We bake bread every morning and love hearing what our customers think about new flavours. "
         "What would you like to see on the shelf next week? Tell us in the comments and we will try it. "
         "Our team shares one useful tip each Friday about looking after wooden furniture in winter.").split()


def _text(rng: random.Random) -> str:
    """A free-text answer of a realistic length."""
    start = rng.randrange(len(WORDS))
    return " ".join((WORDS * 3)[start:start + rng.randint(12, 60)])


def _value(rng: random.Random, exercise: Exercise, item: Item, skill: float):
    """One answer as a learner of this skill might give it: mostly valid, sometimes missing, rarely invalid."""
    roll = rng.random()
    if roll < 0.06:
        return None
    if roll < 0.065:
        return rng.choice(["maybe", 99, [], "??"])
    if item.kind in ("single", "match"):
        options = [o.id for o in exercise.options_for(item)]
        return item.answer if rng.random() < skill else rng.choice(options)
    if item.kind == "multiple":
        right = set(item.answer)
        return [o.id for o in item.options
                if (o.id in right and rng.random() < skill) or (o.id not in right and rng.random() > skill)]
    if item.kind == "rating":
        s = exercise.scale
        return max(s.min, min(s.max, round(rng.gauss(s.min + skill * (s.max - s.min), 1))))
    if item.kind == "check":
        return rng.random() < skill
    return _text(rng)


def realistic_sheet(rng: random.Random, exercises: dict[str, Exercise], learner: str | None = None,
                    chosen: list[str] | None = None) -> dict:
    """An answer sheet like the site's Download button writes: usually one exercise, sometimes several."""
    ids = sorted(exercises)
    if chosen is None:
        chosen = [rng.choice(ids)] if rng.random() < 0.7 else rng.sample(ids, rng.randint(2, len(ids)))
    skill = rng.uniform(0.35, 0.95)
    answers = {}
    for exercise_id in chosen:
        exercise = exercises[exercise_id]
        items = {}
        for item in exercise.items:
            value = _value(rng, exercise, item, skill)
            if value is not None:
                items[item.id] = value
        answers[exercise_id] = items
    name = learner or f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return {"format": sheets.FORMAT, "learner": name, "answers": answers}


def write_sheets(folder: Path, count: int, exercises: dict[str, Exercise], seed: int = 2026,
                 shape: str = "realistic") -> None:
    """Write `count` sheets as pretty JSON into subfolders of 1,000 (as a presenter's downloads might be sorted).

    shape: "realistic" (mostly one exercise, sometimes several), "one" (one exercise each) or "full" (every one).
    """
    rng = random.Random(seed)
    ids = sorted(exercises)
    for n in range(count):
        sub = folder / f"batch-{n // PER_FOLDER:03d}"
        if n % PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        chosen = {"one": [rng.choice(ids)], "full": ids}.get(shape)
        data = realistic_sheet(rng, exercises, chosen=chosen)
        (sub / f"sheet-{n:06d}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def _paths(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*.json"))


def time_json_load(paths: list[str]) -> float:
    """Seconds to open and json.load every file: the floor any grader has to pay."""
    start = time.process_time()
    for path in paths:
        with open(path, encoding="utf-8") as file:
            json.load(file)
    return time.process_time() - start


def time_reading(folder: Path, exercises: dict[str, Exercise]) -> float:
    """Seconds to find, read, decode, parse and shape-check every sheet, without scoring them."""
    start = time.process_time()
    for _ in inputs.read_inputs([str(folder)], exercises):
        pass
    return time.process_time() - start


def time_grading(folder: Path, exercises: dict[str, Exercise], report: bool) -> tuple[float, int]:
    """Seconds to read, check and score every sheet in the folder (and write the --json report, if asked)."""
    sink = JsonReport(io.StringIO()) if report else None
    learners = 0
    start = time.process_time()
    for event in grading.grade(inputs.read_inputs([str(folder)], exercises), exercises):
        if isinstance(event, grading.LearnerResult):
            learners += 1
            if sink:
                sink.add(event)
    if sink:
        sink.finish()
    return time.process_time() - start, learners


def peak_rss(folder: Path) -> tuple[float, float, int]:
    """Peak RSS (MiB) and seconds of `mingle grade --json FOLDER` run in its own process, and its exit code.

    The peak is the kernel's VmHWM for that process, which starts afresh with the new program; getrusage's ru_maxrss
    would also count the copy of this (larger) benchmark process the child was forked from before it started.
    """
    code = ("import os, sys, time\n"
            "from mingle.cli import main\n"
            "sys.stdout = open(os.devnull, 'w')\n"
            "start = time.process_time()\n"
            f"rc = main(['grade', '--json', '--exercises', {str(EXERCISES)!r}, {str(folder)!r}])\n"
            "peak = next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:'))\n"
            "print(peak, time.process_time() - start, rc, file=sys.__stdout__)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    kib, seconds, rc = done.stdout.split()
    return int(kib) / 1024, float(seconds), int(rc)


def compare(folder: Path, exercises: dict[str, Exercise], label: str) -> float:
    """Print grading against json.load for one folder of sheets; returns the grading ratio (best of ROUNDS)."""
    paths = _paths(folder)
    size = sum(os.path.getsize(p) for p in paths)
    print(f"  {label}: {len(paths):,} sheets, {size / len(paths) / 1024:.1f} KiB each on average")
    time_json_load(paths)  # warm the page cache so every side reads from memory
    loads, reads, grades, full = [], [], [], []
    for _ in range(ROUNDS):
        loads.append(time_json_load(paths))
        reads.append(time_reading(folder, exercises))
        grades.append(time_grading(folder, exercises, report=False)[0])
        full.append(time_grading(folder, exercises, report=True)[0])
    load, read, grade, whole = min(loads), min(reads), min(grades), min(full)
    per = 1e6 / len(paths)

    def line(text: str, seconds: float) -> None:
        print(f"    {text:<40}{seconds:6.2f} s  {seconds * per:5.0f} µs/sheet  {seconds / load:5.2f}× json.load")

    line("json.load only", load)
    line("read and check (no scoring)", read)
    line(f"read, check and score (target ≤ {TARGET:g}×)", grade)
    line("... and write the --json report", whole)
    verdict = "within" if grade / load <= TARGET else "OVER"
    print(f"    grading is {grade / load:.2f}× json.load: {verdict} the {TARGET:g}× target; scoring is "
          f"{(grade - read) / grade:.0%} of it (best of {ROUNDS} rounds, same files, same run)")
    return grade / load


def main() -> None:
    """Print the grader's speed against the JSON parse floor for both sheet shapes, and its peak memory."""
    print("Grader")
    exercises = load_exercises(EXERCISES)
    with tempfile.TemporaryDirectory(prefix="mingle-bench-") as tmp:
        for shape, label in (("one", "one-exercise sheets"),
                             ("realistic", "mixed sheets (7 in 10 hold one exercise, the rest several)"),
                             ("full", f"full sheets (all {len(exercises)} exercises)")):
            room = Path(tmp) / shape
            write_sheets(room, SHEETS, exercises, shape=shape)
            compare(room, exercises, label)
            shutil.rmtree(room)

        empty = Path(tmp) / "empty"
        empty.mkdir()
        base, _, _ = peak_rss(empty)
        print(f"  peak RSS of `mingle grade --json`: no sheets (imports only) {base:6.1f} MiB")
        for count in RSS_SHEETS:
            room = Path(tmp) / f"room-{count}"
            write_sheets(room, count, exercises, seed=count)
            mib, seconds, rc = peak_rss(room)
            print(f"  peak RSS of `mingle grade --json`: {count:>7,} realistic sheets {mib:6.1f} MiB "
                  f"(+{mib - base:.1f} over imports; {seconds:.1f} s, exit {rc})")
            shutil.rmtree(room)


if __name__ == "__main__":
    main()
