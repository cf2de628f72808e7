"""The GitHub workflows pass actionlint, and CHANGELOG.md keeps the Keep a Changelog form the release reads."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


from mingle import __version__

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).with_name("actionlint")
HEADING = re.compile(r"^## \[(Unreleased|\d+\.\d+\.\d+)\](?: - (\d{4}-\d{2}-\d{2}))?$")
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint, as `make test` installs it, over these workflow files."""
    return subprocess.run([ACTIONLINT, "-no-color", *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def test_the_workflows_pass_actionlint():
    assert {w.name for w in WORKFLOWS} >= {"test.yml", "release.yml"}
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_mistake(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    text = (ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on:", "runs_on:"), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and "runs_on" in result.stdout


def changelog_sections() -> list[tuple[str, str | None]]:
    """(version or 'Unreleased', date) for each `## [...]` heading of CHANGELOG.md, in order."""
    found = []
    for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            match = HEADING.match(line)
            assert match, f"CHANGELOG.md: {line!r}: expected '## [Unreleased]' or '## [1.2.3] - YYYY-MM-DD'"
            found.append((match[1], match[2]))
    return found


def test_the_changelog_keeps_its_form_and_knows_this_version():
    sections = changelog_sections()
    versions = [v for v, _ in sections if v != "Unreleased"]
    assert all(date for v, date in sections if v != "Unreleased"), "every released version has its date"
    assert [v for v, _ in sections].count("Unreleased") <= 1 and sections[0][0] in ("Unreleased", __version__)
    keys = [tuple(map(int, v.split("."))) for v in versions]
    assert keys == sorted(keys, reverse=True), "newest first"
    assert __version__ in versions or sections[0][0] == "Unreleased", "this version needs its section"
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^### (.+)$", text, re.M)) <= KINDS


def test_the_version_is_kept_once():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert not re.search(r'^version\s*=\s*"', text, re.M), "pyproject.toml takes the version from mingle.__version__"
