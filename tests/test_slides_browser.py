"""Slides and the speaker view in real Chromium: the wall shows the page's marked parts, the timer counts the
chosen plan's minutes as the agenda does, two windows stay in step by either route, one window still works,
axe finds nothing in either window, and the wall stays readable at a washed-out projector's contrast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_presenter_browser import axe_failures

pytestmark = pytest.mark.browser

MODULE = "/modules/03-the-cocktail-party/"
AGENDA = "/presenters/agenda/"
STAGE = ".mingle-present-stage"
WALL = ".mingle-slide:not([hidden]) .mingle-slide-wall"


def slide_of(page) -> tuple[int, int]:
    """The stage's hooks from DESIGN.md: (data-slide, data-slides)."""
    stage = page.locator(STAGE)
    return int(stage.get_attribute("data-slide")), int(stage.get_attribute("data-slides"))


def wait_slide(page, index: int) -> None:
    """Wait (no fixed sleep) until the stage shows slide `index`."""
    page.wait_for_function(f"document.querySelector('{STAGE}')?.dataset.slide === '{index}'")


def present(page, base_url, path: str = MODULE) -> None:
    page.goto(base_url + path)
    page.click('.mingle-toolbar [data-action="present"]')
    page.wait_for_selector(".mingle-present")


def open_speaker(page):
    """Click the slides window's speaker view button; the second window, in its speaker view."""
    with page.expect_popup() as opened:
        page.click('.mingle-present [data-action="speaker-view"]')
    speaker = opened.value
    speaker.wait_for_selector(".mingle-present--speaker")
    return speaker


def agenda_minutes(page, base_url, plan: str, module_title: str) -> int | None:
    """The minutes the Agenda page gives a module in a plan, chosen there as a presenter would (and so stored)."""
    page.goto(base_url + AGENDA)
    page.select_option('[data-role="agenda-plan"]', plan)
    rows = page.locator(f'.mingle-agenda-plan[data-plan="{plan}"] tbody tr')
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        if module_title in cells[2]:
            return int(cells[1])
    return None


# --- the timer follows the chosen plan ---------------------------------------------------------------

def test_the_timer_counts_what_the_chosen_plan_gives_the_module_as_the_agenda_does(page, base_url):
    page.goto(base_url + MODULE)
    full = sum(int(page.get_attribute("[data-mingle-toolbar]", f"data-{k}")) for k in ("teaching", "exercises"))
    page.goto(base_url + AGENDA)
    plans = page.eval_on_selector_all('[data-role="agenda-plan"] option', "os => os.map(o => o.value)")
    assert len(plans) >= 2
    checked = 0
    for plan in plans:
        minutes = agenda_minutes(page, base_url, plan, "The cocktail party")
        assert page.evaluate("JSON.parse(localStorage.getItem('mingle:v1:agenda')).plan") == plan
        present(page, base_url)
        timer = page.locator(".mingle-present-timer").inner_text()
        line = page.locator(".mingle-present-plan").inner_text()
        if minutes is None:  # the plan leaves the module out: the module's own time, and the words say why
            assert timer.startswith("Elapsed 0:0") and f"of {full} min" in timer, timer
            assert "leaves this module out" in line
        else:
            assert f"of {minutes} min" in timer, (plan, timer)
            assert f"{minutes} of this module's {full} minutes" in line
            checked += 1
    assert checked, "no plan holds the module"
    assert not page.watch.errors


def test_the_timer_runs_against_the_plans_minutes(page, base_url):
    page.clock.install()
    minutes = None
    page.goto(base_url + AGENDA)
    for plan in page.eval_on_selector_all('[data-role="agenda-plan"] option', "os => os.map(o => o.value)"):
        minutes = agenda_minutes(page, base_url, plan, "The cocktail party")
        if minutes:
            break
    present(page, base_url)
    page.clock.run_for(f"{minutes:02d}:30")
    assert re.fullmatch(rf"Elapsed {minutes}:3\d of {minutes} min · over time by 0:3\d",
                        page.locator(".mingle-present-timer").inner_text())


def test_no_plan_chosen_times_the_whole_module(page, base_url):
    present(page, base_url)
    assert "no session plan chosen" in page.locator(".mingle-present-plan").inner_text()


def test_the_build_writes_the_agendas_minutes_into_the_page(site_dir):
    import json

    from mingle.course.agenda import load_for, module_minutes
    from test_zensical import ROOT

    html = (site_dir / "modules" / "03-the-cocktail-party" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'data-plan-minutes="([^"]+)"', html)
    assert found
    written = json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))
    plans, _ = load_for(ROOT)
    assert written == module_minutes(plans)
    for plan in plans.values():  # the same slots the agenda lays out
        for slot in plan.slots:
            if slot.module is not None:
                entry = next(p for p in written if p["id"] == plan.id)
                assert entry["modules"][str(slot.module)] >= slot.minutes


# --- slides, not pages -------------------------------------------------------------------------------

WALL_TEXT = """(() => {
  const words = (node) => node.textContent.replace(/¶/g, "").replace(/\\s+/g, " ").trim();
  return [...document.querySelectorAll(".mingle-slide")].map((slide) => ({
    wall: words(slide.querySelector(".mingle-slide-wall")),
    marked: [...slide.querySelectorAll(".mingle-slide-script > [data-slide-part]")]
      .filter((n) => !["scene", "exercise"].includes(n.dataset.slidePart))
      .map((n) => words(n.cloneNode(true))),
    scenes: [...slide.querySelectorAll(".mingle-slide-script > [data-slide-part=scene] .mingle-block-title")]
      .map(words),
    prose: [...slide.querySelectorAll(".mingle-slide-script > p:not([data-slide-part])")].map(words),
    notes: [...slide.querySelectorAll(".mingle-slide-script .mingle-facilitator")].map(words),
    exercises: [...slide.querySelectorAll(".mingle-slide-script form.mingle-exercise .mingle-title")].map(words),
  }));
})()"""


MODULES = [f"/modules/{p.stem}/" for p in sorted((Path(__file__).parent.parent / "docs" / "modules").glob("*.md"))]


@pytest.mark.parametrize("path", MODULES)
def test_each_slide_shows_the_sections_marked_parts_and_leaves_the_prose_to_the_speaker(page, base_url, path):
    present(page, base_url, path)
    slides = page.evaluate(WALL_TEXT)
    assert len(slides) == slide_of(page)[1]
    kinds = set()
    for slide in slides:
        for part in slide["marked"]:
            assert part[:60] in slide["wall"], (part[:60], slide["wall"][:200])
        for scene in slide["scenes"]:
            assert scene in slide["wall"]
        for paragraph in slide["prose"]:
            if len(paragraph) > 40:
                assert paragraph not in slide["wall"], paragraph
        for note in slide["notes"]:
            assert note[20:80] not in slide["wall"]
        for title in slide["exercises"]:
            assert title in slide["wall"]
        kinds.update(k for k in ("marked", "scenes", "exercises", "notes") if slide[k])
    assert {"marked", "notes"} <= kinds
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(n => n.id)")
    assert len(ids) == len(set(ids)), "a copy on the wall repeats an id"
    assert not page.watch.errors


def test_a_scenes_picture_goes_on_the_wall_with_its_caption(page, base_url):
    page.goto(base_url + MODULE)
    drawn = page.locator(".mingle-scene svg.mingle-picture-svg").first.get_attribute("aria-label")
    page.evaluate("""() => {
      const scene = document.querySelector("article .mingle-scene");
      scene.insertAdjacentHTML("beforeend", '<figure><svg role="img" aria-labelledby="pic-title" viewBox="0 0 10 10">' +
        '<title id="pic-title">A woman by the wall</title><rect width="10" height="10"/></svg></figure>');
    }""")
    page.click('.mingle-toolbar [data-action="present"]')
    while not page.locator(f"{WALL} .mingle-slide-scene").count():
        page.keyboard.press("ArrowRight")
    card = page.locator(f"{WALL} .mingle-slide-scene")
    added = card.locator("svg:not(.mingle-picture-svg)")  # the kit's own drawing of the scene goes up too
    assert added.count() == 1 and added.is_visible()
    assert card.get_by_role("img", name=drawn).is_visible()
    assert card.locator("figcaption").inner_text() == "Against the wall"
    # the copy is still named by its title, whose id no longer clashes with the page's own
    assert page.locator(WALL).get_by_role("img", name="A woman by the wall").count() == 1
    assert card.locator("title").get_attribute("id") != "pic-title"
    assert "mingle-slide-card--words" not in card.get_attribute("class")
    assert axe_failures(page) == ""


def test_a_slide_only_block_shows_on_the_wall_and_not_on_the_page(page, base_url):
    page.goto(base_url + MODULE)
    page.evaluate("""() => {
      const box = document.createElement("div");
      box.className = "mingle-block mingle-slide-only";
      box.dataset.slidePart = "slide-only";
      box.textContent = "Would it look odd at a party?";
      document.querySelector("article h2").after(box);
    }""")
    assert not page.get_by_text("Would it look odd at a party?").is_visible()
    page.click('.mingle-toolbar [data-action="present"]')
    page.keyboard.press("ArrowRight")
    assert page.locator(WALL).get_by_text("Would it look odd at a party?").is_visible()


def test_the_slide_change_is_announced(page, base_url):
    present(page, base_url)
    status = page.locator(".mingle-present-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.keyboard.press("ArrowRight")
    heading = page.locator(f"{WALL} h2").inner_text()
    assert status.inner_text() == f"Slide 2 of {slide_of(page)[1]}: {heading}"


# --- two windows in step -----------------------------------------------------------------------------

def test_either_window_moves_both(page, base_url):
    present(page, base_url)
    speaker = open_speaker(page)
    assert page.evaluate("document.documentElement.classList.contains('mingle-presenting')")
    assert speaker.evaluate("document.documentElement.classList.contains('mingle-presenting')")
    count = slide_of(page)[1]
    assert slide_of(speaker) == (0, count)
    page.keyboard.press("ArrowRight")
    wait_slide(speaker, 1)
    speaker.keyboard.press("ArrowRight")
    speaker.keyboard.press("Space")
    wait_slide(page, 3)
    assert page.locator(f"{WALL} h2").inner_text() == speaker.locator(f"{WALL} h2").inner_text()
    page.get_by_role("button", name="Previous", exact=True).click()
    wait_slide(speaker, 2)
    speaker.keyboard.press("End")
    wait_slide(page, count - 1)
    assert "This is the last slide" in speaker.locator(".mingle-speaker-preview").inner_text()
    speaker.keyboard.press("Home")
    wait_slide(page, 0)
    assert not page.locator(".mingle-present-timer").is_visible()  # the wall shows the slide alone
    assert speaker.locator(".mingle-present-timer").is_visible()
    # the speaker sees the next slide as the room will
    next_heading = page.evaluate("document.querySelectorAll('.mingle-slide')[1].querySelector('.mingle-slide-wall h2')"
                                 ".textContent")
    assert next_heading in speaker.locator(".mingle-speaker-preview").inner_text()
    assert not page.watch.errors


def test_the_speaker_view_shows_this_slides_notes(page, base_url):
    present(page, base_url)
    speaker = open_speaker(page)
    speaker.keyboard.press("End")
    while not speaker.locator(".mingle-slide:not([hidden]) .mingle-facilitator").count():
        speaker.keyboard.press("ArrowLeft")
    assert speaker.locator(".mingle-slide:not([hidden]) .mingle-facilitator").is_visible()
    wait_slide(page, int(speaker.locator(STAGE).get_attribute("data-slide")))
    assert not page.locator(".mingle-slide:not([hidden]) .mingle-facilitator").is_visible()  # never on the wall


def test_blank_and_pause_from_the_speaker_view_reach_the_wall(page, base_url):
    page.clock.install()
    present(page, base_url)
    speaker = open_speaker(page)
    speaker.keyboard.press("b")
    page.wait_for_selector(".mingle-present--blank")
    assert speaker.locator(".mingle-slide:not([hidden])").is_visible()  # the speaker keeps the notes
    assert "screen is blank" in speaker.locator(".mingle-present-status").inner_text()
    page.keyboard.press("ArrowRight")  # back on the wall, not moved on
    speaker.wait_for_selector(".mingle-present--speaker:not(.mingle-present--blank)")
    assert slide_of(page)[0] == 0 and slide_of(speaker)[0] == 0
    speaker.keyboard.press("p")
    page.wait_for_selector('.mingle-present [data-present="pause"][aria-pressed="true"]', state="attached")
    page.clock.run_for("05:00")
    assert page.locator(".mingle-present-timer").inner_text().endswith("paused")
    assert page.locator(".mingle-present-timer").inner_text() == speaker.locator(".mingle-present-timer").inner_text()


def test_escape_in_the_speaker_view_ends_both(page, base_url):
    present(page, base_url)
    speaker = open_speaker(page)
    page.keyboard.press("ArrowRight")
    wait_slide(speaker, 1)
    with speaker.expect_event("close"):
        speaker.keyboard.press("Escape")
    page.wait_for_selector(".mingle-present", state="detached")
    assert not page.evaluate("document.documentElement.classList.contains('mingle-presenting')")


def test_the_design_hooks_find_the_buttons_a_presenter_can_press(page, base_url):
    page.goto(base_url + MODULE)
    page.click('[data-action="present"]')
    assert page.locator('[data-action="speaker-view"]').count() == 1  # the page's toolbar steps aside meanwhile
    with page.expect_popup() as opened:
        page.click('[data-action="speaker-view"]')
    speaker = opened.value
    speaker.wait_for_selector(".mingle-present--speaker")
    with speaker.expect_event("close"):  # Esc on the wall ends the speaker view too
        page.keyboard.press("Escape")
    page.wait_for_selector(".mingle-present", state="detached")
    assert page.locator('.mingle-toolbar [data-action="speaker-view"]').count() == 1


def test_closing_the_speaker_view_gives_the_wall_its_timer_back(page, base_url):
    present(page, base_url)
    speaker = open_speaker(page)
    assert not page.locator(".mingle-present-timer").is_visible()
    speaker.close()
    page.locator(".mingle-present-timer").wait_for(state="visible")  # noticed on the timer's next tick
    assert "speaker view was closed" in page.locator(".mingle-present-status").inner_text()


def test_storage_events_keep_step_without_a_broadcast_channel(context, base_url):
    context.add_init_script("delete window.BroadcastChannel")
    page = context.new_page()
    present(page, base_url)
    speaker = open_speaker(page)
    assert speaker.evaluate("typeof BroadcastChannel") == "undefined"
    speaker.keyboard.press("ArrowRight")
    wait_slide(page, 1)
    page.keyboard.press("ArrowRight")
    wait_slide(speaker, 2)


def test_the_toolbar_opens_slides_and_speaker_view_at_once(page, base_url):
    page.goto(base_url + MODULE)
    with page.expect_popup() as opened:
        page.click('.mingle-toolbar [data-action="speaker-view"]')
    speaker = opened.value
    speaker.wait_for_selector(".mingle-present--speaker")
    assert page.locator(".mingle-present").count() == 1
    speaker.keyboard.press("ArrowRight")
    wait_slide(page, 1)


# --- one window where two are not possible -----------------------------------------------------------

def test_a_blocked_pop_up_leaves_the_single_window_mode_working(context, base_url):
    context.add_init_script("window.open = () => null")
    page = context.new_page()
    present(page, base_url)
    page.click('.mingle-present [data-action="speaker-view"]')
    assert "would not open a second window" in page.locator(".mingle-present-status").inner_text()
    page.keyboard.press("ArrowRight")
    assert slide_of(page)[0] == 1
    page.click('.mingle-present [data-action="presenter-view"]')
    page.keyboard.press("End")
    while not page.locator(".mingle-slide:not([hidden]) .mingle-facilitator").count():
        page.keyboard.press("ArrowLeft")
    assert page.locator(".mingle-slide:not([hidden]) .mingle-facilitator").is_visible()


def test_present_mode_and_the_speaker_view_work_from_a_file_copy(page, offline_dir):
    page.goto((offline_dir / "modules" / "03-the-cocktail-party.html").as_uri())
    page.click('.mingle-toolbar [data-action="present"]')
    page.wait_for_selector(".mingle-present")
    page.keyboard.press("ArrowRight")
    assert slide_of(page)[0] == 1 and page.locator(f"{WALL} h2").is_visible()
    # Chromium opens a second window from a file too; where a browser will not, the status says so (tested above)
    speaker = open_speaker(page)
    speaker.keyboard.press("ArrowRight")
    wait_slide(page, 2)
    page.keyboard.press("ArrowLeft")
    wait_slide(speaker, 1)


# --- accessibility -----------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_speaker_view_has_no_axe_violations(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    present(page, base_url)
    speaker = open_speaker(page)
    speaker.emulate_media(color_scheme=scheme)
    assert axe_failures(speaker) == ""
    speaker.keyboard.press("End")
    speaker.keyboard.press("b")
    assert axe_failures(speaker) == ""
    assert axe_failures(page) == ""


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
  const worst = [];
  const wall = document.querySelector(".mingle-slide:not([hidden]) .mingle-slide-wall");
  for (const node of wall.querySelectorAll("*")) {
    if (![...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim())) continue;
    const style = getComputedStyle(node), fg = rgb(style.color);
    const alpha = fg.length === 4 ? fg[3] : 1, bg = behind(node);
    const mixed = fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
    const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && style.fontWeight >= 700);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < (large ? 3 : 4.5))
      worst.push(`${node.tagName} ${ratio.toFixed(2)} ${node.textContent.trim().slice(0, 30)}`);
  }
  return worst;
}"""


@pytest.mark.parametrize(("scheme", "path"), [("light", p) for p in MODULES] + [("dark", MODULE)])
def test_the_wall_stays_readable_on_a_washed_out_projector(page, base_url, scheme, path):
    page.emulate_media(color_scheme=scheme)
    present(page, base_url, path)
    count = slide_of(page)[1]
    page.add_style_tag(content=".mingle-present { filter: contrast(0.6); }")
    for index in range(count):
        assert page.evaluate(WASHED, 0.6) == [], f"slide {index}"
        page.keyboard.press("ArrowRight")
    assert axe_failures(page) == ""
