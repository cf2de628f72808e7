"""Every exercise in exercises/ measures what it claims: careless, empty and newcomer answers never reach its top
band."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingle.exercises import load_exercises
from mingle.model import Exercise, Item
from mingle.scoring import SHOUTING, Scorer

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
    sheets.update(_lazy_picks(exercise, picks))
    texts = [i for i in exercise.items if i.kind == "text"]
    if texts:  # one letter in every box, and every tick ticked: the checklist points can't vouch for "x"
        scrawl = {**{i.id: "x" for i in texts}, **{i.id: True for i in ticks},
                  **{i.id: [o.id for o in i.options] for i in many}}
        sheets["minimal text, every tick"] = scrawl
        sheets["minimal text, every tick, every right choice"] = {
            **scrawl, **{i.id: list(i.answer) if i.kind == "multiple" else i.answer
                         for i in exercise.items if i.kind in ("single", "match", "multiple")}}
    return sheets


# Cues a careless learner can read off a question without thinking about it.
CUES = {"a question mark": lambda text: "?" in text, "capitals or '!!'": lambda text: bool(SHOUTING.search(text))}


def _lazy_picks(exercise: Exercise, picks: list[Item]) -> dict[str, dict]:
    """Picks made without reading: always the longest option, and one surface cue of the question deciding the
    answer (each cue, each pair of option positions: the first where the cue shows, the second where it doesn't).
    Each also with every self-check ticked, since ticks cost a careless learner nothing."""
    if not picks:
        return {}
    sheets = {}
    own = {i.id: True for i in exercise.items if i.kind == "check" and not i.rubric_of}
    longest = {i.id: max(exercise.options_for(i), key=lambda o: len(o.text)).id for i in picks}
    sheets["longest option everywhere"] = longest
    if own:
        sheets["longest option everywhere, every tick"] = {**longest, **own}
        sheets["choice 1 everywhere, every tick"] = {**{i.id: exercise.options_for(i)[0].id for i in picks}, **own}
    width = min(len(exercise.options_for(i)) for i in picks)
    for name, cue in CUES.items():
        shows = {i.id: cue(i.prompt) for i in picks}
        if len(set(shows.values())) < 2:
            continue  # the cue is on every question or none: the choice patterns above cover it
        for yes in range(width):
            for no in range(width):
                if yes != no:
                    sheets[f"{name} means choice {yes + 1}, else choice {no + 1}"] = {
                        i.id: exercise.options_for(i)[yes if shows[i.id] else no].id for i in picks}
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


@pytest.mark.parametrize("eid", [e for e, x in sorted(EXERCISES.items()) if x.pair])
def test_paired_checks_have_options_of_similar_length(eid):
    """A check taken before and after the course can't be passed by length: in each question the longest option is
    at most one and a half times the shortest, and the right answer is the longest in at most a third of them."""
    exercise = EXERCISES[eid]
    picks = [i for i in exercise.items if i.kind in ("single", "match")]
    for item in picks:
        lengths = [len(o.text) for o in exercise.options_for(item)]
        assert 2 * max(lengths) <= 3 * min(lengths), f"{eid}: {item.id}: option lengths {lengths}"
    longest = [i.id for i in picks if max(exercise.options_for(i), key=lambda o: len(o.text)).id == i.answer]
    assert 3 * len(longest) <= len(picks), f"{eid}: the right answer is the longest option in {longest}"


@pytest.mark.parametrize("eid", [e for e, x in sorted(EXERCISES.items()) if x.pair])
def test_paired_checks_share_their_bands(eid):
    """Before and after are read side by side: the same scores fall in the same places."""
    exercise, other = EXERCISES[eid], EXERCISES[EXERCISES[eid].pair]
    assert [(b.min, b.max) for b in exercise.bands] == [(b.min, b.max) for b in other.bands]


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
