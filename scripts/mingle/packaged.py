"""The kit's own built site and exercises inside an installed wheel (`make release` puts them there), used when
`mingle room` or `mingle grade` runs outside a copy of the kit."""

from __future__ import annotations

from pathlib import Path

KIT = Path(__file__).with_name("kit")  # absent in a clone: there, the kit's folders are the source


def packaged_site() -> Path | None:
    """The built site the wheel carries, or None in a clone of the kit."""
    site = KIT / "site"
    return site if (site / "index.html").is_file() else None


def packaged_exercises() -> Path | None:
    """The exercise files the wheel carries, or None in a clone of the kit."""
    folder = KIT / "exercises"
    return folder if folder.is_dir() else None
