"""The --exercises option the grade, template, room and export commands share, and how they read the folder."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from mingle.errors import ExerciseError, UsageError
from mingle.exercise_option import add_exercises_option, exercises_folder, kit_exercises

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exercises"


def test_the_option_defaults_to_the_kit_s_exercises_folder_else_the_installed_kit_s(tmp_path, monkeypatch):
    parser = argparse.ArgumentParser()
    add_exercises_option(parser)
    assert parser.parse_args(["--exercises", "elsewhere"]).exercises == "elsewhere"
    assert exercises_folder("elsewhere") == Path("elsewhere")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exercises").mkdir()
    assert exercises_folder(parser.parse_args([]).exercises) == Path("exercises")  # the kit's folder, here
    (tmp_path / "exercises").rmdir()
    wheel = tmp_path / "kit" / "exercises"
    monkeypatch.setattr("mingle.exercise_option.packaged_exercises", lambda: None)
    assert exercises_folder(None) == Path("exercises")  # a clone outside the kit: the usage error names it
    wheel.mkdir(parents=True)
    monkeypatch.setattr("mingle.exercise_option.packaged_exercises", lambda: wheel)
    assert exercises_folder(None) == wheel  # an installed wheel: the exercises it carries


def test_a_missing_folder_is_a_usage_error_saying_how_to_name_one(tmp_path):
    with pytest.raises(UsageError, match="no such exercises folder .*give --exercises DIR"):
        kit_exercises(str(tmp_path / "nope"))


def test_an_invalid_file_is_a_problem_naming_it(tmp_path):
    shutil.copy(FIXTURES / "single-choice.yml", tmp_path / "single-choice.yml")
    (tmp_path / "broken.yml").write_text("id: broken\n", encoding="utf-8")
    with pytest.raises(ExerciseError) as raised:
        kit_exercises(str(tmp_path))
    assert {Path(p.file).name for p in raised.value.problems} == {"broken.yml"}


def test_a_valid_folder_gives_every_exercise_by_id():
    exercises = kit_exercises(str(FIXTURES))
    assert exercises and all(exercise.id == key for key, exercise in exercises.items())
