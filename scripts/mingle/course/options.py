"""A kit block's options, checked the same way by the build (each block) and by `mingle check` (each page)."""

from __future__ import annotations

from mingle.errors import KitBuildError
from mingle.course import diagrams
from mingle.course.pictures import check_picture
from mingle.course.rules import WHEN

# block -> the options it takes, as indented `key: value` lines under its first line
OPTION_KEYS = {"scene": ("picture", "alt"), "checklist": diagrams.OPTIONS, "pipeline": ("icons",),
               "diagram": ("caption", "centre", "icons"), "exercise": ("when",)}
PIPELINE = "The old marketing pipeline: an anti-pattern"


def check_block(where: str, name: str, argument: str | None, options: dict, docs_dir: str, items: int | None = None,
                resolve: bool = True) -> dict:
    """The block's picture and diagram, from its options; the first problem raises, naming block, option, reason.

    `items`: how many list items the block holds, when known before it is parsed (`mingle check`); `resolve`:
    find each icon in the theme, as the build does (without a theme installed, only the names are checked)."""
    unknown = sorted(set(options) - set(OPTION_KEYS.get(name, ())))
    if unknown:
        valid = ", ".join(sorted(OPTION_KEYS.get(name, ()))) or "none"
        raise KitBuildError(f"{where}: {unknown[0]}: no such option; valid: {valid}")
    found = {"picture": None, "diagram": None}
    if "when" in options and name == "exercise" and options["when"] not in WHEN:
        raise KitBuildError(f"{where}: when: {options['when']!r} is not a place the kit knows; expected "
                            f"{', '.join(WHEN)}, or no `when` for an exercise done in the room")
    if name == "scene":
        found["picture"] = check_picture(where, docs_dir, options)
    elif name == "pipeline":
        found["diagram"] = diagrams.check(where, {**options, "diagram": "flow", "caption": PIPELINE},
                                          resolve=resolve)
    elif name == "checklist":
        found["diagram"] = diagrams.check(where, options, resolve=resolve)
    elif name == "diagram":
        found["diagram"] = diagrams.check(where, {**options, "diagram": argument or ""}, needed=True,
                                          resolve=resolve)
    if found["diagram"] and items is not None:
        diagrams.count_icons(where, found["diagram"], items)
    return found

