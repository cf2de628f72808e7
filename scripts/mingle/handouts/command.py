"""The `handouts` subcommand: options, the event file, and a one-line report per PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from mingle.errors import MingleError, Problem, ProblemsError, UsageError
from mingle.course.event import KEYS, load_event
from mingle.course.agenda import load_for, parse_time


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle handouts` on the CLI's subparsers."""
    cmd = sub.add_parser("handouts", help="build the handout PDFs (A4 and US Letter)",
                         description="Build the site, then print the learner booklet, presenter guide, answer key, "
                                     "guest cards and slides as PDF, each on A4 and US Letter.")
    cmd.add_argument("--out", default="handouts", help="folder for the PDFs (default: handouts)")
    cmd.add_argument("--event", help="event file with title, date, venue, presenter, plan, start "
                                     "(default: event.yml beside mkdocs.yml, if there is one)")
    cmd.add_argument("--title", help="event title for the covers and headers")
    cmd.add_argument("--date", help="event date, as you want it printed")
    cmd.add_argument("--venue", help="where the event is")
    cmd.add_argument("--presenter", help="who is presenting")
    cmd.add_argument("--plan", help="session plan for the presenter guide's agenda (60, 90 or 180; default: all)")
    cmd.add_argument("--start", help="start time for the agenda, HH:MM on the 24-hour clock")
    cmd.add_argument("--config", default="mkdocs.yml", help="the site's MkDocs config (default: mkdocs.yml)")
    cmd.add_argument("--site", help="use this already built site instead of building one")
    cmd.set_defaults(run=run)
    return cmd


def _check_flags(args) -> None:
    """A --start the kit cannot use is a usage error (exit 2), found before anything is built."""
    if args.start is not None:
        try:
            parse_time(args.start)
        except MingleError:
            raise UsageError(f"--start {args.start}: expected HH:MM on the 24-hour clock, such as 09:30") from None


def _check_plan(args, plan: str, root: Path, event_file: Path) -> None:
    """The event's plan must be one of the kit's: from --plan, a usage error (exit 2); from the event file, a
    problem in that file (exit 1). Either way before anything is built, and in the same words."""
    plans, _ = load_for(root)
    if plan in plans:
        return
    message = f"no such session plan; expected one of: {', '.join(plans)}"
    if args.plan is None:
        raise ProblemsError([Problem(str(event_file), "plan", f"{plan}: {message}")])
    raise UsageError(f"--plan {plan}: {message}")


def run(args) -> int:
    """Build every PDF and list them; bad flags raise UsageError (exit 2), problems in files MingleError (1)."""
    from mingle.handouts.build import build_handouts  # Playwright loads only when handouts are wanted

    config = Path(args.config)
    if not config.is_file():
        raise UsageError(f"{config}: no such MkDocs config; run from the kit's folder or pass --config")
    root = config.parent  # as given, so that problems name the kit's files as the presenter knows them
    event_file = Path(args.event) if args.event else root / "event.yml"
    if args.event and not event_file.is_file():
        raise UsageError(f"{event_file}: no such event file")
    _check_flags(args)
    event = load_event(event_file if event_file.is_file() else None, {k: getattr(args, k) for k in KEYS})
    if event.plan:
        _check_plan(args, event.plan, root, event_file)
    result = build_handouts(config, Path(args.out), event, Path(args.site) if args.site else None)
    for path in result.files:
        print(path)
    print(f"{len(result.files)} PDFs in {args.out} in {result.seconds:.1f} s")
    return 0
