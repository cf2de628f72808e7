"""A broken module front matter stops the site build and `mingle handouts` cleanly: the file, the line, the key and
the reason, in lines of their own, and never a Python traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from test_presenter_path import copy_kit


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A copy of the kit whose third module page gives one front-matter key twice; (kit, the page's path)."""
    kit = copy_kit(tmp_path_factory.mktemp("broken"))
    page = sorted((kit / "docs" / "modules").glob("*.md"))[2]
    text = page.read_text(encoding="utf-8")
    key = next(k for k in ("teaching", "module", "title") if f"\n{k}:" in text)
    start = text.index(f"\n{key}:") + 1
    line = text[start:text.index("\n", start) + 1]
    page.write_text(text.replace(line, line + line, 1), encoding="utf-8")
    number = text[:start].count("\n") + 2  # the repeat sits on the line after the first
    return kit, page.relative_to(kit).as_posix(), key, number


def run(kit, *argv) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], cwd=kit, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_the_site_build_stops_naming_the_page_line_and_key(broken, tmp_path):
    kit, page, key, number = broken
    done = run(kit, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    out = done.stdout + done.stderr
    assert done.returncode != 0
    # The problem has a line of its own, with MkDocs' prefix and the kit's; the heading follows on its own line.
    problem = f"mingle: {page}: front matter: not valid YAML at line {number}, column 1: duplicate key '{key}'"
    lines = out.splitlines()
    assert any(re.fullmatch(r"ERROR +- +" + re.escape(problem) + r" \(front-matter\)", line) for line in lines), out
    assert any(re.fullmatch(r"ERROR +- +the course breaks its content rules \(see the Adapting page\)", line)
               for line in lines), out
    assert "Traceback" not in out
    # The rules stop the build as it reads the first page, which MkDocs names; the kit's lines come before its heading.
    said = [n for n, line in enumerate(lines) if problem in line or "breaks its content rules" in line]
    assert len(said) == 2 and problem in lines[said[0]]


def test_mingle_handouts_stops_in_one_line_naming_the_page_line_and_key(broken, tmp_path):
    kit, page, key, number = broken
    done = run(kit, "-m", "mingle", "handouts", "--out", str(tmp_path / "out"))
    assert done.returncode == 1, done.stderr
    assert done.stderr == (f"mingle: {page}: front matter: not valid YAML at line {number}, column 1: "
                           f"duplicate key '{key}'\n")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
