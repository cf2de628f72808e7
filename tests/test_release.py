"""`mingle release` (`make release`): every ready-made file of one version; the same commit gives the same bytes;
the wheel runs the live room in a venv that never saw the source; the offline copy works opened from disk."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

import pytest
from room_kit import start_command
from test_js_support import EXERCISES, exercise_pages, form_answers

from mingle import __version__
from mingle.handouts.booklet import EDITIONS
from mingle.handouts.build import PAPER
from mingle.handouts.slides import NAME as SLIDES
from mingle.release.command import SUMS, source_date_epoch

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SOURCE_DATE_EPOCH", None)  # the release dates itself by the commit
PAGES = exercise_pages()
EXERCISE = sorted(PAGES)[0]


def release(out: Path) -> Path:
    """`mingle release --out OUT` in the kit's folder."""
    done = subprocess.run([sys.executable, "-m", "mingle", "release", "--out", str(out)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """One release of the kit as it is."""
    return release(tmp_path_factory.mktemp("release") / "dist")


def sums(folder: Path) -> dict[str, str]:
    """SHA256SUMS read as `sha256sum -c` reads it: file -> checksum."""
    lines = (folder / SUMS).read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


def test_a_release_holds_every_ready_made_file_with_true_checksums(dist):
    name = f"mingle-{__version__}"
    pdfs = {f"handouts/{edition.name}-{paper}.pdf" for edition in EDITIONS for paper in PAPER}
    pdfs |= {f"handouts/{SLIDES}-{paper}.pdf" for paper in PAPER}
    expected = {f"{name}-site.zip", f"{name}-offline.zip", f"{name}-scorm.zip", f"{name}-moodle.xml",
                f"{name}-gift.txt", f"{name}-qti.zip", f"mingle_kit-{__version__}-py3-none-any.whl", *pdfs}
    listed = sums(dist)
    assert set(listed) == expected
    assert {p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()} == expected | {SUMS}
    for file, digest in listed.items():
        assert hashlib.sha256((dist / file).read_bytes()).hexdigest() == digest, file
    with zipfile.ZipFile(dist / f"{name}-site.zip") as site:
        assert f"Mingle kit version {__version__}" in site.read("index.html").decode()
    with zipfile.ZipFile(dist / f"{name}-scorm.zip") as scorm:
        assert "imsmanifest.xml" in scorm.namelist()


def test_the_same_commit_gives_the_same_bytes(dist, tmp_path):
    assert sums(release(tmp_path / "again")) == sums(dist)


def test_the_pdfs_carry_the_commit_date_and_the_exports_are_mingle_exports(dist, tmp_path):
    epoch = source_date_epoch(ROOT)
    stamp = time.strftime("D:%Y%m%d%H%M%S", time.gmtime(int(epoch))).encode()
    for pdf in (dist / "handouts").iterdir():
        assert b"/CreationDate (" + stamp in pdf.read_bytes(), pdf.name
    name = f"mingle-{__version__}"
    for kind, file in (("scorm", f"{name}-scorm.zip"), ("gift", f"{name}-gift.txt")):
        made = subprocess.run([sys.executable, "-m", "mingle", "export", kind, "--out", str(tmp_path / file)],
                              cwd=ROOT, env={**ENV, "SOURCE_DATE_EPOCH": epoch}, capture_output=True, text=True)
        assert made.returncode in (0, 1), made.stderr
        assert (tmp_path / file).read_bytes() == (dist / file).read_bytes(), file


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """A fresh venv, away from the kit's source, with only the release's wheel (and what it asks for) installed."""
    home = tmp_path_factory.mktemp("wheel-venv")
    venv.create(home, with_pip=True)
    wheel = next(dist.glob("mingle_kit-*.whl"))
    done = subprocess.run([home / "bin" / "python", "-m", "pip", "install", "--quiet", str(wheel)],
                          capture_output=True, text=True, cwd=home, env={k: v for k, v in ENV.items()
                                                                         if k not in ("PYTHONPATH", "VIRTUAL_ENV")})
    assert done.returncode == 0, done.stderr
    return home


@pytest.mark.browser
def test_the_wheel_runs_the_room_and_grades_it_with_no_build_tools(installed, browser, tmp_path):
    clean = {k: v for k, v in ENV.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    found = "import importlib.util as u; print([m for m in ('mkdocs', 'playwright') if u.find_spec(m)])"
    probe = subprocess.run([installed / "bin" / "python", "-c", found],
                           capture_output=True, text=True, env=clean, cwd=tmp_path)
    assert probe.stdout.strip() == "[]"  # the room needs neither MkDocs nor a browser of its own
    room = start_command([str(installed / "bin" / "mingle"), "room", "--port", "0", "--db", "room.sqlite"], tmp_path)
    try:
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        page.goto(room.lines["join"])
        page.goto(room.base + PAGES[EXERCISE])
        form = page.locator(f'form[data-exercise="{EXERCISE}"]')
        form.locator("[data-role=learner-name]").fill("Wheel Wendy")
        page.evaluate("([id, a]) => Mingle.exercise.apply(document.querySelector(`form[data-exercise='${id}']`), a)",
                      [EXERCISE, form_answers(EXERCISES[EXERCISE], random.Random(7))])
        form.locator("[data-action=check]").click()
        page.wait_for_function("id => (document.querySelector(`form[data-exercise='${id}'] [role=status]`)"
                               " || {}).textContent?.includes('Sent to the room')", arg=EXERCISE)
        shown = int(form.get_attribute("data-score"))
        assert f"Mingle kit version {__version__}" in page.content()
        context.close()
    finally:
        room.stop()
    graded = subprocess.run([installed / "bin" / "mingle", "grade", "--json", "room.sqlite"], cwd=tmp_path,
                            capture_output=True, text=True, env=clean)
    assert graded.returncode == 0, graded.stderr
    learner, = json.loads(graded.stdout)["learners"]
    assert (learner["learner"], learner["exercises"][EXERCISE]["score"]) == ("Wheel Wendy", shown)


@pytest.mark.browser
def test_the_offline_copy_works_opened_from_disk(dist, page, tmp_path):
    with zipfile.ZipFile(dist / f"mingle-{__version__}-offline.zip") as copy:
        copy.extractall(tmp_path)
    folder = tmp_path / f"mingle-{__version__}-offline"
    page.goto((folder / "index.html").as_uri())
    page.goto((folder / (PAGES[EXERCISE].strip("/") + ".html")).as_uri())
    form = page.locator(f'form[data-exercise="{EXERCISE}"]')
    form.locator("[data-action=check]").click()
    page.wait_for_function("id => document.querySelector(`form[data-exercise='${id}']`).dataset.score !== undefined",
                           arg=EXERCISE)
    assert form.get_attribute("data-score") == "0"  # nothing answered, and marked as such, with no server at all
    assert page.watch.external == []
