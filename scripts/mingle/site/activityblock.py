"""Finding the live activity a `/// activity | <id>` block names, in activities/<id>.yml, read and checked."""

from __future__ import annotations

from pathlib import Path

from mingle.activities import activity_ids, read_activity
from mingle.errors import KitBuildError


def find_activity(folder: Path, wanted: str | None):
    """The activity a block names, read and checked; a missing, unknown or broken one raises KitBuildError."""
    valid = ", ".join(activity_ids(folder)) or "none (the course has no activities/ files)"
    if not wanted:
        raise KitBuildError(f"/// activity: missing the activity id (/// activity | <id>); valid ids: {valid}")
    paths = [p for p in (folder / f"{wanted}.yml", folder / f"{wanted}.yaml") if p.is_file()]
    if not paths:
        raise KitBuildError(f"/// activity | {wanted}: no such activity; valid ids: {valid}")
    activity, problems = read_activity(paths[0])
    if problems:
        raise KitBuildError(f"/// activity | {wanted}: invalid activity file", problems)
    return activity

