"""Reports: JSON and CSV exactly, the terminal text, cohort figures, chart geometry, and HTML that escapes learners."""

from __future__ import annotations

import io
import json
import os
import stat
from html.parser import HTMLParser

import pytest
from grading_kit import kit

from mingle import atomic
from mingle.marking.grading import Grader
from mingle.grade.progress import Progress
from mingle.marking.reports import charts
from mingle.marking.reports.debrief import DebriefReport
from mingle.marking.reports.feedback import FeedbackReport, slug
from mingle.marking.reports.machine import CsvReport, JsonReport, safe_cell
from mingle.marking.reports.stats import Cohort, StrandSummary, median
from mingle.marking.reports.text import TextReport, pad, width
from mingle.marking.sheets import Rejected

EVIL = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def exercises(tmp_path_factory):
    return kit(tmp_path_factory.mktemp("kit"))


@pytest.fixture
def results(exercises):
    """A small room: two learners and one with an unknown exercise and a hostile name."""
    return [
        Grader(exercises).learner("Ada", "ada.json", {"quiz": {
            "pick": "ask", "several": ["listen", "help"], "who": "doer", "done": True,
            "write": "Which loaf should we bake on Saturday?", "asks": True, "kind-words": True}}),
        Grader(exercises).learner("Bo", "room.csv:3", {"quiz": {"pick": "shout", "several": ["spam"], "done": False},
                                           "profile": {"joins": 1, "hides": 4, "listens": "often"}}),
        Grader(exercises).learner(EVIL, "=cmd|' /C calc'!A0", {"old": {}}),
    ]


def feed(report, results, rejected=()):
    for r in results:
        report.add(r)
    for r in rejected:
        report.reject(r)
    report.finish()


# --- JSON and CSV --------------------------------------------------------------------------------------------

def test_json_report_is_the_contract_streamed_one_learner_per_line(results):
    out = io.StringIO()
    feed(JsonReport(out), results[:2], [Rejected("x.json", "empty file")])
    text = out.getvalue()
    assert text.splitlines()[0] == '{"learners": ['
    assert json.loads(text) == {
        "learners": [
            {"learner": "Ada", "source": "ada.json", "total": 4, "max": 4, "unknown": [],
             "exercises": {"quiz": {"score": 7, "max": 7, "band": "Well done", "unanswered": [], "invalid": []}}},
            {"learner": "Bo", "source": "room.csv:3", "total": 0, "max": 4, "unknown": [],
             "exercises": {
                 "quiz": {"score": 0, "max": 7, "band": "Keep going",
                          "unanswered": ["who", "write", "asks", "kind-words"],
                          "invalid": []},
                 "profile": {"score": 1, "max": 12, "band": "At the edge", "unanswered": [], "invalid": ["listens"]}}}],
        "rejected": [{"source": "x.json", "problem": "empty file"}]}
    assert [list(e) for e in json.loads(text)["learners"]][0] == ["learner", "source", "exercises", "total", "max",
                                                                  "unknown"]


def test_json_report_with_nothing_graded_is_still_one_object():
    out = io.StringIO()
    feed(JsonReport(out), [])
    assert json.loads(out.getvalue()) == {"learners": [], "rejected": []}


def test_csv_report_one_row_per_learner_and_exercise_and_never_a_formula(results):
    out = io.StringIO()
    feed(CsvReport(out), results)
    assert out.getvalue() == (
        "learner,source,exercise,score,max,band,unanswered,invalid\n"
        "Ada,ada.json,quiz,7,7,Well done,,\n"
        "Bo,room.csv:3,quiz,0,7,Keep going,who;write;asks;kind-words,\n"
        "Bo,room.csv:3,profile,1,12,At the edge,,listens\n"
        f"\"{EVIL.replace(chr(34), chr(34) * 2)}\",'=cmd|' /C calc'!A0,old,,,unknown exercise,,\n")


@pytest.mark.parametrize("value, cell", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"),
                                         ("\tx", "'\tx"), ("Ada", "Ada"), (7, 7)])
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


# --- text ----------------------------------------------------------------------------------------------------

def test_text_report_counts_rejections_and_unknown_exercises(results, exercises):
    out = io.StringIO()
    feed(TextReport(out, exercises), results, [Rejected("x.json", "empty file")])
    text = out.getvalue()
    assert f"{EVIL}  ·  =cmd|' /C calc'!A0\n  old            –  unknown exercise\n" in text
    assert "\nCohort: 3 learners graded, 1 input rejected\n" in text
    assert text.endswith("\nunknown exercises: old (1)\n")


def test_terminal_widths_count_wide_characters_twice():
    assert width("陈伟") == 4 and width("Zoë") == 3 and width("Zoe\u0308") == 3
    assert pad("陈伟", 6) == "陈伟  "


# --- cohort figures and charts -------------------------------------------------------------------------------

def test_cohort_summaries(results, exercises):
    cohort = Cohort(exercises)
    for r in results:
        cohort.add(r)
    quiz, profile = cohort.summaries()
    assert (quiz.id, quiz.learners, quiz.mean, quiz.median, quiz.low, quiz.high) == ("quiz", 2, 3.5, 3.5, 0, 7)
    assert quiz.scores == ((0, 1), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 1))
    assert [(b.label, b.count, b.share) for b in quiz.bands] == [("Keep going", 1, 0.5), ("Well done", 1, 0.5)]
    assert [(i.id, i.right_share) for i in quiz.missed] == [("pick", 0.5), ("several", 0.5), ("who", 0.5)]
    assert (quiz.unanswered, quiz.invalid) == (4, 0)
    assert profile.profile == (StrandSummary("The wall-hugger", 0), StrandSummary("The shouter", 1))
    assert cohort.unknown == {"old": 1}


def test_median():
    assert median({}) == 0.0
    assert median({3: 1}) == 3
    assert median({1: 1, 4: 1}) == 2.5
    assert median({0: 2, 9: 1}) == 0


def test_histogram_geometry(exercises):
    cohort = Cohort(exercises)
    cohort.add(Grader(exercises).learner("A", "a", {"profile": {"joins": 4, "hides": 0, "listens": 4}}))
    cohort.add(Grader(exercises).learner("B", "b", {"profile": {"joins": 4, "hides": 0, "listens": 4}}))
    cohort.add(Grader(exercises).learner("C", "c", {"profile": {"joins": 0}}))
    [s] = cohort.summaries()
    h = charts.histogram(s.scores, s.max, s.bands)
    assert [b.label for b in h.bars] == [str(n) for n in range(13)]
    assert sum(b.count for b in h.bars) == 3 and h.peak == 2
    tallest = max(h.bars, key=lambda b: b.height)
    assert tallest.label == "12" and tallest.y == h.top and tallest.y + tallest.height == h.baseline
    assert all(h.left <= b.x and b.x + b.width <= h.width for b in h.bars)
    assert [(r.title, r.shaded) for r in h.regions] == [("At the edge", True), ("Mingling", False)]
    assert h.description == "Learners by score: 0: 1; 12: 2."


def test_histogram_groups_many_scores_and_spaces_its_ticks():
    h = charts.histogram([(s, 1) for s in range(65)], 64, [])
    assert len(h.bars) == 22 and h.bars[1].label == "3–5" and h.bars[-1].label == "63–64"
    for top, digits in ((64, 2), (200, 3)):
        ticked = [b for b in charts.histogram([], top, []).bars if b.tick]
        gaps = [b.x - a.x for a, b in zip(ticked, ticked[1:])]
        assert ticked[0].tick == "0" and min(gaps) >= digits * charts.CHAR + 6  # tick labels never overlap
    assert len([b for b in charts.histogram([], 200, []).bars if b.tick]) < len(charts.histogram([], 200, []).bars)


def test_gain_chart_keeps_no_change_on_a_bar_of_its_own():
    h = charts.gains([(-1, 2), (0, 3), (2, 1)], 3)
    assert [b.label for b in h.bars] == ["−3", "−2", "−1", "0", "+1", "+2", "+3"]
    assert [r.title for r in h.regions] == ["Went down", "Same", "Improved"]
    same, zero = h.regions[1], h.bars[3]
    assert same.x < zero.x and zero.x + zero.width < same.x + same.width  # the "Same" band sits over the 0 bar
    assert h.description == "People by change in marks: −1: 2; 0: 3; +2: 1."
    wide = charts.gains([(g, 1) for g in range(-40, 41)], 40)
    assert len(wide.bars) <= charts.MAX_BINS + 1 and sum(b.count for b in wide.bars) == 81
    assert [b.label for b in wide.bars].count("0") == 1 and wide.bars[len(wide.bars) // 2].label == "0"
    assert wide.bars[0].label == "−40 to −37" and wide.bars[-1].label == "+37 to +40"


def test_sideways_bars_are_as_long_as_their_count_and_say_their_share():
    chart = charts.bars([("Facebook", 3), ("A very long name for an option that will not fit beside its bar", 1),
                         ("Nobody", 0)], 4, "Which?")
    longest, short, empty = chart.rows
    assert longest.width == chart.width - charts.NAMES - charts.AFTER
    assert short.width == pytest.approx(longest.width / 3, abs=0.1)
    assert empty.width == 0 and [r.share for r in chart.rows] == ["75%", "25%", "0%"]
    assert short.label.endswith("…") and short.title.startswith("A very long name")
    assert chart.description == ("Which?: Facebook: 3 (75%); A very long name for an option that will not fit beside "
                                 "its bar: 1 (25%); Nobody: 0 (0%).")


def test_fit_and_stacked():
    assert charts.fit("Tuned in to conversation", 1000) == "Tuned in to conversation"
    assert charts.fit("Tuned in to conversation", 80) == "Tuned in t…"
    assert charts.fit("Tuned in to conversation", 10) == ""
    from mingle.marking.reports.stats import BandSummary
    segments = charts.stacked([BandSummary("a", 0, 1, 1, 0.25), BandSummary("b", 2, 3, 3, 0.75)], width=400)
    assert [(g.x, g.width, g.roomy) for g in segments] == [(0.0, 100.0, True), (100.0, 300.0, True)]


# --- HTML ----------------------------------------------------------------------------------------------------

class Tags(HTMLParser):
    """Every start tag and attribute in a page, to prove learner text never became markup."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def assert_inert(html: str) -> None:
    """No script, no event handlers, no image tags from learner text; the hostile name shows as text."""
    tags = parse(html)
    assert "script" not in tags.tags and "img" not in tags.tags
    assert not [a for a in tags.attributes if a.startswith("on")]
    assert EVIL in "".join(tags.text)
    assert "default-src 'none'" in html


def test_debrief_page_escapes_every_learner_value(results, exercises, tmp_path):
    target = tmp_path / "debrief.html"
    feed(DebriefReport(target, exercises), results, [Rejected(EVIL + ".json", EVIL)])
    html = target.read_text(encoding="utf-8")
    assert_inert(html)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    tags = parse(html)
    assert tags.tags.count("svg") >= 4  # per exercise: the score histogram, the band bar, and item bars
    assert tags.tags.count("section") == 4  # quiz, profile, learners, rejected
    assert "To discuss: most missed" in html and "Weakest strand in the room" in html


def test_debrief_page_with_nobody(exercises, tmp_path):
    target = tmp_path / "debrief.html"
    feed(DebriefReport(target, exercises), [])
    assert "No answers to show yet." in target.read_text()


def test_feedback_pages_one_per_learner_escaped_with_an_index(results, exercises, tmp_path):
    report = FeedbackReport(str(tmp_path), exercises)
    twin = Grader(exercises).learner("Ada", "ada2.json", {"profile": {"joins": 3}})
    feed(report, [*results, twin])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ada-2.html", "ada.html", "bo.html", "index.html",
                     "script-alert-x-script-img-src-x-onerror-alert-1.html"]
    evil = (tmp_path / "script-alert-x-script-img-src-x-onerror-alert-1.html").read_text()
    assert_inert(evil)
    assert "Not graded (not exercises in this kit): old." in evil
    bo = (tmp_path / "bo.html").read_text()
    assert "The answer: A question" in bo and "✗ Not this time" in bo  # wrong single: the right answer shown
    assert "could not be read: &#34;often&#34;" in bo  # the invalid rating, quoted as given
    assert "1 (Rarely)" in bo and "<strong>(your weakest)</strong>" in bo
    assert_inert((tmp_path / "index.html").read_text())
    assert 'href="ada-2.html"' in (tmp_path / "index.html").read_text()


def test_feedback_page_says_a_tick_beside_an_empty_box_waits_for_the_writing(exercises, tmp_path):
    report = FeedbackReport(str(tmp_path), exercises)
    feed(report, [Grader(exercises).learner("Cy", "cy.json", {"quiz": {"asks": True, "kind-words": False}})])
    page = (tmp_path / "cy.html").read_text()
    assert page.count("✗ Counts once the answer is written") == 1  # the ticked point, not the unticked one
    assert "✗ Not ticked" in page


@pytest.mark.parametrize("name, file", [("Ada Lovelace", "ada-lovelace"), ("Zoë Łukasz", "zoe-ukasz"),
                                        ("陈伟", "learner"), ("../../etc/passwd", "etc-passwd"), ("", "learner")])
def test_slug(name, file):
    assert slug(name) == file


def test_a_learner_called_index_does_not_replace_the_index(exercises, tmp_path):
    report = FeedbackReport(str(tmp_path), exercises)
    feed(report, [Grader(exercises).learner("Index", "i.json", {})])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index-2.html", "index.html"]


# --- files and the progress bar ------------------------------------------------------------------------------

def test_atomic_write_replaces_whole_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    atomic.write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert os.listdir(tmp_path) == ["report.html"]
    assert stat.S_IMODE(target.stat().st_mode) & 0o444 == 0o444


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    with pytest.raises(TypeError):
        atomic.write_bytes(target, None)  # fails while writing the temporary file
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["report.html"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_no_progress_bar_unless_stderr_is_a_terminal_and_stdout_is_not():
    assert not Progress.for_terminal(io.StringIO(), io.StringIO(), lambda: 5).active
    assert not Progress.for_terminal(Terminal(), Terminal(), lambda: 5).active
    assert Progress.for_terminal(Terminal(), io.StringIO(), lambda: 5).active


def test_progress_bar_appears_after_a_moment_and_gets_out_of_the_way_of_messages():
    now = [0.0]
    stream = Terminal()
    bar = Progress(stream, total=4, active=True, clock=lambda: now[0])
    bar.tick()
    assert stream.getvalue() == ""  # a short batch never shows a bar
    now[0] = 1.0
    bar.tick()
    assert stream.getvalue() == "\r[" + "#" * 15 + "." * 15 + "] 2/4 files"
    bar.message("mingle: x.json: empty file")
    assert stream.getvalue().endswith("\r" + " " * 70 + "\rmingle: x.json: empty file\n")
    bar.clear()
    assert stream.getvalue().endswith("empty file\n")


@pytest.mark.browser
def test_debrief_page_in_a_real_browser_runs_nothing_and_fetches_nothing(results, exercises, tmp_path, page):
    target = tmp_path / "debrief.html"
    feed(DebriefReport(target, exercises), results)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(target.as_uri())
    assert page.get_by_text(EVIL).count() >= 1
    assert page.locator("script, img").count() == 0
    assert dialogs == [] and page.watch.errors == [] and page.watch.external == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
