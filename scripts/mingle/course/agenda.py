"""Session plans as data: read them, take module minutes from front matter, lay a plan out on the clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mingle import reading
from mingle.errors import MingleError, Problem, ProblemsError

FORMAT = "mingle.sessions/1"
DAY = 24 * 60
CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Module:
    """A module's number, title and minutes, as its front matter gives them."""

    number: int
    title: str
    teaching: int
    exercises: int
    page: str = ""  # the page's file name without .md, which is also its folder in the built site

    @property
    def minutes(self) -> int:
        """Teaching plus exercise minutes."""
        return self.teaching + self.exercises


@dataclass(frozen=True)
class Slot:
    """One item of a plan: a module, an activity or a break, with its minutes."""

    title: str
    minutes: int
    kind: str  # "module", "activity" or "break"
    note: str = ""
    module: int | None = None
    full: int | None = None  # the module's own minutes, when the plan shortens or stretches it
    keep: str = ""  # what a shortened module keeps
    cut: str = ""  # and what it leaves out


@dataclass(frozen=True)
class Plan:
    """A session plan: an ordered list of slots that should fill `minutes`."""

    id: str
    title: str
    minutes: int
    summary: str
    slots: tuple[Slot, ...]
    online: tuple[str, ...] = ()  # how to run the plan in an online meeting
    hybrid: tuple[str, ...] = ()  # and with some people in the room and some joining online


@dataclass(frozen=True)
class Row:
    """One line of an agenda: clock times, minutes and what happens."""

    start: str
    end: str
    minutes: int
    title: str
    kind: str
    note: str
    late: bool  # ends after the plan's own finishing time


@dataclass(frozen=True)
class Agenda:
    """A plan laid out from a start time."""

    plan: Plan
    start: str
    end: str
    planned_end: str
    total: int
    rows: tuple[Row, ...]

    @property
    def overrun(self) -> int:
        """Minutes by which the slots exceed the plan's length (0 when they fit)."""
        return max(0, self.total - self.plan.minutes)


def whole_minutes(value, least: int) -> bool:
    """Whether a value from a file is a whole number of minutes, at least `least` (a boolean is not one)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def parse_time(text: str) -> int:
    """Minutes after midnight for a 24-hour `HH:MM` time."""
    match = CLOCK.match(str(text).strip())
    if not match:
        raise MingleError(f"start time {text!r}: expected HH:MM on the 24-hour clock, such as 09:30")
    return int(match.group(1)) * 60 + int(match.group(2))


def format_time(minutes: int) -> str:
    """`HH:MM` for minutes after midnight, wrapping past midnight."""
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule(plan: Plan, start: str) -> Agenda:
    """Clock times for every slot from `start`; the agenda says when it overruns the plan."""
    begin = parse_time(start)
    planned_end = begin + plan.minutes
    rows, clock = [], begin
    for slot in plan.slots:
        rows.append(Row(format_time(clock), format_time(clock + slot.minutes), slot.minutes, slot.title, slot.kind,
                        slot.note, clock + slot.minutes > planned_end))
        clock += slot.minutes
    return Agenda(plan, format_time(begin), format_time(clock), format_time(planned_end), clock - begin, tuple(rows))


def plan_dict(plan: Plan) -> dict:
    """The plan as plain data for the browser's agenda (agenda.js mirrors `schedule`)."""
    return {"id": plan.id, "title": plan.title, "minutes": plan.minutes,
            "slots": [{"title": s.title, "minutes": s.minutes, "kind": s.kind, "note": s.note} for s in plan.slots]}


def read_modules(folder: Path) -> dict[int, Module]:
    """Every module page's number, title and minutes from its front matter; the problems of every page raise
    together, each naming its page and key."""
    modules, problems = {}, []
    for path in sorted(Path(folder).glob("*.md")):
        try:
            meta, _ = reading.read_front_matter(path)
        except ProblemsError as err:
            problems += err.problems
            continue
        if not isinstance(meta.get("module"), int):
            continue
        minutes = {key: meta.get(key, 0) for key in ("teaching", "exercises")}
        wrong = [key for key, value in minutes.items() if not whole_minutes(value, 0)]
        problems += [Problem(str(path), key, f"expected whole minutes (0 or more), got {minutes[key]!r}")
                     for key in wrong]
        if not wrong:
            modules[meta["module"]] = Module(meta["module"], str(meta.get("title", path.stem)), *minutes.values(),
                                             path.stem)
    if problems:
        raise ProblemsError(problems)
    return modules


def module_title(module: Module) -> str:
    """How an agenda names a module."""
    return f"Module {module.number} – {module.title}"


class _Plans:
    """Reads the plans file, collecting every problem with its key."""

    def __init__(self, file: str, modules: dict[int, Module]):
        self.file, self.modules, self.problems = file, modules, []

    def fail(self, key: str, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(self.file, key, message))

    def minutes(self, value, key: str) -> int | None:
        """A whole number of minutes, at least 1."""
        if not whole_minutes(value, 1):
            self.fail(key, f"expected whole minutes (1 or more), got {value!r}")
            return None
        return value

    def slot(self, raw, key: str, activities: dict) -> Slot | None:
        """One slot: `module: N` or `activity: name`, with optional `minutes`, `note`, `keep` and `cut`."""
        if not isinstance(raw, dict) or len({"module", "activity"} & set(raw)) != 1:
            self.fail(key, "expected a mapping with either `module: <number>` or `activity: <name>`")
            return None
        for extra in sorted(set(raw) - {"module", "activity", "minutes", "note", "keep", "cut"}):
            self.fail(f"{key}.{extra}", "unknown key; expected module, activity, minutes, note, keep or cut")
        note, keep, cut = (self.text(raw.get(name, ""), f"{key}.{name}") for name in ("note", "keep", "cut"))
        minutes = self.minutes(raw["minutes"], f"{key}.minutes") if "minutes" in raw else None
        if "module" in raw:
            module = self.modules.get(raw["module"])
            if module is None:
                self.fail(f"{key}.module", f"no module {raw['module']!r}; modules are {sorted(self.modules)}")
                return None
            full = module.minutes
            if minutes and minutes < full and not (keep and cut):
                self.fail(f"{key}.keep" if not keep else f"{key}.cut",
                          f"module {module.number} is cut from {full} to {minutes} minutes: say what to `keep` "
                          "and what to `cut`")
            if minutes and minutes != full:
                # Say what was cut, so a presenter with more time knows what to put back.
                parts = [note, f"Keep: {keep}" if keep else "", f"Cut: {cut}" if cut else "",
                         f"(Full length: {full} minutes.)"]
                note = " ".join(part for part in parts if part)
            return Slot(module_title(module), minutes or full, "module", note.strip(), module.number,
                        full if minutes and minutes != full else None, keep, cut)
        activity = activities.get(raw["activity"])
        if activity is None:
            self.fail(f"{key}.activity", f"no activity {raw['activity']!r}; activities are {sorted(activities)}")
            return None
        return Slot(activity["title"], minutes or activity["minutes"], "break" if activity["break"] else "activity",
                    note.strip())

    def text(self, value, key: str) -> str:
        """Optional text, stripped; anything else is a problem."""
        if not isinstance(value, str):
            self.fail(key, f"expected text, got {value!r}")
            return ""
        return value.strip()

    def lines(self, value, key: str) -> tuple[str, ...]:
        """An optional list of text lines, such as a plan's online or hybrid steps."""
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(line, str) and line.strip() for line in value):
            self.fail(key, "expected a list of lines of text")
            return ()
        return tuple(line.strip() for line in value)

    def activities(self, raw) -> dict:
        """The named activities (title, minutes, break)."""
        found = {}
        if not isinstance(raw, dict):
            self.fail("activities", "expected a mapping of activity names")
            return found
        for name, body in raw.items():
            key = f"activities.{name}"
            if not isinstance(body, dict) or not isinstance(body.get("title"), str):
                self.fail(key, "expected a mapping with a title and minutes")
                continue
            minutes = self.minutes(body.get("minutes"), f"{key}.minutes")
            if minutes:
                found[name] = {"title": body["title"], "minutes": minutes, "break": body.get("break") is True}
        return found

    def plans(self, data) -> dict[str, Plan]:
        """Every plan, in file order, keyed by id."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.fail("format", f"expected format: {FORMAT}")
            return {}
        activities = self.activities(data.get("activities", {}))
        plans: dict[str, Plan] = {}
        raw_plans = data.get("plans")
        if not isinstance(raw_plans, list) or not raw_plans:
            self.fail("plans", "expected a list of plans")
            return {}
        for index, raw in enumerate(raw_plans):
            key = f"plans[{index}]"
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"].strip():
                self.fail(f"{key}.id", "expected a plan id in quotes, such as \"90\"")
                continue
            if raw["id"] in plans:
                self.fail(f"{key}.id", f"plan id {raw['id']!r} is used twice")
                continue
            minutes = self.minutes(raw.get("minutes"), f"{key}.minutes")
            slots = [self.slot(s, f"{key}.slots[{i}]", activities) for i, s in enumerate(raw.get("slots") or [])]
            if not slots:
                self.fail(f"{key}.slots", "expected a list of slots")
            versions = [self.lines(raw.get(name), f"{key}.{name}") for name in ("online", "hybrid")]
            if minutes and slots and all(slots):
                plans[raw["id"]] = Plan(raw["id"], str(raw.get("title", raw["id"])), minutes,
                                        str(raw.get("summary", "")).strip(), tuple(slots), *versions)
        return plans


def load_plans(path: Path, modules: dict[int, Module]) -> tuple[dict[str, Plan], str]:
    """The plans in a sessions file and its default start time; any problem raises, naming file and key."""
    path = Path(path)
    data = reading.read_yaml(path)
    reader = _Plans(str(path), modules)
    plans = reader.plans(data)
    start = str(data.get("default_start", "09:00")) if isinstance(data, dict) else "09:00"
    try:
        parse_time(start)
    except MingleError as err:
        reader.fail("default_start", str(err))
    if reader.problems:
        raise ProblemsError(reader.problems)
    return plans, start


def load_for(root: Path) -> tuple[dict[str, Plan], str]:
    """The plans of the kit at `root` (data/sessions.yml, module minutes from docs/modules/)."""
    root = Path(root)
    return load_plans(root / "data" / "sessions.yml", read_modules(root / "docs" / "modules"))
