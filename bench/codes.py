"""Answer code lengths (MINGLE2) for every exercise in the kit: targets 40 characters after the prefix for a
choice-only exercise, and the whole course's answers, written answers left out, well under SCORM's 4,096."""

from __future__ import annotations

from pathlib import Path

from mingle import codes
from mingle.exercises import load_exercises
from mingle.model import Exercise

ROOT = Path(__file__).resolve().parent.parent
NAME = "Ada Lovelace"
CHOICE_TARGET = 40
COURSE_TARGET = 4096
WRITTEN = ("I will post one question a week about what customers ask in the shop, and answer every reply "
           "the same day. On Fridays I will share one tip from the workshop.")


def longest_answers(exercise: Exercise) -> dict:
    """Every item answered with its last option (or every option, or the top of the scale): the longest code."""
    answers = {}
    for item in exercise.items:
        ids = [o.id for o in exercise.options_for(item)]
        if item.kind in ("single", "match"):
            answers[item.id] = ids[-1]
        elif item.kind == "multiple":
            answers[item.id] = ids
        elif item.kind == "rating":
            answers[item.id] = exercise.scale.max
        elif item.kind == "check":
            answers[item.id] = True
        else:
            answers[item.id] = WRITTEN
    return answers


def length(code: str) -> int:
    """Characters after the prefix, as a learner would type them (no dashes)."""
    return len(code) - len(codes.PREFIX2)


def main() -> None:
    exercises = load_exercises(ROOT / "exercises")
    print(f"Answer codes (MINGLE2), name {NAME!r}, every item answered; characters after the prefix")
    total, worst = 0, 0
    for exercise in sorted(exercises.values(), key=lambda e: (e.module, e.id)):
        answers = longest_answers(exercise)
        plain = codes.encode2(NAME, exercise, answers)
        has_text = any(i.kind == "text" for i in exercise.items)
        total += length(plain)
        note = ""
        if has_text:
            written = codes.encode2(NAME, exercise, answers, texts=True)
            note = f"; with its written answers ({len(WRITTEN)} characters each) {length(written)}"
        else:
            worst = max(worst, length(plain))
            note = f"  (target {CHOICE_TARGET}: {'met' if length(plain) <= CHOICE_TARGET else 'MISSED'})"
        print(f"  {exercise.id:28} {length(plain):4}{note}")
    print(f"  longest choice-only code: {worst} (target at most {CHOICE_TARGET})")
    print(f"  whole course, written answers left out: {total} characters in {len(exercises)} codes "
          f"(target well under {COURSE_TARGET}: {'met' if total <= COURSE_TARGET // 4 else 'check'})")
    for name in ("", "Bartholomew Featherstonehaugh", "Zoë Brontë-O'Hara"):
        exercise = exercises[sorted(exercises)[0]]
        cost = length(codes.encode2(name, exercise, {})) - length(codes.encode2("", exercise, {}))
        print(f"  the name {name!r} costs {cost} characters")


if __name__ == "__main__":
    main()
