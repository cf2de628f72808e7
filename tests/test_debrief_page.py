"""The debrief page read as a document: the before-and-after figures and the live activities are in it, charts carry
their words for a screen reader, learner text stays text, and axe finds nothing to fix."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from grading_kit import make_paired_kit

from mingle.activities import load_activities
from mingle.activity_results import item_id
from mingle.exercises import load_exercises
from mingle.marking import roomlive
from mingle.marking.grading import Grader
from mingle.marking.reports.debrief import DebriefReport
from mingle.marking.sheets import Sheet
from test_pairs import marks

EVIL = "<script>alert('x')</script><img src=x onerror=alert(1)>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """One element of the page: its tag, attributes and children (text as plain strings)."""

    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        """All the text inside, with runs of space made one."""
        return " ".join("".join(c if isinstance(c, str) else f" {c.text()} " for c in self.children).split())

    def all(self, tag: str = "", cls: str = "") -> list[Node]:
        """Every element inside with this tag and class (either may be left out), in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (not tag or child.tag == tag) and (not cls or cls in child.attrs.get("class", "").split()):
                    found.append(child)
                found.extend(child.all(tag, cls))
        return found

    def by_id(self, wanted: str) -> Node:
        return next(n for n in self.all() if n.attrs.get("id") == wanted)


class Page(HTMLParser):
    """The page as a tree of Nodes."""

    def __init__(self, html: str):
        super().__init__()
        self.root = self.here = Node("#document", {})
        self.parents: list[Node] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.here.children.append(node)
        if tag not in VOID:
            self.parents.append(self.here)
            self.here = node

    def handle_startendtag(self, tag, attrs):
        self.here.children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        while self.here.tag != tag and self.parents:
            self.here = self.parents.pop()
        if self.parents:
            self.here = self.parents.pop()

    def handle_data(self, data):
        self.here.children.append(data)


def figures(section: Node) -> dict[str, str]:
    """A section's headline figures: label -> the number shown in bold."""
    found = {}
    for box in section.all("div", "figures")[0].all("div"):
        strong = box.all("strong")[0].text()
        found[box.text().split(strong)[0].strip()] = strong
    return found


def table(section: Node) -> list[list[str]]:
    """The rows of the first table in a section, header first, each cell's text."""
    rows = section.all("table")[0].all("tr")
    return [[cell.text() for cell in row.children if isinstance(cell, Node)] for row in rows]


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    folder = make_paired_kit(tmp_path_factory.mktemp("paired"))
    return load_exercises(folder)


@pytest.fixture(scope="module")
def activities():
    return load_activities(Path(__file__).resolve().parent / "fixtures" / "activities")


def said(client: str, activity: str, value) -> tuple[str, str, str]:
    return (client, activity, json.dumps({"answer": value}))


@pytest.fixture(scope="module")
def debrief(kit, activities, tmp_path_factory):
    """A debrief of a small room: five people, three who did both checks, and a room's live activities."""
    target = tmp_path_factory.mktemp("debrief") / "debrief.html"
    report = DebriefReport(target, kit, activities, blocked={"rude"})
    sheets = [
        Sheet("Ada", "ada.json", {"start": marks("reply"), "end": marks("reply", "trust", "habit")}),
        Sheet("Bo", "bo.json", {"start": marks("reply", "trust"), "end": marks("trust", "reply")}),
        Sheet("Cy", "cy-before.json", {"start": marks("reply", "trust")}),
        Sheet(" cy ", "cy-after.json", {"end": marks("reply")}),
        Sheet(EVIL, "evil.json", {"start": marks()}),
        Sheet("Dee", "dee.json", {"start": marks("habit")}),
    ]
    for result in Grader(kit, activities).grade(sheets):
        report.add(result)
    report.add_room(roomlive.LiveRoom("room.sqlite", answers=(
        said("p1", "pick-one", "shop"), said("p2", "pick-one", "shop"), said("p3", "pick-one", "online"),
        said("p1", "three-words", ["calm", "rude", EVIL[:20]]), said("p2", "three-words", ["calm"]),
        said("p1", "short-answer", EVIL), said("p2", "short-answer", "Not let through")),
        questions=((1, "ask-us", EVIL, 3),),
        decisions=(("short-answer", item_id("short-answer", "p1"), "shown"), ("ask-us", "q1", "answered"))))
    report.finish()
    return target


@pytest.fixture(scope="module")
def doc(debrief) -> Node:
    return Page(debrief.read_text(encoding="utf-8")).root


def test_the_pair_shows_each_persons_gain_not_two_averages(doc):
    pair = doc.by_id("pair-start")
    assert figures(pair) == {"Did both": "3", "Improved": "1", "Same": "1", "Went down": "1", "Median gain": "0"}
    assert "2 people did only the before check" in pair.text()  # Dee and the hostile name: counted, not dropped
    rows = table(pair)
    assert rows[0] == ["Question", "Right both times", "Wrong, then right", "Right, then wrong", "Wrong both times"]
    assert rows[1][1:] == ["3", "0", "0", "0"]  # reply: right both times for all three
    assert rows[2][1:] == ["1", "1", "1", "0"]  # trust: Bo twice, Ada gained, Cy lost
    assert rows[3][1:] == ["0", "1", "0", "2"]  # habit: only Ada gained


def test_the_gain_chart_says_its_figures_in_words(doc):
    chart = doc.by_id("pair-start").all("svg")[0]
    assert chart.attrs["role"] == "img"
    named = [doc.by_id(i).text() for i in chart.attrs["aria-labelledby"].split()]
    assert named[1] == "People by change in marks: −1: 1; 0: 1; +2: 1."
    assert [b.all("title")[0].text() for b in chart.all("rect", "bar") if b.attrs["height"] != "0.0"] == [
        "−1: 1", "0: 1", "+2: 1"]


def test_live_activities_show_what_the_wall_showed(doc):
    live = doc.by_id("live")
    assert [s.attrs["id"] for s in live.all("section")] == [
        "live-ask-us", "live-pick-one", "live-short-answer", "live-three-words"]
    poll = doc.by_id("live-pick-one").all("svg")[0]
    assert doc.by_id(poll.attrs["aria-labelledby"].split()[1]).text() == (
        "Where do you meet customers most? People who chose each: In the shop: 2 (67%); Online: 1 (33%).")
    words = [li.children[0].strip() for li in doc.by_id("live-three-words").all("li")]
    assert "calm" in words and "rude" not in words
    assert [li.text() for li in doc.by_id("live-short-answer").all("li")] == [EVIL]
    assert "Not let through" not in live.text() and "2 answers: 1 let through to the wall, 1 not" in live.text()
    assert table(doc.by_id("live-ask-us"))[1] == [EVIL, "3", "Answered"]


def test_no_name_is_shown_with_the_live_activities(doc):
    live = doc.by_id("live").text()
    assert not any(name in live for name in ("Ada", "Bo", "Dee", "p1", "p2"))


def test_learner_text_stays_text(doc):
    assert not doc.all("script") and not doc.all("img")
    assert not [n for n in doc.all() if any(a.startswith("on") for a in n.attrs)]
    assert EVIL in doc.by_id("live").text() and EVIL in doc.by_id("learners").text()


@pytest.mark.browser
def test_the_debrief_page_has_no_axe_violations(page, debrief):
    from axe_playwright_python.sync_playwright import Axe
    from conftest import AXE_OPTIONS

    page.goto(debrief.as_uri())
    page.locator("#live").wait_for()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:4]) for v in results.response["violations"]] == []
    assert page.watch.errors == [] and page.watch.external == []
