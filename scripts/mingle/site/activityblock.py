"""`/// activity | <id>`: a live activity's form for phones and its printed question, from activities/<id>.yml."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from mingle.activities import activity_ids, read_activity
from mingle.activity_view import activity_form, activity_sheet
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


def activity_block(parent: etree.Element, activity) -> etree.Element:
    """The block as a page holds it: the form (on screen) and the sheet (on paper), kept out of search (and, by its
    `data-live-activity` mark, out of the SCORM package: only a room collects it)."""
    box = etree.SubElement(parent, "div", {"class": "mingle-activity-block", "data-live-activity": activity.id,
                                           "data-search-exclude": ""})
    box.append(activity_form(activity))
    box.append(activity_sheet(activity))
    return box
