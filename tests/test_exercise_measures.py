"""Every exercise in exercises/ measures what it claims: careless, empty and newcomer answers never reach its top
band."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingle.exercises import load_exercises
from mingle.model import Exercise
from mingle.scoring import Scorer

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = load_exercises(ROOT / "exercises")  # every file, so an exercise a presenter adds is judged too


def _ratings(exercise: Exercise):
    return [i for i in exercise.items if i.kind == "rating"]


def _worded_one_way(exercise: Exercise) -> bool:
    """Whether every rating item is worded positively, so the top point everywhere is an honest best answer.

    All lowest is always careless: where every item is reversed it is also the top score, the very fault of a
    scale that rewards doing nothing."""
    return not any(i.reverse for i in _ratings(exercise))


def patterns(exercise: Exercise) -> dict[str, dict]:
    """The careless answer patterns, as answer sheets (items a pattern says nothing about are left unanswered)."""
    sheets: dict[str, dict] = {}
    picks = [i for i in exercise.items if i.kind in ("single", "match")]
    ratings = _ratings(exercise)
    points = len(exercise.scale.labels) if ratings else 0
    honest_top = exercise.scale.max if ratings and _worded_one_way(exercise) else None
    for n in range(max([points, *(len(exercise.options_for(i)) for i in picks)], default=0)):
        sheet = {i.id: exercise.options_for(i)[min(n, len(exercise.options_for(i)) - 1)].id for i in picks}
        point = exercise.scale.min + min(n, points - 1) if ratings else None
        if ratings and point != honest_top:
            sheet.update({i.id: point for i in ratings})
        if sheet:
            sheets[f"choice {n + 1} everywhere"] = sheet
    ticks = [i for i in exercise.items if i.kind == "check"]
    many = [i for i in exercise.items if i.kind == "multiple"]
    if ticks or many:
        sheets["nothing ticked"] = {**{i.id: False for i in ticks}, **{i.id: [] for i in many}}
    if many:
        sheets["everything ticked"] = {**{i.id: True for i in ticks if not i.rubric_of},
                                       **{i.id: [o.id for o in i.options] for i in many}}
    rubric = [i for i in ticks if i.rubric_of]
    if rubric:  # every checklist point of a text item ticked, with the boxes left empty or blank
        sheets["points ticked, nothing written"] = {i.id: True for i in rubric}
        sheets["points ticked, only spaces written"] = {**{i.id: True for i in rubric},
                                                        **{i.rubric_of: " \n\t " for i in rubric}}
    if exercise.newcomer:
        sheets["newcomer"] = exercise.newcomer.sheet()
    return sheets


CASES = [(eid, name, sheet) for eid, exercise in sorted(EXERCISES.items())
         for name, sheet in patterns(exercise).items()]


def test_every_exercise_has_patterns_to_judge():
    assert {eid for eid, _, _ in CASES} == set(EXERCISES)


@pytest.mark.parametrize(("eid", "name", "sheet"), CASES, ids=[f"{e}: {n}" for e, n, _ in CASES])
def test_no_careless_pattern_reaches_the_top_band(eid, name, sheet):
    exercise = EXERCISES[eid]
    result = Scorer(exercise).score(sheet)
    assert result.invalid == ()
    assert len(exercise.bands) > 1, "one band gives everyone the same verdict"
    assert result.band != exercise.bands[-1], (
        f"{eid}: '{name}' scores {result.score}/{result.max} and reaches the top band '{result.band.label}'")


@pytest.mark.parametrize("eid", [e for e, x in sorted(EXERCISES.items()) if x.newcomer])
def test_a_newcomer_gets_the_band_written_for_them(eid):
    exercise = EXERCISES[eid]
    result = Scorer(exercise).score(exercise.newcomer.sheet())
    assert result.band.label == exercise.newcomer.band


@pytest.mark.parametrize("eid", [e for e, x in sorted(EXERCISES.items()) if _ratings(x)])
def test_the_lowest_answer_everywhere_gets_the_lowest_band_and_every_strands_advice(eid):
    """A self-assessment tells someone who does none of it that they are at the start, on every strand."""
    exercise = EXERCISES[eid]
    result = Scorer(exercise).score({i.id: exercise.scale.min for i in _ratings(exercise)})
    assert result.band == exercise.bands[0], f"{eid}: scores {result.score} and gets '{result.band.label}'"
    assert [d.id for d in result.dimensions if not d.needs_work] == []


@pytest.mark.parametrize("eid", [e for e, x in sorted(EXERCISES.items()) if x.dimensions])
def test_every_strand_of_a_profile_is_mostly_worded_positively(eid):
    """Fewer than half a strand's points come from reversed items, or 'never' to everything would look strong."""
    exercise = EXERCISES[eid]
    for dim in exercise.dimensions:
        mine = [i for i in _ratings(exercise) if i.dimension == dim.id]
        assert 2 * sum(i.reverse for i in mine) < len(mine), f"{eid}: strand {dim.id}"


def table() -> str:
    """Each exercise's careless patterns, the score each gets and its band (python tests/test_exercise_measures.py)."""
    rows = [("exercise", "pattern", "score", "band")]
    for eid, name, sheet in CASES:
        exercise = EXERCISES[eid]
        result = Scorer(exercise).score(sheet)
        top = " (TOP)" if result.band == exercise.bands[-1] else ""
        rows.append((eid, name, f"{result.score}/{result.max}", f"{result.band.label}{top}"))
    widths = [max(len(r[n]) for r in rows) for n in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


if __name__ == "__main__":
    print(table())
