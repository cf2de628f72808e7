"""The site's scripts in one dialect: one module shape, one element helper, one way to the browser's storage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The site's scripts, and the handouts' (run in Chromium on the built site's pages to lay out the PDFs).
SCRIPTS = sorted([*(ROOT / "docs" / "assets" / "mingle").glob("*.js"), *(ROOT / "scripts" / "mingle" / "handouts").glob("*.js")])
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


EXPORT = re.compile(r"\b(?:M|\(root\.Mingle \|\|= \{\}\))\.(\w+) = \{([^}]*)\};")
USERS = [*SCRIPTS, *(ROOT / "overrides").rglob("*.html"), *(ROOT / "scripts" / "mingle").rglob("*.py"),
         *(ROOT / "tests").glob("*.py")]


def exports() -> list[tuple[str, str, str]]:
    """(script, module, name) for every name a script puts on window.Mingle as `M.<module> = { name, ... }`."""
    found = []
    for path in SCRIPTS:
        for module, names in EXPORT.findall(code(path)):
            found += [(path.name, module, name.split(":")[0].strip()) for name in names.split(",") if name.strip()]
    return found


@pytest.mark.parametrize("script, module, name", exports(), ids=lambda v: v)
def test_every_name_a_script_exports_is_used_by_another_file(script, module, name):
    # In a script or template, any `.name` (scripts keep a module in a short name: `X.download`) or a destructuring
    # of the module; in Python (a test, the handouts), only `Mingle.<module>.<name>` (Python has a `.copy` of its own).
    use = re.compile(rf"\.{name}\b|\{{[^}}]*\b{name}\b[^}}]*\}}\s*=\s*(M|root\.Mingle|Mingle)\.{module}\b")
    in_test = re.compile(rf"Mingle\.{module}\.{name}\b")
    users = [p.name for p in USERS if p.name != script
             and (in_test if p.suffix == ".py" else use).search(p.read_text(encoding="utf-8"))]
    assert users, f"{script}: Mingle.{module}.{name} is used nowhere else: drop it from the export"
