"""The event printed on the handouts: event.yml at the kit's root, with command-line flags on top."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from mingle import reading
from mingle.course.agenda import CLOCK, parse_time
from mingle.errors import Problem, ProblemsError


@dataclass(frozen=True)
class Event:
    """Cover and header details, and the plan and start time for the presenter guide's agenda."""

    title: str = "Social media for small business"
    date: str = ""
    venue: str = ""
    presenter: str = ""
    plan: str = ""  # empty: the presenter guide shows every plan
    start: str = ""  # empty: the plans file's default start time


KEYS = tuple(f.name for f in fields(Event))


def load_event(path: Path | None, overrides: dict[str, str | None]) -> Event:
    """Read the event file (if any) and apply the flags that were given; problems name file and key."""
    event = Event()
    if path is not None:
        path = Path(path)
        data = reading.read_yaml(path) or {}
        if not isinstance(data, dict):
            raise ProblemsError([Problem(str(path), "", "expected a mapping of event details")])
        problems = [Problem(str(path), str(k), f"unknown key; expected one of: {', '.join(KEYS)}")
                    for k in data if k not in KEYS]
        # Numbers are fine for a plan id or a year written without quotes; anything else must be text.
        problems += [Problem(str(path), k, "expected text") for k, v in data.items()
                     if k in KEYS and v is not None and not isinstance(v, (str, int))]
        if problems:
            raise ProblemsError(problems)
        event = replace(event, **{k: str(v).strip() for k, v in data.items() if v is not None})
        if event.start and not CLOCK.match(event.start):
            raise ProblemsError([Problem(str(path), "start", "expected HH:MM on the 24-hour clock, such as 09:30")])
    event = replace(event, **{k: v.strip() for k, v in overrides.items() if k in KEYS and v is not None})
    if event.start:
        parse_time(event.start)
    return event


def kit_event(root: Path) -> Event:
    """The kit's own event.yml as the site's build reads it (no flags; the defaults when there is no file)."""
    path = Path(root) / "event.yml"
    return load_event(path if path.is_file() else None, {})


def session_start(event: Event, default: str) -> str:
    """When the session starts, for the printed agenda, the site's Agenda page and a plan's deck alike: the event's
    own start, else the plans' default (data/sessions.yml)."""
    return event.start or default
