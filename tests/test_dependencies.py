"""The dependency groups: each a closed, exactly pinned set that agrees with the others, read by pyproject, and a
core install (PyYAML and Jinja2) that checks, grades and templates without MkDocs, Markdown or Playwright."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from grading_kit import GOOD, make_kit, write_sheet
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from mingle.cli import main

ROOT = Path(__file__).resolve().parent.parent
REQS = ROOT / "requirements"
# Installed together in .venv; Zensical has its own venv.
GROUPS = ("core", "serve", "check", "site", "handouts", "room", "xlsx", "test")
UNION = "test"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$")


def pins(path: Path) -> dict[str, str]:
    """A locked file's pins by canonical name; every line that is not a comment must be `name==version`."""
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        assert match, f"{path.name}:{number}: {line!r} is not an exact pin (name==version)"
        found[canonicalize_name(match[1])] = match[2]
    return found


def direct_pins(path: Path) -> dict[str, str]:
    """The pins an .in file asks for, its -r includes too."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found.update(direct_pins(path.parent / line[3:].strip()))
        elif line:
            name, _, version = line.partition("==")
            found[canonicalize_name(name)] = version
    return found


def needs(name: str) -> set[str]:
    """What an installed distribution requires here (its markers evaluated, no extras), by canonical name."""
    wanted = set()
    for text in metadata.requires(name) or ():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            wanted.add(canonicalize_name(requirement.name))
    return wanted


@pytest.mark.parametrize("group", GROUPS)
def test_each_group_is_a_closed_locked_set(group):
    locked = pins(REQS / f"{group}.txt")
    for name, version in locked.items():
        assert metadata.version(name) == version, f"{group}.txt pins {name}=={version}; .venv has another (make)"
        missing = needs(name) - set(locked)
        assert not missing, f"{group}.txt: {name} needs {sorted(missing)}, which the file does not pin"


@pytest.mark.parametrize("group", (*GROUPS, "zensical"))
def test_each_lock_holds_what_its_in_file_asks_for(group):
    locked = pins(REQS / f"{group}.txt")
    for name, version in direct_pins(REQS / f"{group}.in").items():
        assert locked.get(name) == version, f"{group}.in asks for {name}=={version}; run make lock"


def test_groups_agree_and_the_union_holds_them_all():
    union = pins(REQS / f"{UNION}.txt")
    for group in (*GROUPS, "zensical"):
        for name, version in pins(REQS / f"{group}.txt").items():
            if group != "zensical" or name in union:
                assert union.get(name) == version, f"{group}.txt pins {name}=={version}, {UNION}.txt does not"


def test_every_group_carries_the_core():
    core = pins(REQS / "core.txt")
    for group in (*GROUPS, "zensical"):
        assert core.items() <= pins(REQS / f"{group}.txt").items(), f"{group}.txt lacks the core pins"


def test_pyproject_reads_the_same_files():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dynamic = project["tool"]["setuptools"]["dynamic"]
    assert set(project["project"]["dynamic"]) == {"version", "dependencies", "optional-dependencies"}
    assert dynamic["version"] == {"attr": "mingle.__version__"}  # the version is kept once
    assert dynamic["dependencies"] == {"file": ["requirements/core.txt", "requirements/serve.txt"]}
    assert dynamic["optional-dependencies"] == {
        group: {"file": [f"requirements/{group}.txt"]} for group in GROUPS if group not in ("core", "serve")}


def test_the_core_needs_neither_the_site_nor_the_handouts():
    core = set(pins(REQS / "core.txt"))
    assert not core & {"mkdocs", "markdown", "pymdown-extensions", "playwright", "pypdf"}


def group_venv(home: Path, group: str) -> Path:
    """A fresh venv at `home` holding only one group's pins (linked from .venv's copies), the kit's source and its
    entry points (the MkDocs plugins); its Python."""
    venv.create(home, with_pip=False, symlinks=True)
    target = Path(subprocess.run([home / "bin" / "python", "-c",
                                  "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                 capture_output=True, text=True, check=True).stdout.strip())
    for name in pins(REQS / f"{group}.txt"):
        dist = metadata.distribution(name)
        for top in {Path(str(file)).parts[0] for file in dist.files}:
            source = Path(dist.locate_file(top))
            if source.exists() and not (target / top).exists():
                (target / top).symlink_to(source)
    kit = metadata.distribution("mingle-kit")
    info = Path(kit.locate_file(next(f for f in kit.files if f.name == "entry_points.txt"))).parent
    (target / info.name).symlink_to(info)
    (target / "mingle.pth").write_text(str(ROOT / "scripts") + "\n", encoding="utf-8")
    return home / "bin" / "python"


@pytest.fixture(scope="session")
def core_python(tmp_path_factory) -> Path:
    """A fresh venv holding only the core pins and the kit's source."""
    return group_venv(tmp_path_factory.mktemp("core-venv"), "core")


def core_run(python: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `python -m mingle ARGV` in the core venv."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([python, "-m", "mingle", *argv], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_core_venv_lacks_the_site_and_handout_packages(core_python, tmp_path):
    probe = ("import importlib.util as u; print([m for m in "
             "('mkdocs', 'markdown', 'pymdownx', 'playwright', 'pypdf', 'pytest') if u.find_spec(m)])")
    result = subprocess.run([core_python, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_core_install_checks_grades_and_templates(core_python, tmp_path, capsys):
    exercises = make_kit(tmp_path)
    sheet = write_sheet(tmp_path / "good.json", GOOD)
    assert core_run(core_python, "--help", cwd=tmp_path).returncode == 0
    checked = core_run(core_python, "check", str(exercises), cwd=tmp_path)
    assert (checked.returncode, checked.stderr) == (0, "")
    graded = core_run(core_python, "grade", "--json", "--html", "debrief.html", "good.json", cwd=tmp_path)
    assert (graded.returncode, graded.stderr) == (0, "")
    assert "<html" in (tmp_path / "debrief.html").read_text(encoding="utf-8")
    assert main(["grade", "--json", "--exercises", str(exercises), str(sheet)]) == 0  # the full install, for comparison
    full = json.loads(capsys.readouterr().out)
    assert json.loads(graded.stdout)["learners"][0]["exercises"] == full["learners"][0]["exercises"]
    course, whole = core_run(core_python, "check", cwd=ROOT), subprocess.run(
        [sys.executable, "-m", "mingle", "check"], cwd=ROOT, capture_output=True, text=True)
    # Without textstat the reading grade, and without the site's packages the slide budget, is said to be left out.
    said = [line for line in course.stderr.splitlines()
            if "reading grade not measured" not in line and "slide budget not measured" not in line]
    assert (course.returncode, course.stdout, said) == (whole.returncode, whole.stdout, whole.stderr.splitlines())
    assert said != course.stderr.splitlines()  # without textstat the check says what it left out
    template = core_run(core_python, "template", cwd=tmp_path)
    assert (template.returncode, template.stderr) == (0, "")
    assert template.stdout.splitlines()[0].startswith("learner")


def test_core_install_renders_an_exercise_form(core_python, tmp_path):
    exercises = make_kit(tmp_path)
    code = ("import sys, xml.etree.ElementTree as et; from mingle.exercises import load_exercises; "
            "from mingle.render import exercise_form; "
            "print(et.tostring(exercise_form(load_exercises(sys.argv[1])['quiz']), encoding='unicode'))")
    result = subprocess.run([core_python, "-c", code, str(exercises)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '<form class="mingle-exercise" data-exercise="quiz"' in result.stdout


def test_the_scorm_export_needs_only_the_site_packages(tmp_path_factory, tmp_path):
    python = group_venv(tmp_path_factory.mktemp("site-venv"), "site")
    probe = "import importlib.util as u; print([m for m in ('playwright', 'pypdf', 'starlette') if u.find_spec(m)])"
    result = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    done = core_run(python, "export", "scorm", "--out", str(tmp_path / "course.zip"), cwd=ROOT)
    assert (done.returncode, done.stderr) == (0, "")
    with zipfile.ZipFile(tmp_path / "course.zip") as package:
        assert "imsmanifest.xml" in package.namelist() and "index.html" in package.namelist()
