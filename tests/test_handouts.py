"""`mingle handouts`: ten PDFs on A4 and Letter, covers and headers, no presenter material for learners, and the
slides three to a page beside lines for notes."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from mingle import reading
from mingle.exercises import load_exercises
from mingle.handouts.booklet import back_pages
from mingle.course.agenda import load_for, schedule
from mingle.course.agenda_view import overrun_text
from mingle.course.guestcards import load_cards

ROOT = Path(__file__).resolve().parent.parent
NAMES = [f"{edition}-{paper}.pdf" for edition in ("learner-booklet", "presenter-guide", "answer-key", "guest-cards",
                                                  "slides") for paper in ("a4", "letter")]
EVENT = {"title": "Friends & <b>Neighbours</b> Breakfast", "date": "Thursday 12 March 2027",
         "venue": "The Corn Exchange, Bridport", "presenter": "Sam Patel"}
MODULE_PAGES = sorted((ROOT / "docs" / "modules").glob("*.md"))
EXERCISES = load_exercises(ROOT / "exercises")
PLANS, _ = load_for(ROOT)


def run(*args: str) -> subprocess.CompletedProcess:
    """`python -m mingle` in the kit's folder."""
    return subprocess.run([sys.executable, "-m", "mingle", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="session")
def handouts(tmp_path_factory):
    """Every PDF, built once per session with the event given as flags; (folder, seconds, process)."""
    out = tmp_path_factory.mktemp("handouts")
    began = time.perf_counter()
    done = run("handouts", "--out", str(out), "--plan", "90", "--start", "13:30",
               *[f"--{key}={value}" for key, value in EVENT.items()])
    return out, time.perf_counter() - began, done


def text(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    """pdftotext's reading of a PDF, or of one page (`layout`: lines kept as printed)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, *(["-layout"] if layout else []), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    """pdftotext's reading of every page, in one run (it ends each page with a form feed)."""
    found, count = text(pdf, layout=layout).split("\f"), pages(pdf)
    assert len(found) == count + 1, f"{pdf.name}: {len(found) - 1} form feeds for {count} pages"
    return found[:count]


def flat(value: str) -> str:
    """Words separated by single spaces (PDF text wraps lines anywhere)."""
    return " ".join(value.split())


def info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def pages(pdf: Path) -> int:
    """How many pages."""
    return int(info(pdf)["Pages"])


def phrases(block: str) -> list[str]:
    """The first eight words of every paragraph or item in each `/// <block>` of the module pages."""
    found = []
    for path in MODULE_PAGES:
        for body in re.findall(rf"^/// {block}\n(.*?)^///$", path.read_text(encoding="utf-8"), re.M | re.S):
            for line in body.splitlines():
                words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.lstrip("-0123456789. ")).replace("*", "").split()
                if len(words) >= 5:
                    found.append(" ".join(words[:8]))
    return found


def test_all_ten_pdfs_and_nothing_else(handouts):
    out, _, done = handouts
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    assert f"{len(NAMES)} PDFs in {out} in " in done.stdout
    # How long it takes is a benchmark figure (`make bench`, bench/handouts.py), never a timed test.


def test_paper_sizes(handouts):
    out = handouts[0]
    for name in NAMES:
        size = info(out / name)["Page size"]
        assert size.startswith("595.92 x 842.88" if name.endswith("a4.pdf") else "612 x 792"), (name, size)


def test_page_counts_are_sane(handouts):
    out = handouts[0]
    learner, presenter = pages(out / "learner-booklet-a4.pdf"), pages(out / "presenter-guide-a4.pdf")
    assert 2 + len(MODULE_PAGES) <= learner <= 120
    assert learner + 5 <= presenter <= 200
    assert 2 <= pages(out / "answer-key-a4.pdf") <= 40
    assert 1 <= pages(out / "guest-cards-a4.pdf") <= 4
    for edition in ("learner-booklet", "presenter-guide", "answer-key", "guest-cards"):
        a4, letter = pages(out / f"{edition}-a4.pdf"), pages(out / f"{edition}-letter.pdf")
        assert abs(a4 - letter) <= max(2, a4 // 5), (edition, a4, letter)


@pytest.mark.parametrize("name", ["learner-booklet-a4.pdf", "presenter-guide-letter.pdf", "answer-key-a4.pdf"])
def test_the_cover_shows_the_event_as_plain_text(handouts, name):
    cover = flat(text(handouts[0] / name, 1))
    for value in EVENT.values():
        assert value in cover, value


def test_running_headers_and_page_numbers(handouts):
    pdf = handouts[0] / "learner-booklet-a4.pdf"
    total = pages(pdf)
    for number in (2, total // 2, total):
        page = flat(text(pdf, number))
        assert EVENT["title"] in page and "Learner booklet" in page
        assert f"Page {number} of {total}" in page
        assert f"{EVENT['date']} · {EVENT['venue']}" in page


def test_the_learner_booklet_has_no_answer_key_and_no_facilitator_text(handouts):
    learner = flat(text(handouts[0] / "learner-booklet-a4.pdf"))
    presenter = flat(text(handouts[0] / "presenter-guide-a4.pdf"))
    notes = phrases("facilitator")
    explanations = [" ".join(item.explain.split()[:8]) for e in EXERCISES.values() for item in e.items
                    if item.explain and len(item.explain.split()) >= 5]
    assert notes and explanations
    for phrase in notes + explanations:
        assert phrase not in learner, phrase
        assert phrase in presenter, phrase
    for marker in ("ANSWER KEY:", "NOTES FOR PRESENTERS", "PRESENTER'S COPY"):
        assert marker not in learner.upper()
    assert "Answer key:" in presenter and "NOTES FOR PRESENTERS" in presenter.upper()


def test_the_presenter_guide_prints_each_module_s_timing_line_and_the_booklet_none(handouts):
    from mingle import reading

    learner = flat(text(handouts[0] / "learner-booklet-a4.pdf"))
    presenter = flat(text(handouts[0] / "presenter-guide-a4.pdf"))
    for path in MODULE_PAGES:
        meta, _ = reading.read_front_matter(path)
        line = f"Timing: {meta['teaching']} minutes to teach"
        assert line in presenter, path.name
    assert len(re.findall(r"Timing: \d+ minutes to teach", presenter)) == len(MODULE_PAGES)
    assert not re.search(r"Timing: \d+ minutes to teach", learner)


def test_the_learner_booklet_has_every_module_worksheet_and_the_action_plan(handouts):
    learner = flat(text(handouts[0] / "learner-booklet-letter.pdf"))
    for exercise in EXERCISES.values():
        assert f"Worksheet: {exercise.title}" in learner
    for phrase in phrases("key-points"):
        assert phrase in learner, phrase
    assert "This booklet belongs to" in learner


def test_the_learner_booklet_prints_each_live_activity_as_its_question_and_no_form(handouts):
    from mingle.activities import load_activities
    from mingle.activity_view import KIND_NAMES

    learner = flat(text(handouts[0] / "learner-booklet-a4.pdf"))
    placed = {a for page in (ROOT / "docs" / "modules").glob("*.md")
              for a in re.findall(r"^/// activity \| ([a-z0-9-]+)$", page.read_text(encoding="utf-8"), re.M)}
    assert placed
    for activity in load_activities(ROOT / "activities").values():
        if activity.id in placed:
            assert flat(f"{KIND_NAMES[activity.kind]}: {activity.question}") in learner, activity.id
    assert "Send my question" not in learner and "No live room is open" not in learner


def test_the_learner_booklet_prints_every_diagram_as_words_and_every_picture(handouts):
    """Diagrams print as their caption and their items' words (real text, not a picture of text)."""
    learner = flat(text(handouts[0] / "learner-booklet-a4.pdf"))
    captions = [line.split(":", 1)[1].strip() for path in MODULE_PAGES
                for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("    caption: ")]
    assert captions, "the course draws no diagram"
    for caption in captions + ["The old marketing pipeline: an anti-pattern".upper()]:
        assert caption in learner or caption.upper() in learner.upper(), caption
    reader = PdfReader(handouts[0] / "learner-booklet-a4.pdf")
    scene = next(page for page in reader.pages if "A stranger at the Crown" in flat(page.extract_text()))
    fills = {tuple(round(float(a), 2) for a in args) for args, op in
             ContentStream(scene.get_contents(), reader).operations if op == b"rg"}
    assert (0.96, 0.92, 0.85) in fills, "the pub's drawing is not on its page in its light wall colour"


def test_both_booklets_carry_the_toolkit_templates_after_the_modules(handouts):
    back = back_pages(ROOT / "docs")
    assert [page for _, page in back if page.startswith("toolkit/")] == sorted(
        f"toolkit/{p.stem}" for p in (ROOT / "docs" / "toolkit").glob("*.md") if p.stem != "index")
    for name in ("learner-booklet-a4.pdf", "presenter-guide-letter.pdf"):
        contents = flat(text(handouts[0] / name, 2))
        for title, _ in back:
            assert title in contents, (name, title)
        body = flat(text(handouts[0] / name))
        assert body.index(back[0][0], body.index("To take away")) > 0


CHROME = re.compile("|".join(re.escape(v) for v in (
    EVENT["title"], EVENT["date"], "Learner booklet", "Presenter guide", "Answer key",
    "Guest cards")) + r"|^Page \d+ of \d+$")


def test_each_module_starts_a_new_page(handouts):
    pdf = handouts[0] / "learner-booklet-a4.pdf"
    tops = [page.splitlines() for page in page_texts(pdf)]
    firsts = [next((line for line in lines if line.strip() and not CHROME.search(line)), "") for lines in tops]
    for path in MODULE_PAGES:
        title = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M).group(1)
        assert title in firsts, title


LABELS = {"learner-booklet": "Learner booklet", "presenter-guide": "Presenter guide", "answer-key": "Answer key"}


@pytest.mark.parametrize("name", [n for n in NAMES if not n.startswith(("guest-cards", "slides"))])  # no contents
def test_the_contents_page_gives_the_page_each_part_starts_on(handouts, name):
    pdf, edition = handouts[0] / name, name.rsplit("-", 1)[0]
    contents = text(pdf, 2, layout=True)
    entries = re.findall(r"^\s*(\d+)\. (?:Module \d+ – )?(.+?) *\.* +(\d+)$", contents, re.M)
    listed = re.findall(r"^\s*\d+\. ", contents, re.M)  # every entry, with a page number or not
    assert [int(n) for n, _, _ in entries] == list(range(1, len(listed) + 1)) and len(entries) >= 7, contents
    numbers = [int(page) for _, _, page in entries]
    assert numbers == sorted(numbers) and 2 < numbers[0] and numbers[-1] <= pages(pdf)
    every = [flat(page) for page in page_texts(pdf)]
    for _, entry, page in entries:
        title = part_title(flat(entry))  # the whole title, as two parts may share their first words
        on_page = every[int(page) - 1]
        if edition == "answer-key":  # keys follow on from each other: this one begins on its page, not before
            assert f"Answer key: {title}" in on_page, (title, page)
            assert f"Answer key: {title}" not in every[int(page) - 2], (title, page)
        else:  # every part starts a page: its title comes straight after the running header
            assert on_page.split(LABELS[edition], 1)[1].strip().startswith(title), (title, page)


def part_title(entry: str) -> str:
    """The page or exercise title a contents entry starts with (an entry may add words, such as a note)."""
    titles = [flat(str(reading.read_front_matter(p)[0].get("title", ""))) for p in (ROOT / "docs").rglob("*.md")]
    titles += [flat(e.title) for e in EXERCISES.values()]
    return max((t for t in titles if t and entry.startswith(t)), key=len, default=entry)


def test_no_page_is_empty(handouts):
    for name in NAMES:
        pdf = handouts[0] / name
        for number, page in enumerate(page_texts(pdf), 1):
            body = [line for line in page.splitlines() if line.strip() and not CHROME.search(line)]
            assert body, f"{name}: page {number} has nothing but the header and footer"


def test_the_presenter_guide_has_the_agenda_at_the_chosen_time_and_every_key(handouts):
    guide = flat(text(handouts[0] / "presenter-guide-a4.pdf"))
    plan = PLANS["90"]
    agenda = schedule(plan, "13:30")
    assert f"{plan.title} ({plan.minutes} minutes) from 13:30" in guide
    assert f"13:30–{agenda.rows[0].end}" in guide and flat(overrun_text(agenda)) in guide
    keys = flat(text(handouts[0] / "answer-key-a4.pdf"))
    for exercise in EXERCISES.values():
        assert f"Answer key: {exercise.title}" in guide and f"Answer key: {exercise.title}" in keys


def test_the_guest_cards_have_all_four_guests(handouts):
    cards = flat(text(handouts[0] / "guest-cards-a4.pdf"))
    for guest in ("The wall-hugger", "The shouter", "The butterfly", "The pretender"):
        assert guest in cards
    assert "cut along the dashed lines" in cards


PAINT = {b"f", b"f*", b"F", b"S", b"s", b"B", b"B*", b"b", b"b*"}


def dashed_lines(page, reader) -> list[tuple[float, float, float, float]]:
    """Each dashed line on a page as (x0, y0, x1, y1) from the top left, in points: Chromium paints one as a
    single thin path of many short pieces, so a thin, long path of five or more pieces is a cut line."""
    height, ctm, saved, points, pieces, lines = float(page.mediabox.height), (1, 0, 0, 1, 0, 0), [], [], 0, []
    for args, op in ContentStream(page.get_contents(), reader).operations:
        nums = [float(a) for a in args] if op in (b"cm", b"m", b"l", b"c", b"v", b"y", b"re") else []
        if op == b"q":
            saved.append(ctm)
        elif op == b"Q":
            ctm = saved.pop()
        elif op == b"cm":
            a, b, c, d, e, f = nums
            A, B, C, D, E, F = ctm
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
        elif op in (b"m", b"l", b"c", b"v", b"y", b"re"):
            pieces += op in (b"m", b"re")
            pairs = [(nums[0], nums[1]), (nums[0] + nums[2], nums[1] + nums[3])] if op == b"re" else \
                list(zip(nums[::2], nums[1::2]))
            points += [(ctm[0] * x + ctm[2] * y + ctm[4], height - (ctm[1] * x + ctm[3] * y + ctm[5]))
                       for x, y in pairs]
        elif op in PAINT or op == b"n":
            if op in PAINT and points and pieces >= 5:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                box = (min(xs), min(ys), max(xs), max(ys))
                if min(box[2] - box[0], box[3] - box[1]) < 2 < 50 < max(box[2] - box[0], box[3] - box[1]):
                    lines.append(box)
            points, pieces = [], 0
    return lines


def card_boxes(lines) -> list[tuple[float, float, float, float]]:
    """The rectangles the dashed lines enclose: a left and a right edge spanning the same height."""
    upright = sorted((x0, y0, y1) for x0, y0, x1, y1 in lines if x1 - x0 < 2)
    boxes = []
    for n, (left, top, bottom) in enumerate(upright):
        right = next((x for x, t, b in upright[n + 1:] if abs(t - top) < 1 and abs(b - bottom) < 1 and x > left + 50),
                     None)
        if right is not None and not any(abs(b[1] - top) < 1 and abs(b[0] - left) < 1 for b in boxes):
            boxes.append((left, top, right, bottom))
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Every word on a page with its box (pdftotext -bbox), in reading order."""
    xml = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = etree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in found.iter("word")]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_guest_card_text_is_clipped_or_crosses_a_cut_line(handouts, paper):
    pdf = handouts[0] / f"guest-cards-{paper}.pdf"
    deck = load_cards(ROOT / "data" / "guest-cards.yml")
    reader, texts = PdfReader(pdf), []
    for number, page in enumerate(reader.pages, 1):
        boxes = card_boxes(dashed_lines(page, reader))
        on_page = words(pdf, number)
        for word, x0, y0, x1, y1 in on_page:
            for bx0, by0, bx1, by1 in boxes:
                overlaps = x0 < bx1 and x1 > bx0 and y0 < by1 and y1 > by0
                inside = bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1
                assert inside or not overlaps, f"{paper} page {number}: {word!r} crosses the cut line of a card"
        texts += [flat(" ".join(w for w, x0, y0, x1, y1 in on_page
                                if bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1)) for bx0, by0, bx1,
                                by1 in boxes]
    assert len(texts) == len(deck.cards)
    for card, inside in zip(deck.cards, (t.casefold() for t in texts)):  # the heading prints in capitals
        # Whole from its first line to its last: nothing clipped off the end, nothing spilled into the next card.
        assert inside.startswith(flat(deck.heading).casefold()) and card.name.casefold() in inside, inside
        assert inside.endswith(flat(f"The habit this guest forgets: {card.habit}").casefold()), inside
        assert all(flat(action).casefold() in inside for action in card.actions)


def grey_pixels(pdf: Path, page: int) -> bytes:
    """The page rendered small in greyscale (PGM), pixel bytes only."""
    raw = subprocess.run(["pdftoppm", "-r", "20", "-gray", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", raw)
    return raw[header.end():]


@pytest.mark.parametrize("name", NAMES)
def test_the_first_page_is_not_blank(handouts, name):
    pixels = grey_pixels(handouts[0] / name, 1)
    dark = sum(1 for value in pixels if value < 160)
    assert dark > len(pixels) // 500, f"{name}: first page looks blank ({dark} dark pixels)"


def test_an_unknown_plan_is_a_clean_error():
    done = run("handouts", "--out", "/nonexistent/never", "--plan", "no-such-plan")
    assert done.returncode == 2  # a flag the kit cannot use: a usage error, as in every subcommand
    assert done.stderr.startswith("mingle: --plan no-such-plan: no such session plan; expected one of: ")
    assert done.stdout == ""


def test_a_bad_start_time_is_a_clean_error():
    done = run("handouts", "--out", "/nonexistent/never", "--start", "25:00")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "mingle: --start 25:00: expected HH:MM on the 24-hour clock, such as 09:30\n"


def test_a_bad_event_file_names_the_key(tmp_path):
    event = tmp_path / "event.yml"
    event.write_text("title: Hello\nvenu: Typo Hall\n", encoding="utf-8")
    done = run("handouts", "--out", str(tmp_path / "out"), "--event", str(event))
    assert done.returncode == 1
    assert done.stderr.startswith(f"mingle: {event}: venu: unknown key; expected one of: title, date, venue")
    assert not (tmp_path / "out").exists()


# --- the slides handout ------------------------------------------------------------------------------

SLIDE_LABEL = re.compile(r"^Slide (\d+) of (\d+)$")


def deck(path: Path) -> list:
    """A module's slides as its deck makes them (the Slides page and the handout read the same)."""
    from mingle.course.slidemaker import module_slides

    return module_slides(path, ROOT / "exercises", ROOT / "docs", EXERCISES)


def labels(pdf: Path) -> list[list[tuple[int, int, float]]]:
    """Per page, each "Slide k of n" label with its distance from the page's top, read from the PDF's text
    positions by pypdf."""
    found = []
    for page in PdfReader(pdf).pages:
        height, on_page = float(page.mediabox.height), []

        def visit(text, cm, tm, font, size, on_page=on_page, height=height):
            match = SLIDE_LABEL.match(text.strip())
            if match:
                on_page.append((int(match[1]), int(match[2]), height - (tm[5] * cm[3] + cm[5])))
        page.extract_text(visitor_text=visit)
        found.append(on_page)
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_slides_handout_has_every_slide_several_to_a_page_beside_lines_for_notes(handouts, paper):
    pdf = handouts[0] / f"slides-{paper}.pdf"
    per_page = labels(pdf)
    expected = [len(deck(path)) for path in MODULE_PAGES]
    seen = [label for page in per_page for label in page]
    # every module's slides, in order, numbered as its deck numbers them
    assert [(k, n) for k, n, _ in seen] == [(k, n) for n in expected for k in range(1, n + 1)]
    assert max(len(page) for page in per_page) == 3 and min(len(page) for page in per_page) >= 1
    assert len(per_page) <= sum(expected) // 2 + len(MODULE_PAGES), "not several slides to a page"
    height = float(PdfReader(pdf).pages[0].mediabox.height)
    texts = page_texts(pdf)
    for number, page in enumerate(per_page, 1):
        tops = [top for _, _, top in page]
        assert tops == sorted(tops) and all(15 * 2.83 < top < height - 18 * 2.83 for top in tops), (number, tops)
        assert texts[number - 1].count("Notes") == len(page), number


def test_the_slides_handout_shows_what_the_wall_shows(handouts):
    slides = flat(text(handouts[0] / "slides-a4.pdf"))
    for path in MODULE_PAGES:
        for slide in deck(path):
            shown = ("".join(slide.wall[0].find("figcaption").itertext()) if slide.kind == "picture" else
                     EXERCISES[slide.activity].title if slide.kind == "exercise" else slide.heading)
            assert flat(shown) in slides, (path.name, shown)
    for note in phrases("facilitator"):
        assert note not in slides, note  # the speaker's, never the wall's
    for point in phrases("key-points"):
        assert point in slides, point
