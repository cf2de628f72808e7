"""The Jinja2 environment for the HTML reports: autoescaping always on, so learner text can never become markup."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


def percent(share: float) -> str:
    """A share as a whole percentage."""
    return f"{round(share * 100)}%"


def change(value: float) -> str:
    """A change as people write it: +1.5, 0, −2 (a real minus sign, which screen readers say as "minus")."""
    text = f"{abs(value):g}"
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else "0"


@functools.cache
def environment() -> Environment:
    """The one environment (templates compiled once): escapes every value, fails on a misspelt name."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = percent
    env.filters["change"] = change
    return env
