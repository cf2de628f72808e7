"""The site's scripts in one dialect: one module shape, one element helper, one way to the browser's storage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).resolve().parent.parent / "docs" / "assets" / "mingle").glob("*.js"))
COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
OWNER = "storage.js"  # the one script that makes elements from scratch and reads and writes storage


def code(path: Path) -> str:
    """A script without its comments (a comment may name what the code must not touch)."""
    return COMMENTS.sub("", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_script_has_the_one_module_shape(path):
    body = code(path).strip()
    assert body.startswith("((root) => {\n  \"use strict\";"), f"{path.name}: not ((root) => {{ \"use strict\"; ...}})"
    assert re.search(r"\}\)\((window|typeof window === \"object\" \? window : globalThis)\);$", body), path.name


@pytest.mark.parametrize("path", [p for p in SCRIPTS if p.name != OWNER], ids=lambda p: p.name)
def test_only_storage_js_touches_storage_or_makes_elements_its_own_way(path):
    body = code(path)
    assert not re.search(r"\b(localStorage|sessionStorage)\b", body), f"{path.name}: use Mingle.storage"
    assert "createElement(" not in body, f"{path.name}: use Mingle.el(parent, tag, text, attrs)"
