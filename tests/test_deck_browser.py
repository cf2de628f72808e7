"""Decks in real Chromium: every slide of every module's and plan's deck fits the canvas at four window sizes with no
text under 24 px; DESIGN's hooks and keys, and a swipe on a tablet; the wall shows no control while the speaker view
is open; the two windows stay in step; axe finds nothing in either window, light or dark; and a deck opens from a
file:// copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_presenter_browser import axe_failures

from mingle.course.agenda import load_for, read_modules, schedule

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(read_modules(ROOT / "docs" / "modules"))
PLANS = list(load_for(ROOT)[0])
SIZES = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]
KINDS = {"title", "agenda", "module", "content", "picture", "exercise", "activity", "results", "discussion", "break",
         "key-points", "closing"}
SLIDES = "/presenters/slides/"
WALL = ".reveal.mingle-deck-wall"
FLOOR = 24  # px on the 1280×720 canvas

# Steps through every slide in the page (one browser page per deck and size, not one test per slide) and returns
# what does not fit: parts of the slide outside the canvas or the window, and text under the floor. With a
# selector as a second argument, only the slides it matches are measured.
FITS = """([floor, only]) => {
  const wall = document.querySelector('.reveal.mingle-deck-wall');
  const next = wall.querySelector('[data-deck-action="next"]');
  const count = Number(wall.dataset.slides), bad = [];
  for (let i = 0; i < count; i++) {
    const slide = wall.querySelector('.slides > section.present');
    if (only && !slide.matches(only)) { next.click(); continue; }
    const canvas = wall.querySelector('.slides').getBoundingClientRect();
    const where = `slide ${i} (${slide.dataset.slideKind}: ${slide.textContent.trim().slice(0, 30)})`;
    for (const node of slide.querySelectorAll('*')) {
      if (node.closest('aside.notes')) continue;
      const box = node.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      const out = box.left < Math.max(0, canvas.left) - 1 || box.top < Math.max(0, canvas.top) - 1 ||
        box.right > Math.min(innerWidth, canvas.right) + 1 || box.bottom > Math.min(innerHeight, canvas.bottom) + 1;
      if (out) bad.push(`${where}: ${node.tagName} runs past the canvas or the window`);
      const own = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
      if (own && parseFloat(getComputedStyle(node).fontSize) < floor) {
        bad.push(`${where}: ${node.tagName} text under ${floor} px`);
      }
    }
    next.click();
  }
  return bad.slice(0, 12);
}"""


CANVAS_WIDTH = "() => document.querySelector('.reveal.mingle-deck-wall .slides').getBoundingClientRect().width"


# The contrast of each piece of text on the wall after a projector's washed-out contrast(0.6), computed from
# the colours the browser resolved (the text's own and the first solid background behind it).
WASHED = """(amount) => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    v = (0.5 + amount * (v / 255 - 0.5));
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const behind = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const worst = [], wall = document.querySelector(".reveal.mingle-deck-wall");
  for (let i = 0; i < Number(wall.dataset.slides); i++) {
   for (const node of wall.querySelectorAll(".slides > section.present *")) {
    if (node.closest("aside.notes")) continue;
    if (![...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim())) continue;
    const style = getComputedStyle(node), fg = rgb(style.color);
    const alpha = fg.length === 4 ? fg[3] : 1, bg = behind(node);
    const mixed = fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
    const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && style.fontWeight >= 700);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < (large ? 3 : 4.5)) {
      worst.push(`slide ${i}: ${node.tagName} ${ratio.toFixed(2)} ${node.textContent.trim().slice(0, 30)}`);
    }
   }
   wall.querySelector('[data-deck-action="next"]').click();
  }
  return worst;
}"""



@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_wall_stays_readable_on_a_washed_out_projector(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_deck(page, base_url, f"plan={PLANS[-1]}")
    assert page.evaluate(WASHED, 0.6) == []


def open_deck(page, base_url, query: str) -> None:
    """The Slides page with a deck chosen, once reveal.js has laid it out."""
    page.goto(f"{base_url}{SLIDES}?{query}")
    page.wait_for_selector(f"{WALL}.ready[data-slides]")


def where(page) -> tuple[int, int]:
    """DESIGN's hooks: (data-slide, data-slides) on the deck's element."""
    wall = page.locator("[data-slide][data-slides]")
    return int(wall.get_attribute("data-slide")), int(wall.get_attribute("data-slides"))


def wait_slide(page, index: int) -> None:
    """Wait until the deck shows slide `index`."""
    page.wait_for_function(f"document.querySelector('[data-slides]')?.dataset.slide === '{index}'")


def resize(page, width: int, height: int) -> None:
    """The deck's window resized (to a size whose canvas scale differs), once reveal.js has laid the canvas out
    again, back on the first slide."""
    canvas = page.evaluate(CANVAS_WIDTH)
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(f"({CANVAS_WIDTH})() !== {canvas}")
    page.keyboard.press("Home")
    wait_slide(page, 0)


@pytest.mark.parametrize("deck", [f"module={n}" for n in MODULES] + [f"plan={p}" for p in PLANS])
def test_every_slide_fits_the_canvas_with_no_text_under_the_floor(page, base_url, deck):
    """One page per deck, resized to each size in turn as a presenter's window would be (reveal.js lays the
    canvas out again on every resize)."""
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    open_deck(page, base_url, deck)
    problems = []
    for n, (width, height) in enumerate(SIZES):
        if n:
            resize(page, width, height)
        problems += [f"{width}x{height}: {problem}" for problem in page.evaluate(FITS, [FLOOR])]
    assert problems == []
    assert not page.watch.errors and not page.watch.external


def test_a_four_by_three_canvas_on_request(page, base_url):
    page.set_viewport_size({"width": 1024, "height": 768})
    open_deck(page, base_url, f"module={MODULES[-1]}&ratio=4:3")
    box = page.locator(f"{WALL} .slides").bounding_box()
    assert abs(box["width"] / box["height"] - 4 / 3) < 0.01 and box["width"] > 1000
    assert page.evaluate(FITS, [FLOOR]) == []


def test_a_module_page_opens_its_deck_with_the_design_hooks(page, base_url):
    page.goto(base_url + "/modules/02-the-pub/")
    page.click('[data-action="present"]')
    page.wait_for_selector("html.mingle-presenting")
    page.wait_for_selector(f"{WALL}.ready")
    index, count = where(page)
    assert index == 0 and count == page.locator(f"{WALL} .slides > section").count() > 3
    kinds = page.eval_on_selector_all(f"{WALL} .slides > section", "s => s.map((n) => n.dataset.slideKind)")
    assert set(kinds) <= KINDS and kinds[0] == "module"
    for slide in page.locator(f'{WALL} [data-slide-kind="exercise"]').all():
        assert slide.get_attribute("data-activity")
    assert "exercise" in kinds and "picture" in kinds and "key-points" in kinds


def test_the_keys_presenters_know(page, base_url):
    open_deck(page, base_url, f"module={MODULES[-1]}")
    for key, expected in [("ArrowRight", 1), ("Space", 2), ("PageDown", 3), ("ArrowLeft", 2), ("PageUp", 1)]:
        page.keyboard.press(key)
        wait_slide(page, expected)
    for key in ("b", "Period"):
        page.keyboard.press(key)
        page.wait_for_selector(f"{WALL}.paused")
        page.keyboard.press(key)
        page.wait_for_selector(f"{WALL}:not(.paused)")
    assert where(page)[0] == 1  # blanking never moves on
    page.keyboard.press("Escape")
    page.wait_for_function("!document.documentElement.classList.contains('mingle-presenting')")


def test_the_agenda_opens_each_plan_as_one_deck_in_the_plans_order(page, base_url):
    page.goto(base_url + "/presenters/agenda/")
    plan = PLANS[-1]
    page.select_option('[data-role="agenda-plan"]', plan)
    page.click(f'[data-action="present"][data-plan="{plan}"]')
    page.wait_for_selector(f"{WALL}.ready")
    kinds = page.eval_on_selector_all(f"{WALL} .slides > section", "s => s.map((n) => n.dataset.slideKind)")
    assert kinds[:2] == ["title", "agenda"] and kinds[-1] == "closing"
    plans, _ = load_for(ROOT)
    modules = [s.module for s in plans[plan].slots if s.module is not None]
    assert kinds.count("module") == len(modules)
    if any(s.kind == "break" for s in plans[plan].slots):
        assert "break" in kinds
    # The slots' order: each module slide's number in the plan's order.
    shown = page.eval_on_selector_all(f'{WALL} [data-slide-kind="module"] .mingle-deck-eyebrow',
                                      "s => s.map((n) => n.textContent)")
    assert shown == [f"Module {m}" for m in modules]


def test_a_break_counts_down(page, base_url):
    plans, _ = load_for(ROOT)
    plan = next(p for p in plans.values() if any(s.kind == "break" for s in p.slots))
    open_deck(page, base_url, f"plan={plan.id}")
    index = page.eval_on_selector_all(f"{WALL} .slides > section",
                                      "s => s.findIndex((n) => n.dataset.slideKind === 'break')")
    page.keyboard.press("End")
    page.keyboard.press("Home")
    for _ in range(index):
        page.keyboard.press("ArrowRight")
    wait_slide(page, index)
    clock = page.locator(f"{WALL} section.present [data-countdown]")
    first = clock.inner_text()
    page.wait_for_function("(t) => document.querySelector('section.present [data-countdown]').textContent !== t",
                           arg=first)
    assert clock.inner_text() < first


def swipe(cdp, start: int, end: int, y: int) -> None:
    """A finger drawn across the screen from x = start to x = end, as a tablet's touch screen sends it (Chromium's own
    touch input, which also makes the pointer events reveal.js listens for)."""
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start, "y": y}]})
    for step in range(1, 6):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove",
                                              "touchPoints": [{"x": start + (end - start) * step / 5, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_a_swipe_on_a_tablet_moves_the_deck(browser, base_url):
    ctx = browser.new_context(viewport={"width": 1024, "height": 768}, has_touch=True, is_mobile=True)
    try:
        page = ctx.new_page()
        open_deck(page, base_url, f"module={MODULES[-1]}")
        cdp = ctx.new_cdp_session(page)
        swipe(cdp, 800, 200, 400)  # right to left: the next slide
        wait_slide(page, 1)
        swipe(cdp, 800, 200, 400)
        wait_slide(page, 2)
        swipe(cdp, 200, 800, 400)  # left to right: back one
        wait_slide(page, 1)
        swipe(cdp, 900, 300, 730)  # across the foot, where the wall's hidden controls wait for a mouse
        wait_slide(page, 2)
        assert page.evaluate("document.documentElement.classList.contains('mingle-presenting')")
    finally:
        ctx.close()


def test_the_walls_controls_wait_for_the_mouse(page, base_url):
    open_deck(page, base_url, f"module={MODULES[0]}")
    bar = page.locator(".mingle-deck-controls")
    assert bar.evaluate("b => getComputedStyle(b).opacity") == "0"
    page.mouse.move(200, 200)
    page.mouse.move(300, 300)
    page.wait_for_function("getComputedStyle(document.querySelector('.mingle-deck-controls')).opacity === '1'")


def open_speaker(page):
    """The wall's speaker view button; the second window once its deck is ready."""
    page.mouse.move(300, 300)
    with page.expect_popup() as opened:
        page.click('[data-action="speaker-view"]')
    speaker = opened.value
    speaker.wait_for_selector(f".mingle-speaker {WALL}.ready")
    return speaker


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_speaker_view_keeps_both_windows_in_step_and_the_wall_bare(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_deck(page, base_url, f"module={MODULES[1]}")
    speaker = open_speaker(page)
    assert page.locator(".mingle-deck-controls").is_hidden()
    assert page.locator("button:visible, a:visible, input:visible").count() == 0
    speaker.keyboard.press("ArrowRight")
    wait_slide(page, 1)
    page.keyboard.press("ArrowRight")
    wait_slide(speaker, 2)
    speaker.locator('[data-deck-action="previous"]').click()
    wait_slide(page, 1)
    assert speaker.locator(".mingle-speaker-notes").inner_text().strip()
    assert speaker.locator(".mingle-speaker-preview section").count() == 1
    assert "left" in speaker.locator(".mingle-speaker-timer").inner_text()
    speaker.keyboard.press("b")
    page.wait_for_selector(f"{WALL}.paused")
    speaker.keyboard.press("b")
    page.wait_for_selector(f"{WALL}:not(.paused)")
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    assert axe_failures(page) == ""
    assert axe_failures(speaker) == ""
    speaker.close()


def test_the_module_pages_speaker_view_button_opens_both_windows_and_the_wall_stays_bare(page, base_url):
    page.goto(base_url + "/modules/02-the-pub/")
    with page.expect_popup() as opened:
        page.click('.mingle-toolbar [data-action="speaker-view"]')
    speaker = opened.value
    page.wait_for_selector(f"{WALL}.ready")
    speaker.wait_for_selector(f".mingle-speaker {WALL}.ready")
    speaker.keyboard.press("ArrowRight")
    wait_slide(page, 1)
    page.mouse.move(200, 200)
    page.mouse.move(300, 300)
    page.wait_for_selector(".mingle-deck-controls", state="hidden")
    speaker.close(run_before_unload=True)
    page.wait_for_function("!document.querySelector('.mingle-deck-controls').hidden")


def test_a_plans_timer_names_the_slot_by_the_clock(page, base_url):
    open_deck(page, base_url, f"plan={PLANS[0]}")
    speaker = open_speaker(page)
    timer = speaker.locator(".mingle-speaker-timer")
    assert "Before the first slot" in timer.inner_text()
    speaker.keyboard.press("ArrowRight")
    speaker.keyboard.press("ArrowRight")
    wait_slide(page, 2)
    plans, _ = load_for(ROOT)
    first = plans[PLANS[0]].slots[0]
    speaker.wait_for_function("document.querySelector('.mingle-speaker-timer').textContent.startsWith('Slot 1 of')")
    assert first.title in timer.inner_text() and "by your clock" in timer.inner_text()
    assert speaker.locator(".mingle-speaker-pace").inner_text() == "On time"
    speaker.close()


def test_a_plan_opened_from_the_agenda_runs_on_the_start_chosen_there(page, base_url):
    plans, _ = load_for(ROOT)
    plan = PLANS[-1]
    page.goto(base_url + "/presenters/agenda/")
    page.wait_for_selector(".mingle-agenda-controls[data-ready]")
    page.select_option('[data-role="agenda-plan"]', plan)
    page.fill('[data-role="agenda-start"]', "13:05")
    page.dispatch_event('[data-role="agenda-start"]', "change")
    page.get_by_text("Agenda updated").wait_for()
    page.click(f'[data-action="present"][data-plan="{plan}"]')
    page.wait_for_selector(f"{WALL}.ready")
    rows = schedule(plans[plan], "13:05").rows
    shown = page.eval_on_selector_all(f"{WALL} .mingle-deck-agenda [data-deck-clock]",
                                      "s => s.map((n) => n.textContent)")
    assert shown == [row.start for row in rows]  # the agenda slide
    for clock in page.locator(f"{WALL} [data-slide-kind=break] [data-deck-clock]").all():  # each break's "back at"
        assert clock.inner_text() == rows[int(clock.get_attribute("data-deck-slot"))].end
    # The speaker view's timer names each slot with its planned times on that clock.
    speaker = open_speaker(page)
    planned = {}
    for index in range(where(speaker)[1]):
        wait_slide(speaker, index)
        found = re.search(r"^Slot (\d+) of \d+: .* \(planned (\d\d:\d\d)–(\d\d:\d\d)\)",
                          speaker.locator(".mingle-speaker-timer").inner_text())
        if found:
            planned[int(found[1]) - 1] = (found[2], found[3])
        speaker.keyboard.press("ArrowRight")
    assert planned == {n: (row.start, row.end) for n, row in enumerate(rows)}
    speaker.close()


def test_a_deck_opens_from_a_file_copy(page, offline_dir):
    page.goto((offline_dir / "presenters" / "slides" / "index.html").as_uri() + f"?module={MODULES[-1]}")
    page.wait_for_selector(f"{WALL}.ready[data-slides]")
    page.keyboard.press("ArrowRight")
    wait_slide(page, 1)
    assert not page.watch.external
