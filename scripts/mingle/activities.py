"""Read live activity files (activities/<id>.yml) and the wall's blocked words, naming file, key and reason."""

from __future__ import annotations

from pathlib import Path

from mingle import reading
from mingle.errors import Problem, ProblemsError, ReadError
# The exercise reader's checks (ids, text, whole numbers, options, a scale) are the same rules here: one wording.
from mingle.exercises import _kind, _Reader, _scale
from mingle.model import ACTIVITY_KINDS, Activity

COMMON_KEYS = {"id", "kind", "question", "notes", "lines"}
KIND_KEYS = {"poll": {"options", "several"}, "words": {"words"}, "open": {"limit"}, "scale": {"scale"},
             "qa": {"limit"}}
KIND_REQUIRED = {"poll": {"options"}, "scale": {"scale"}}
MOST_OPTIONS = 8  # more than this will not read as bars from the back of a room
WORDS = (1, 3)  # how many words a word cloud may ask each person for
LIMITS = (20, 1000)  # the range of characters an open answer or a question may be held to
BLOCKED_FILE = Path("data") / "blocked-words.yml"


def activity_ids(folder: Path) -> list[str]:
    """The ids a course's activity files give by their names (none when it has no activities/ folder)."""
    folder = Path(folder)
    return sorted({p.stem for p in [*folder.glob("*.yml"), *folder.glob("*.yaml")]}) if folder.is_dir() else []


def parse_activity(data, file: str, stem: str | None = None) -> tuple[Activity | None, list[Problem]]:
    """Build an Activity from parsed YAML data, with every problem found."""
    r = _Reader(file)
    if not isinstance(data, dict):
        r.fail("(top)", f"expected a mapping, got {_kind(data)}")
        return None, r.problems
    kind = data.get("kind")
    if "kind" not in data:
        r.fail("kind", f"missing required key; expected one of: {', '.join(ACTIVITY_KINDS)}")
        return None, r.problems
    if kind not in ACTIVITY_KINDS:
        r.fail("kind", f"expected one of: {', '.join(ACTIVITY_KINDS)}; got {kind!r}" if isinstance(kind, str)
               else f"expected one of: {', '.join(ACTIVITY_KINDS)}; got {_kind(kind)}")
        return None, r.problems
    r.mapping(data, "", COMMON_KEYS | KIND_KEYS[kind], {"id", "kind", "question"} | KIND_REQUIRED.get(kind, set()))
    aid = r.ident(data.get("id"), "id") if "id" in data else ""
    if stem is not None and aid and aid != stem:
        r.fail("id", f"expected {stem!r} (the file name), got {aid!r}")
    fields = dict(id=aid, kind=kind, question=r.text(data, "", "question"), notes=r.text(data, "", "notes", ""),
                  lines=r.integer(data, "", "lines", 3, low=1), source=file)
    if kind == "poll" and "options" in data:
        fields["options"] = r.options(data["options"], "options")
        count = len(data["options"]) if isinstance(data["options"], list) else 0
        if count == 1:
            r.fail("options", "expected at least two options, got one")
        elif count > MOST_OPTIONS:
            r.fail("options", f"expected at most {MOST_OPTIONS} options (more will not read from the back of the "
                              f"room), got {count}")
    if kind == "poll" and "several" in data and not isinstance(data["several"], bool):
        r.fail("several", f"expected true or false, got {_kind(data['several'])}")
    fields["several"] = data.get("several") is True
    if kind == "words":
        fields["words"] = _within(r, data, "words", 1, WORDS)
    if kind in ("open", "qa"):
        fields["limit"] = _within(r, data, "limit", 280, LIMITS)
    if kind == "scale" and "scale" in data:
        fields["scale"] = _scale(r, data["scale"])
    if r.problems:
        return None, r.problems
    return Activity(**fields), []


def _within(r: _Reader, data: dict, name: str, default: int, bounds: tuple[int, int]) -> int:
    """A whole number from bounds[0] to bounds[1] (the default when the key is left out)."""
    before = len(r.problems)
    value = r.integer(data, "", name, default)
    if len(r.problems) == before and not bounds[0] <= value <= bounds[1]:
        r.fail(name, f"expected a whole number from {bounds[0]} to {bounds[1]}, got {value}")
    return value


def read_activity(path: Path) -> tuple[Activity | None, list[Problem]]:
    """Read and check one activity file."""
    return reading.read_parsed(path, parse_activity, "an activity (id, kind, question)")


def check_activities(folder: Path) -> tuple[dict[str, Activity], list[Problem]]:
    """Read every activity file in a folder: the valid ones and all problems (a course with no folder has none)."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}, []
    return reading.read_each(sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]), read_activity, "activity")


def clashes(activities: dict[str, Activity], exercises: dict) -> list[Problem]:
    """An activity may not share an exercise's id: a room keeps both kinds of answer under their ids."""
    return [Problem(a.source, "id", f"{a.id!r} is also an exercise's id ({exercises[a.id].source}); give the "
                                    "activity an id of its own") for a in activities.values() if a.id in exercises]


def read_blocked(root: Path) -> tuple[frozenset[str], list[Problem]]:
    """The words the course keeps off the wall (data/blocked-words.yml: `words:`, a list), lower-cased."""
    path = Path(root) / BLOCKED_FILE
    if not path.is_file():
        return frozenset(), []
    file = str(path)
    try:
        data = reading.read_yaml(path)
    except ReadError as err:
        return frozenset(), err.problems
    r = _Reader(file)
    if r.mapping(data, "", {"words"}, {"words"}) is None:
        return frozenset(), r.problems
    words = data.get("words")
    if not isinstance(words, list):
        r.fail("words", f"expected a list of words, got {_kind(words)}")
        return frozenset(), r.problems
    for n, word in enumerate(words):
        if not isinstance(word, str) or not word.strip() or len(word.split()) != 1:
            r.fail(f"words[{n}]", f"expected one word, got {word!r}" if isinstance(word, str)
                   else f"expected one word, got {_kind(word)}")
    return frozenset(w.strip().casefold() for w in words if isinstance(w, str)), r.problems


def kit_activities(root: Path) -> tuple[dict[str, Activity], frozenset[str]]:
    """A kit's live activities (root/activities) and blocked words (root/data); any problem raises ProblemsError."""
    activities, problems = check_activities(Path(root) / "activities")
    blocked, more = read_blocked(root)
    if problems or more:
        raise ProblemsError(problems + more)
    return activities, blocked


def load_activities(folder: Path) -> dict[str, Activity]:
    """Every activity in a folder, by id; raises ProblemsError if any file is invalid."""
    activities, problems = check_activities(folder)
    if problems:
        raise ProblemsError(problems)
    return activities
