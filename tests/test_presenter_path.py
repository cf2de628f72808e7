"""The presenter's path: the files README names, make handouts' event flags, the Welcome's count, serve's alerts."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import markdown
import pytest

from mingle.course.coursemap import course_map
from mingle.course.new_command import module_numbers
from mingle.exercises import load_exercises
from mingle.site.blocks import makeExtension
from mingle.site.ruleblocks import in_words

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = load_exercises(ROOT / "exercises")


def test_readme_lists_every_file_a_presenter_edits():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    for path in ("docs/modules/", "exercises/", "activities/", "data/sessions.yml", "data/guest-cards.yml",
                 "data/blocked-words.yml", "event.yml", "mkdocs.yml"):
        assert f"| `{path}` |" in table, path
        assert (ROOT / path).exists(), path


def test_make_handouts_passes_the_event_from_the_command_line(tmp_path):
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "ensure-test-tools.sh").write_text("exit 0\n", encoding="utf-8")
    fake = tmp_path / ".venv" / "bin" / "mingle"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n", encoding="utf-8")
    fake.chmod(0o755)
    groups = [f".venv/.installed-{p.stem}" for p in sorted((ROOT / "requirements").glob("*.txt"))]
    for made in (".venv/.base", ".venv/.installed", *groups, "node_modules/iframe-worker/shim/index.js",
                 "docs/assets/vendor/iframe-worker-shim.js", "docs/assets/vendor/reveal/reveal.js"):
        (tmp_path / made).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / made).touch()  # everything up to date, so only the handouts recipe runs
    env = {k: v for k, v in os.environ.items() if k not in ("TITLE", "DATE", "VENUE", "PRESENTER", "PLAN", "START")}
    done = subprocess.run(["make", "-s", "handouts", "DATE=12 March 2027", "VENUE=St Mary's \"Hall\", Bridport",
                           "PRESENTER=Sam Patel"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[handouts]", "[--out]", "[handouts]", "[--date]", "[12 March 2027]",
                                        "[--venue]", "[St Mary's \"Hall\", Bridport]", "[--presenter]", "[Sam Patel]"]
    bare = subprocess.run(["make", "-s", "handouts"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert bare.stdout.splitlines() == ["[handouts]", "[--out]", "[handouts]"]  # event.yml decides


@pytest.mark.skipif(not os.access("/usr/bin/chromium", os.X_OK), reason="needs Debian's chromium")
def test_handouts_need_chromium_but_not_poppler(tmp_path):
    script = str(ROOT / "scripts" / "ensure-test-tools.sh")
    no_poppler = {"PATH": str(tmp_path)}  # an empty PATH: no pdftotext, no apt-get
    assert subprocess.run(["/bin/bash", script, "chromium"], env=no_poppler, capture_output=True).returncode == 0
    tests = subprocess.run(["/bin/bash", script], env=no_poppler, capture_output=True, text=True)
    assert tests.returncode == 1 and "pdftotext (poppler-utils) is missing" in tests.stderr
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^handouts: .*\bchromium\b", makefile, re.M)
    assert not re.search(r"^handouts: .*\bbrowser\b", makefile, re.M)


def count_in(docs: Path) -> str:
    """The Welcome sentence as the site renders it over a docs folder."""
    html = markdown.markdown("/// module-count\nThere are {count} modules.\n///\n",
                             extensions=[makeExtension(docs_dir=str(docs))])
    return re.search(r'<div class="mingle-module-count">.*?</div>', html, re.S).group(0)  # not what follows it


def test_the_module_count_comes_from_the_course(tmp_path):
    for number in range(3):
        page = tmp_path / "modules" / f"0{number}-m.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(f"---\ntitle: M\nmodule: {number}\n---\n", encoding="utf-8")
    assert count_in(tmp_path) == '<div class="mingle-module-count">\n<p>There are three modules.</p>\n</div>'
    (tmp_path / "modules" / "03-m.md").write_text("---\ntitle: M\nmodule: 3\n---\n", encoding="utf-8")
    assert "There are four modules." in count_in(tmp_path)
    assert (in_words(20), in_words(21)) == ("twenty", "21")


def test_the_welcome_page_counts_the_modules_in_the_repo():
    welcome = next((ROOT / "docs" / "modules").glob("00-*.md")).read_text(encoding="utf-8")
    assert re.search(r"^/// module-count\n[^\n]*\{count\} modules", welcome, re.M)
    assert f"There are {in_words(len(module_numbers(ROOT / 'docs' / 'modules')))} modules." in count_in(ROOT / "docs")


def test_the_grading_page_says_what_a_misspelt_roster_column_does(tmp_path):
    page = (ROOT / "docs" / "presenters" / "grading.md").read_text(encoding="utf-8")
    assert "the summary says `1 input rejected`, and the exit code is 1" in page
    assert "| Matching (pick from a list) |" in page
    exercise = next(e for e in sorted(EXERCISES.values(), key=lambda e: e.id) if len(e.items) > 1)
    template = subprocess.run([sys.executable, "-m", "mingle", "template", "--csv", exercise.id], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.splitlines()
    header = template[0].split(",")
    header[1] = header[1].replace(exercise.id, exercise.id + "x")
    roster = tmp_path / "roster.csv"
    roster.write_text("\n".join([",".join(header), *template[1:3], ",".join(["Ada"] + ["x"] * (len(header) - 1))])
                      + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mingle", "grade", str(roster)], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 1 and "1 input rejected" in done.stdout and "unanswered" in done.stdout
    assert done.stderr == (f'mingle: {roster}: column 2 "{header[1]}": unknown exercise "{exercise.id}x" '
                           f'(did you mean "{exercise.id}"?)\n')


def free_port() -> int:
    """A free port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_kit(target: Path) -> Path:
    """The course (pages, exercises, live activities, data) and its settings, without .venv or any built site: what
    the build and `make serve` read."""
    for folder in ("docs", "exercises", "activities", "data", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("vendor"), dirs_exist_ok=True)
    for name in ("mkdocs.yml", "event.yml", "CHANGELOG.md"):  # the "What changed" page shows CHANGELOG.md
        shutil.copy(ROOT / name, target / name)
    (target / "scripts" / "mingle").mkdir(parents=True)  # mkdocs.yml watches it under `make serve`
    return target


def get(url: str) -> str:
    """A page's text."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_make_serve_shows_a_broken_file_on_the_page_instead_of_hanging(tmp_path):
    kit = copy_kit(tmp_path)
    target = sorted((kit / "exercises").glob("*.yml"))[0]
    on = course_map(str(kit / "docs"))[0][target.stem].page.removesuffix(".md")
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
    port, log = free_port(), tmp_path / "serve.log"
    with log.open("w") as out:  # to a file, not a pipe nobody reads (a full pipe would stall the server)
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=kit, env={**os.environ, "MINGLE_SERVE": "true"},
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline, html = time.monotonic() + 120, ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                html = get(f"http://127.0.0.1:{port}/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)  # polling for the server to listen, not waiting on a guess
        assert html, "mkdocs serve never answered:\n" + log.read_text()[-2000:]
        assert 'class="admonition failure mingle-build-error" role="alert"' in html
        assert f"exercises/{target.name}: not valid YAML at line" in html and "(exercise-file)" in html
        module = get(f"http://127.0.0.1:{port}/{on}/")
        assert module.count('role="alert"') >= 2  # the course's problems atop the page, and in place of the exercise
    finally:
        server.terminate()
        server.wait(timeout=30)


ADDRESS = re.compile(r"\b(?:site'?s? address|address of the site)\b", re.I)


def test_every_mention_of_the_site_s_address_says_where_it_comes_from():
    # A presenter who reads "send the site's address" must find out how to get one, in the same paragraph or item.
    kit_page = ROOT / "docs" / "presenters" / "getting-the-kit.md"
    found = 0
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if path == kit_page:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if ADDRESS.search(line) and not line.startswith("#"):
                found += 1
                target = os.path.relpath(kit_page, path.parent)
                assert f"]({target}" in line, f"{path.relative_to(ROOT)}:{number}: no link to {target}"
    assert found, "no page mentions the site's address"
