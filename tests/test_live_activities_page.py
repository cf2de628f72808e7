"""The Live activities page (docs/presenters/live-activities.md) tells the truth: its examples read as it says."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from mingle.activities import parse_activity
from mingle.model import ACTIVITY_KINDS

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "docs" / "presenters" / "live-activities.md").read_text(encoding="utf-8")
FENCES = re.findall(r"^```(\w+)\n(.*?)^```$", TEXT, re.M | re.S)
EXAMPLES = [yaml.safe_load(body) for lang, body in FENCES if lang == "yaml" and body.startswith("id: ")]


def test_every_example_is_a_valid_activity_and_every_kind_has_one():
    for data in EXAMPLES:
        assert parse_activity(data, f"activities/{data['id']}.yml", data["id"])[1] == []
    assert sorted(d["kind"] for d in EXAMPLES) == sorted(ACTIVITY_KINDS)


def test_every_activity_the_page_names_is_in_the_course():
    named = set(re.findall(r"^- `([a-z0-9-]+)`,", TEXT, re.M))
    assert named == {p.stem for p in (ROOT / "activities").glob("*.yml")}


def test_the_problem_it_shows_is_the_one_mingle_check_gives():
    shown = [body for lang, body in FENCES if lang == "text" and body.startswith("mingle:")][0].strip()
    data = yaml.safe_load((ROOT / "activities" / "how-it-feels.yml").read_text(encoding="utf-8")) | {"words": 7}
    problem = parse_activity(data, "activities/how-it-feels.yml", "how-it-feels")[1][0]
    assert shown == f"mingle: {problem} (activity-file)"


def test_the_page_is_in_the_nav():
    assert "presenters/live-activities.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
