"""The SCORM package in a real SCORM 1.2 runtime: scorm-again as the LMS, in Chromium.

A stand-in LMS page (tests/fixtures/lms/index.html) makes scorm-again's Scorm12API the window.API, loads what
the last attempt committed (as an LMS stores it) and frames the package. The tests do exercises, tick lists,
leave, come back, finish, and read back score, status, suspend_data and session time as the LMS stored them.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_js_support import right_value

from mingle.cli import main
from mingle.course.coursemap import course_map
from mingle.export.scorm import course_exercises
from mingle.model import TEXT_LIMIT, exercise_max, is_marked, marked_max

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
LMS_PAGE = ROOT / "tests" / "fixtures" / "lms" / "index.html"
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
EXERCISES = course_exercises(ROOT, with_presenter=False)
MARKED = [e for e in EXERCISES if marked_max(e)]  # what the pass mark counts; the rest give a profile
PLACES = course_map(str(ROOT / "docs"))
TIMESPAN = re.compile(r"^[0-9]{2,4}:[0-5][0-9]:[0-5][0-9](\.[0-9]{1,2})?$")


def page_of(exercise_id: str) -> str:
    """The package page (offline build: .html files) that shows an exercise."""
    return PLACES[0][exercise_id].page.removesuffix(".md") + ".html"


class LMS:
    """What the stand-in LMS stores: the last commit's JSON, as scorm-again sent it."""

    def __init__(self, package: Path):
        self.package, self.state, self.mastery, self.launcher = package, None, "60", "scorm.html"

    def handler(self, *args, **kwargs):
        return _Handler(self, *args, **kwargs)

    def core(self) -> dict:
        return (self.state or {}).get("cmi", {}).get("core", {})


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, lms: LMS, *args, **kwargs):
        self.lms = lms
        super().__init__(*args, directory=str(lms.package), **kwargs)

    def log_message(self, *args):
        pass

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the page closed first (a save sent as it unloads):
            pass  # what it sent is recorded already, as a real LMS would have it

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/lms/":
            state = json.dumps(self.lms.state).replace("<", "\\u003c")
            html = (LMS_PAGE.read_text(encoding="utf-8").replace("__STATE__", state)
                    .replace("__MASTERY__", self.lms.mastery).replace("__LAUNCHER__", self.lms.launcher))
            return self._send(html.encode("utf-8"), "text/html; charset=utf-8")
        if path == "/lms/scorm12.min.js":
            return self._send(RUNTIME.read_bytes(), "text/javascript")
        if path.startswith("/pkg/"):
            self.path = self.path[4:]
            return super().do_GET()
        self.send_error(404)

    def do_POST(self):
        data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.lms.state = json.loads(data)
        self._send(b'{"result": true, "errorCode": 0}', "application/json")


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    """The package exported as a folder, served with the stand-in LMS on a free 127.0.0.1 port."""
    if not RUNTIME.is_file():
        pytest.fail("scorm-again is missing: run `make node_modules/scorm-again/dist/scorm12.min.js`", pytrace=False)
    folder = tmp_path_factory.mktemp("scorm") / "course"
    assert main(["export", "scorm", "--out", str(folder), "--config", str(ROOT / "mkdocs.yml")]) == 0
    lms = LMS(folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lms.handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    lms.url = f"http://127.0.0.1:{server.server_address[1]}/lms/"
    yield lms
    server.shutdown()
    server.server_close()


@pytest.fixture
def fresh(lms):
    """A learner's first attempt: nothing stored yet, the package's own launcher and pass mark."""
    lms.state, lms.mastery, lms.launcher = None, "60", "scorm.html"
    return lms


def course_frame(page):
    """The frame showing the site's pages inside the launcher."""
    for _ in range(200):
        frames = [f for f in page.frames if "/pkg/" in f.url and not f.url.endswith(".html?") and
                  f.parent_frame is not None and f.parent_frame.url.endswith(("scorm.html", "no-mastery.html",
                                                                                   "no-marks.html"))]
        if frames:
            return frames[0]
        try:  # look again as soon as a frame moves (and at worst every quarter second, if one moved meanwhile)
            page.wait_for_event("framenavigated", timeout=250)
        except PlaywrightTimeout:
            pass
    raise AssertionError("the launcher never showed a page")


def open_course(page, lms: LMS):
    """Launch the course from the LMS and wait for its first page."""
    page.goto(lms.url)
    frame = course_frame(page)
    frame.wait_for_selector("h1")
    return frame


def go(page, path: str):
    """Move to another page of the course, as following a link does."""
    frame = course_frame(page)
    frame.goto(frame.url.split("/pkg/")[0] + "/pkg/" + path)
    frame.wait_for_selector("h1")
    return frame


def visits(page, exercises) -> Iterator:
    """Each exercise with the frame showing it, in page order, moving only when the next one is on another page."""
    shown, frame = None, None
    for exercise in sorted(exercises, key=lambda e: page_of(e.id)):
        if page_of(exercise.id) != shown:
            shown = page_of(exercise.id)
            frame = go(page, shown)
        yield frame, exercise


def answer(frame, exercise, values: dict) -> None:
    """Fill an exercise's form with the given values and press Check."""
    form = frame.locator(f'form.mingle-exercise[data-exercise="{exercise.id}"]')
    for item in exercise.items:
        value = values.get(item.id)
        if value is None or item.auto:  # the page checks those points itself: there is nothing to tick
            continue
        if item.kind == "match":
            form.locator(f'select[name="{item.id}"]').select_option(value)
        elif item.kind == "text":
            form.locator(f'textarea[name="{item.id}"]').fill(value)
        else:
            for one in value if isinstance(value, list) else [value]:
                form.locator(f'input[name="{item.id}"][value="{str(one).lower() if one is True else one}"]').check()
    form.locator('button[data-action="check"]').click()
    frame.wait_for_function(
        f'document.querySelector(\'form[data-exercise="{exercise.id}"]\').dataset.score !== undefined')


def best(exercise) -> dict:
    return {i.id: right_value(exercise, i) for i in exercise.items}


def api(page, element: str) -> str:
    """A value as the LMS's runtime holds it now."""
    return page.evaluate(f"String(window.API.cmi.{element.removeprefix('cmi.')})")


def leave(page, lms: LMS) -> None:
    """Close the course (the learner leaves the LMS page) and wait for the final commit to arrive."""
    page.goto("about:blank")
    for _ in range(200):
        if lms.core().get("exit") == "suspend" and lms.core().get("session_time", "00:00:00") != "00:00:00":
            return
        time.sleep(0.05)
    raise AssertionError(f"no final commit reached the LMS: {lms.core()}")


def checked(lms: LMS, raw: int) -> None:
    for _ in range(200):
        if lms.core().get("score", {}).get("raw") == str(raw):
            return
        time.sleep(0.05)
    raise AssertionError(f"the LMS never got score {raw}: {lms.core()}")


def saved(lms: LMS, exercise_id: str) -> None:
    """Wait until the LMS holds suspend_data with this exercise's answers in it."""
    for _ in range(200):
        if f'"{exercise_id}"' in (lms.state or {}).get("cmi", {}).get("suspend_data", ""):
            return
        time.sleep(0.05)
    raise AssertionError(f"the LMS never got {exercise_id}'s answers: {lms.state}")


def raw_score(lms: LMS) -> str:
    return lms.core().get("score", {}).get("raw", "")


def test_progress_goes_to_the_lms_and_comes_back_on_the_next_visit(page, fresh):
    lms, first = fresh, MARKED[0]
    frame = open_course(page, lms)
    assert [api(page, f"core.{k}") for k in ("lesson_status", "score.raw")] == ["incomplete", ""]
    frame = go(page, page_of(first.id))
    answer(frame, first, best(first))
    saved(lms, first.id)  # committed at the check, not only at the end
    assert (lms.core()["lesson_status"], raw_score(lms)) == ("incomplete", "")  # no score before there is one
    checklist = next(c for c in PLACES[1] if not c.page.startswith("presenters/"))
    frame = go(page, checklist.page.removesuffix(".md") + ".html")
    frame.locator(f'[data-checklist="{checklist.id}"] input[type=checkbox]').first.focus()
    page.keyboard.press("Space")  # the keyboard way: the styled box covers the real one
    assert page.evaluate("Object.keys(localStorage).filter(k => /^mingle:v1:(answers|checklist)/.test(k))") == []
    leave(page, lms)
    core = lms.core()
    assert TIMESPAN.match(core["session_time"]) and TIMESPAN.match(core["total_time"])
    assert core["lesson_location"] == checklist.page.removesuffix(".md") + ".html"
    assert lms.state["cmi"]["suspend_data"].startswith("M2") and len(lms.state["cmi"]["suspend_data"]) <= 4096

    frame = open_course(page, lms)  # the next visit resumes where the learner left off
    assert api(page, "core.entry") == "resume"
    assert frame.url.endswith(core["lesson_location"])
    assert frame.locator(f'[data-checklist="{checklist.id}"] input[type=checkbox]').first.is_checked()
    frame = go(page, page_of(first.id))
    form = frame.locator(f'form[data-exercise="{first.id}"]')
    for item in (i for i in first.items if i.kind in ("single", "multiple")):
        for value in [right_value(first, item)] if item.kind == "single" else right_value(first, item):
            assert form.locator(f'input[name="{item.id}"][value="{value}"]').is_checked()
    assert frame.locator("[data-role=learner-name]").first.input_value() == "Ada Lovelace"  # from the LMS
    for frame, exercise in visits(page, MARKED[1:]):
        answer(frame, exercise, best(exercise))
    checked(lms, 100)
    assert api(page, "core.lesson_status") == "passed" and lms.core()["lesson_status"] == "passed"
    leave(page, lms)
    assert not page.watch.errors and not page.watch.external


def test_all_done_below_the_mastery_score_fails_and_without_one_completes(page, fresh, lms):
    for mastery, launcher, status in (("60", "scorm.html", "failed"), ("", "no-mastery.html", "completed")):
        lms.state, lms.mastery, lms.launcher = None, mastery, launcher
        if launcher != "scorm.html":  # the same package exported with --mastery 0
            html = (lms.package / "scorm.html").read_text(encoding="utf-8")
            (lms.package / launcher).write_text(html.replace('"mastery":60', '"mastery":0'), encoding="utf-8")
        open_course(page, lms)
        last = sorted(MARKED, key=lambda e: page_of(e.id))[-1]
        for frame, exercise in visits(page, MARKED):
            if exercise is last:
                assert (api(page, "core.lesson_status"), api(page, "core.score.raw")) == ("incomplete", "")
            answer(frame, exercise, {})  # checked with nothing answered: done, but 0 marks
        assert api(page, "core.score.raw") == "0" and api(page, "core.lesson_status") == status
        leave(page, lms)
        assert lms.core()["lesson_status"] == status
    assert not page.watch.errors


def maximal(exercise) -> dict:
    """The longest answer of each item: last option, every option, top of the scale, ticked, full text."""
    text = ('"\\\n' * (TEXT_LIMIT // 3 + 1))[:TEXT_LIMIT]  # each character escaped in JSON: the worst case
    values = {}
    for item in exercise.items:
        options = [o.id for o in exercise.options_for(item)]
        values[item.id] = {"single": options[-1:] and options[-1], "match": options[-1:] and options[-1],
                           "multiple": options, "rating": exercise.scale.max if exercise.scale else 0,
                           "check": True, "text": text}[item.kind]
    return values


def test_the_worst_case_fits_suspend_data_and_only_whole_written_answers_are_left_out(page, fresh):
    lms = fresh
    open_course(page, lms)
    launcher = next(f for f in page.frames if f.url.endswith("/scorm.html"))
    records = {f"answers:{e.id}": {"answers": maximal(e), "score": exercise_max(e), "max": exercise_max(e)}
               for e in EXERCISES}
    for ref in PLACES[1]:
        if not ref.page.startswith("presenters/"):
            records[f"checklist:{ref.page.removesuffix('.md')}:{ref.id}"] = [True] * ref.items
    records["learner"] = "N" * 398  # the longest name storage.js keeps (400 characters of JSON)
    launcher.evaluate("records => { for (const [k, v] of Object.entries(records)) "
                      "MingleScorm.store.setItem('mingle:v1:' + k, JSON.stringify(v)); MingleScorm.commit(); }",
                      records)
    data = api(page, "suspend_data")
    lost = launcher.evaluate("MingleScorm.lost()")
    texts = {e.id for e in EXERCISES if any(i.kind == "text" for i in e.items)}
    assert 0 < len(data) <= 4096 and set(lost) <= texts
    assert lost, "5,000-character answers cannot all fit: some must be named as left out"
    frame = go(page, page_of(lost[0]))
    assert frame.locator(f'form[data-exercise="{lost[0]}"] .mingle-notice').first.text_content().startswith(
        "One of your written answers here is too long")
    leave(page, lms)
    assert lms.state["cmi"]["suspend_data"] == data

    open_course(page, lms)
    launcher = next(f for f in page.frames if f.url.endswith("/scorm.html"))
    back = launcher.evaluate("keys => Object.fromEntries(keys.map(k => "
                             "[k, JSON.parse(MingleScorm.store.getItem('mingle:v1:' + k))]))", list(records))
    for key, record in records.items():
        if key.startswith("answers:"):
            exercise = key[len("answers:"):]
            assert (back[key]["score"], back[key]["max"]) == (record["score"], record["max"])
            for item, value in record["answers"].items():
                if isinstance(value, str) and len(value) == TEXT_LIMIT:  # a written answer: whole, or not at all
                    assert back[key]["answers"].get(item) in (value, None)
                    assert (item in back[key]["answers"]) or exercise in lost
                else:
                    assert back[key]["answers"][item] == value, (key, item)
        elif key.startswith("checklist:"):
            assert back[key] == record
    assert back["learner"] == records["learner"]
    assert not page.watch.errors


def test_outside_an_lms_the_package_is_the_plain_offline_site(page, lms):
    page.goto(lms.url.replace("/lms/", "/pkg/scorm.html"))
    page.wait_for_url(re.compile(r"/pkg/index\.html$"))
    first = EXERCISES[0]
    page.goto(lms.url.replace("/lms/", "/pkg/" + page_of(first.id)))
    answer(page.main_frame, first, best(first))
    assert page.evaluate(f"!!localStorage.getItem('mingle:v1:answers:{first.id}')")
    assert not page.watch.errors and not page.watch.external


def test_the_launcher_and_the_learner_pages_have_zero_axe_violations(page, fresh):
    from axe_playwright_python.sync_playwright import Axe
    from conftest import AXE_OPTIONS
    from test_site_browser import axe_report

    open_course(page, fresh)
    launcher = next(f for f in page.frames if f.url.endswith("/scorm.html"))
    failures = []
    for frame, name in ((launcher, "scorm.html"), (course_frame(page), "index.html"),
                        (go(page, page_of(EXERCISES[0].id)), page_of(EXERCISES[0].id))):
        results = Axe().run(frame, options=AXE_OPTIONS)
        if results.violations_count:
            failures.append(f"{name}:\n{axe_report(results)}")
    assert not failures, "\n".join(failures)
    assert not page.watch.errors


# --- What the LMS gets under Moodle's defaults (credit, normal mode, the mastery score overriding status) -----

def modest(exercise) -> dict:
    """Every marked item right; every self-rating at its lowest score, every tick left off, nothing written."""
    values = {}
    for item in exercise.items:
        if is_marked(item):
            values[item.id] = right_value(exercise, item)
        elif item.kind == "rating":
            values[item.id] = exercise.scale.max if item.reverse else exercise.scale.min
    return values


def glowing(exercise) -> dict:
    """Every marked item wrong; every self-rating at its best, every tick on, every box written."""
    values = {}
    for item in exercise.items:
        options = [o.id for o in exercise.options_for(item)]
        if item.kind in ("single", "match"):
            values[item.id] = next(o for o in options if o != item.answer)
        elif item.kind == "multiple":
            values[item.id] = [o for o in options if o not in item.answer]
        elif item.kind == "text":
            values[item.id] = "Where is your favourite spot for a cup of tea?"
        else:
            values[item.id] = right_value(exercise, item)
    return values


def first_visit(page, lms: LMS, exercise) -> list:
    """Open the course, check an exercise with its best answers, leave; the parts of the suspend_data it saved."""
    open_course(page, lms)
    answer(go(page, page_of(exercise.id)), exercise, best(exercise))
    saved(lms, exercise.id)
    leave(page, lms)
    return json.loads(lms.state["cmi"]["suspend_data"][2:])


def do_everything(page, lms: LMS, answers) -> None:
    """Open the course and check every exercise on its page with the answers given for it."""
    open_course(page, lms)
    for frame, exercise in visits(page, EXERCISES):
        answer(frame, exercise, answers(exercise))


def test_opening_and_leaving_is_incomplete_with_no_score(page, fresh):
    open_course(page, fresh)
    leave(page, fresh)
    assert (fresh.core()["lesson_status"], raw_score(fresh)) == ("incomplete", "")
    assert not page.watch.errors


@pytest.mark.parametrize("answers, raw, status", [(modest, 100, "passed"), (glowing, 0, "failed")],
                         ids=["all-right-modest-self-ratings", "all-wrong-glowing-self-ratings"])
def test_only_the_marked_items_decide_pass_or_fail(page, fresh, answers, raw, status):
    do_everything(page, fresh, answers)
    checked(fresh, raw)
    leave(page, fresh)
    assert fresh.core()["lesson_status"] == status
    assert not page.watch.errors


def test_saved_data_the_package_cannot_read_is_kept_and_the_learner_told(page, fresh):
    lms, first = fresh, MARKED[0]
    unreadable = "M1" + json.dumps(["a1b2c3d4", [[3, 1, 2]], {}, "Ada", []])  # another version of the course
    lms.state = {"cmi": {"suspend_data": unreadable, "core": {"lesson_status": "incomplete", "exit": "suspend"}}}
    frame = open_course(page, lms)
    notice = frame.locator(".mingle-notice").first
    notice.wait_for()
    assert notice.text_content().startswith("Your saved progress in the LMS comes from a version of this course")
    answer(go(page, page_of(first.id)), first, best(first))
    leave(page, lms)
    assert lms.state["cmi"]["suspend_data"] == unreadable
    assert not page.watch.errors


def test_a_newer_package_keeps_what_it_can_and_carries_the_rest(page, fresh):
    lms, first = fresh, MARKED[0]
    version, rows, lists, name, texts = first_visit(page, lms, first)
    rows["an-exercise-since-changed"] = ["0badf00d", 4, 2, 1]  # as a package with another version of it saved it
    texts.append(["an-exercise-since-changed", 2, "Kept word for word"])
    lms.state["cmi"]["suspend_data"] = "M2" + json.dumps(["0badf00d", rows, lists, name, texts])
    frame = open_course(page, lms)
    frame.locator(".mingle-notice").first.wait_for()
    assert frame.locator(".mingle-notice").first.text_content().startswith("Some of your saved answers belong to")
    form = go(page, page_of(first.id)).locator(f'form[data-exercise="{first.id}"]')
    item = next(i for i in first.items if i.kind == "single")
    assert form.locator(f'input[name="{item.id}"][value="{item.answer}"]').is_checked()
    leave(page, lms)
    _, rows_after, _, _, texts_after = json.loads(lms.state["cmi"]["suspend_data"][2:])
    assert rows_after["an-exercise-since-changed"] == ["0badf00d", 4, 2, 1]
    assert ["an-exercise-since-changed", 2, "Kept word for word"] in texts_after
    assert not page.watch.errors


def test_what_an_older_package_saved_of_the_same_course_is_read(page, fresh):
    lms, first = fresh, MARKED[0]
    version, rows, lists, name, texts = first_visit(page, lms, first)
    order = [e.id for e in EXERCISES]  # M1: one entry per exercise by place, without its fingerprint
    older = [rows[e][1:] if e in rows else 0 for e in order]
    lms.state["cmi"]["suspend_data"] = "M1" + json.dumps([version, older, lists, name, texts])
    open_course(page, lms)
    form = go(page, page_of(first.id))
    item = next(i for i in first.items if i.kind == "single")
    assert form.locator(f'form[data-exercise="{first.id}"] input[name="{item.id}"][value="{item.answer}"]').is_checked()
    assert not form.locator(".mingle-notice").count()
    assert not page.watch.errors


def test_a_course_with_nothing_marked_completes_with_no_score(page, fresh):
    """An adapted course of self-assessments and surveys only: nothing to pass or fail, and no score."""
    lms = fresh
    html = (lms.package / "scorm.html").read_text(encoding="utf-8")
    (lms.package / "no-marks.html").write_text(re.sub(r'"marked_max":[0-9]+', '"marked_max":0', html),
                                               encoding="utf-8")
    lms.launcher = "no-marks.html"
    open_course(page, lms)
    last = sorted(EXERCISES, key=lambda e: page_of(e.id))[-1]
    for frame, exercise in visits(page, EXERCISES):
        if exercise is last:
            assert api(page, "core.lesson_status") == "incomplete"
        answer(frame, exercise, modest(exercise))
    assert (api(page, "core.lesson_status"), api(page, "core.score.raw")) == ("completed", "")
    leave(page, lms)
    assert (lms.core()["lesson_status"], raw_score(lms)) == ("completed", "")
    assert not page.watch.errors
