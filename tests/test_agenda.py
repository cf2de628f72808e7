"""Session plans and the real-clock agenda: times from a start, breaks, overruns flagged, Python and JS agreeing."""

from __future__ import annotations

import html as html_lib
import json
import re
import xml.etree.ElementTree as etree
from dataclasses import asdict
from pathlib import Path

import markdown
import pytest

from mingle.errors import MingleError, ProblemsError
from mingle.course.agenda import Plan, Slot, load_for, load_plans, parse_time, read_modules, schedule
from mingle.course.agenda_view import agenda_block, overrun_text
from mingle.course.guestcards import guest_cards, load_cards
from mingle.site.blocks import makeExtension

ROOT = Path(__file__).resolve().parent.parent
PLANS, DEFAULT_START = load_for(ROOT)
MODULES = read_modules(ROOT / "docs" / "modules")

WORKSHOP = Plan("test", "Test workshop", 60, "", (
    Slot("Welcome", 10, "activity"),
    Slot("Module 2 – The pub", 20, "module", module=2),
    Slot("Break", 15, "break"),
    Slot("Module 3 – The cocktail party", 15, "module", module=3),
))
OVERRUN = Plan("long", "Too much", 30, "", (
    Slot("Talk", 20, "activity"), Slot("Break", 5, "break"), Slot("Exercise", 15, "activity"),
))


def rows(agenda) -> list[tuple]:
    """(start, end, minutes, title, kind, late) for each row."""
    return [(r.start, r.end, r.minutes, r.title, r.kind, r.late) for r in agenda.rows]


# --- the clock ---------------------------------------------------------------------------------

def test_times_run_from_the_start_with_the_break_in_place():
    agenda = schedule(WORKSHOP, "13:50")
    assert rows(agenda) == [
        ("13:50", "14:00", 10, "Welcome", "activity", False),
        ("14:00", "14:20", 20, "Module 2 – The pub", "module", False),
        ("14:20", "14:35", 15, "Break", "break", False),
        ("14:35", "14:50", 15, "Module 3 – The cocktail party", "module", False),
    ]
    assert (agenda.start, agenda.end, agenda.planned_end, agenda.total, agenda.overrun) == (
        "13:50", "14:50", "14:50", 60, 0)
    assert overrun_text(agenda) == "Fits: 60 of 60 minutes, ending at 14:50."


def test_an_overrun_is_flagged_in_words_and_on_each_late_row():
    agenda = schedule(OVERRUN, "09:00")
    assert agenda.overrun == 10
    assert [r.late for r in agenda.rows] == [False, False, True]
    assert overrun_text(agenda) == ("Overrun: the slots add up to 40 minutes, 10 more than the 30 this plan "
                                    "allows. It would end at 09:40, not 09:30.")
    table = agenda_block({"long": OVERRUN}, "09:00", ["long"], controls=False)
    late = [tr for tr in table.iter("tr") if tr.get("data-late") == "true"]
    assert len(late) == 1 and "(over time)" in late[0][0].text


def test_times_wrap_past_midnight():
    agenda = schedule(WORKSHOP, "23:30")
    assert [r.start for r in agenda.rows] == ["23:30", "23:40", "00:00", "00:15"]
    assert agenda.end == "00:30"


@pytest.mark.parametrize("bad", ["9.30", "24:00", "12:60", "", "noon", "7:5"])
def test_a_bad_start_time_is_refused_with_an_example(bad):
    with pytest.raises(MingleError, match="expected HH:MM on the 24-hour clock, such as 09:30"):
        parse_time(bad)


def test_one_digit_hours_are_fine():
    assert parse_time("9:05") == 9 * 60 + 5


# --- the plans in the repo, whatever they are ----------------------------------------------------------

@pytest.mark.parametrize("plan_id", list(PLANS))
def test_module_minutes_come_from_front_matter_unless_a_slot_overrides_them(plan_id):
    for slot in (s for s in PLANS[plan_id].slots if s.kind == "module"):
        own = MODULES[slot.module].minutes
        if slot.full is None:
            assert slot.minutes == own, slot.title
        else:
            assert slot.full == own and slot.minutes != own and f"(Full length: {own} minutes.)" in slot.note


def test_a_plan_that_no_longer_fits_is_a_warning_in_the_agenda_not_an_error():
    agenda = schedule(OVERRUN, "09:00")
    html = etree.tostring(agenda_block({"long": OVERRUN}, "09:00", ["long"], controls=False), encoding="unicode")
    assert agenda.overrun == 10 and overrun_text(agenda) in html_lib.unescape(html)


# --- reading plans files --------------------------------------------------------------------------

def kit(tmp_path: Path, sessions: str) -> Path:
    """A tiny kit: two modules and a sessions file."""
    (tmp_path / "docs" / "modules").mkdir(parents=True)
    for number, (teaching, exercises) in enumerate([(5, 0), (15, 10)]):
        (tmp_path / "docs" / "modules" / f"0{number}-m.md").write_text(
            f"---\ntitle: Module {number}\nmodule: {number}\nteaching: {teaching}\nexercises: {exercises}\n"
            "---\n\n# M\n",
            encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sessions.yml").write_text(sessions, encoding="utf-8")
    return tmp_path


GOOD = """format: mingle.sessions/1
default_start: "10:00"
activities:
  break: {title: Tea, minutes: 10, break: true}
plans:
  - id: "40"
    title: Short
    minutes: 40
    slots:
      - module: 0
      - module: 1
      - activity: break
        minutes: 5
"""


def test_a_small_kit_reads_and_lays_out(tmp_path):
    plans, start = load_for(kit(tmp_path, GOOD))
    agenda = schedule(plans["40"], start)
    assert rows(agenda) == [
        ("10:00", "10:05", 5, "Module 0 – Module 0", "module", False),
        ("10:05", "10:30", 25, "Module 1 – Module 1", "module", False),
        ("10:30", "10:35", 5, "Tea", "break", False),
    ]


@pytest.mark.parametrize("change, message", [
    (("module: 1\n", "module: 9\n"), "plans[0].slots[1].module: no module 9; modules are [0, 1]"),
    (("activity: break", "activity: lunch"),
     "plans[0].slots[2].activity: no activity 'lunch'; activities are ['break']"),
    (("minutes: 5", "minutes: 0"), "plans[0].slots[2].minutes: expected whole minutes (1 or more), got 0"),
    (('id: "40"', "id: 40"), "plans[0].id: expected a plan id in quotes"),
    (("format: mingle.sessions/1", "format: x"), "format: expected format: mingle.sessions/1"),
    (('default_start: "10:00"', 'default_start: "25:00"'), "default_start: start time '25:00'"),
    (("      - module: 0\n", "      - module: 0\n        colour: red\n"), "plans[0].slots[0].colour: unknown key"),
])
def test_problems_name_the_file_and_the_key(tmp_path, change, message):
    root = kit(tmp_path, GOOD.replace(*change))
    with pytest.raises(MingleError) as caught:
        load_for(root)
    assert f"{root / 'data' / 'sessions.yml'}: {message}" in str(caught.value)


def test_a_plan_id_used_twice_is_refused(tmp_path):
    root = kit(tmp_path, GOOD + GOOD[GOOD.index("  - id"):])
    with pytest.raises(MingleError, match=r"plans\[1\].id: plan id '40' is used twice"):
        load_plans(root / "data" / "sessions.yml", read_modules(root / "docs" / "modules"))


# --- the Markdown blocks ------------------------------------------------------------------------------

def render(text: str) -> str:
    """Markdown with the kit's blocks, as the site builds it."""
    return markdown.Markdown(extensions=[makeExtension(exercises_dir=str(ROOT / "exercises"))]).convert(text)


def test_the_agenda_block_renders_one_plan_as_a_table():
    plan = next(iter(PLANS.values()))
    html = html_lib.unescape(render(f"/// agenda | {plan.id}\n///\n"))
    assert f'data-plan="{plan.id}"' in html
    assert f"<caption>{plan.title} ({plan.minutes} minutes) from {DEFAULT_START}</caption>" in html
    assert f"<td>{plan.slots[-1].title}</td>" in html and overrun_text(schedule(plan, DEFAULT_START)) in html
    assert "mingle-agenda-controls" not in html


def test_the_all_block_adds_the_plan_and_start_time_picker():
    html = render("/// agenda | all\n///\n")
    assert html.count('class="mingle-agenda-plan"') == len(PLANS)
    assert 'id="mingle-agenda-plan"' in html and 'type="time"' in html and html.count("<option") == len(PLANS)
    plans = json.loads(_attr(html, "data-plans"))
    assert [p["id"] for p in plans] == list(PLANS)


def _attr(html: str, name: str) -> str:
    """An attribute's unescaped value (the first with that name)."""
    start = html.index(f'{name}="') + len(name) + 2
    return html_lib.unescape(html[start:html.index('"', start)])


def test_an_unknown_plan_fails_the_build_listing_the_plans():
    listed = ", ".join(PLANS)
    with pytest.raises(MingleError, match=re.escape(f"/// agenda | nope: no such plan; valid: all, {listed}")):
        render("/// agenda | nope\n///\n")


# --- guest cards ----------------------------------------------------------------------------------------------

def test_the_four_guests_of_the_cocktail_party_have_their_cards():
    deck = load_cards(ROOT / "data" / "guest-cards.yml")
    cards = {c.id: c.habit for c in deck.cards}  # a presenter may add guests of their own
    assert {k: cards.get(k) for k in ("wall-hugger", "shouter", "butterfly", "pretender")} == {
        "wall-hugger": "Be active", "shouter": "Interact", "butterfly": "Quality over quantity",
        "pretender": "Be authentic"}


def test_the_guest_cards_block_renders_every_card_escaped():
    deck = load_cards(ROOT / "data" / "guest-cards.yml")
    html = html_lib.unescape(render("/// guest-cards\n///\n"))
    assert html.count('class="mingle-guest-card"') == len(deck.cards)
    for card in deck.cards:
        assert f"The habit this guest forgets: {card.habit}" in html


def test_card_text_is_escaped(tmp_path):
    path = tmp_path / "cards.yml"
    path.write_text("format: mingle.guest-cards/1\nheading: H\nreminder: R\ncards:\n"
                    "  - {id: x, name: '<b>X</b>', habit: Y, role: Z, actions: [a], line: L}\n", encoding="utf-8")
    html = etree.tostring(guest_cards(load_cards(path)), encoding="unicode")
    assert "&lt;b&gt;X&lt;/b&gt;" in html and "<b>" not in html


def test_a_card_missing_its_actions_is_named(tmp_path):
    path = tmp_path / "cards.yml"
    path.write_text("format: mingle.guest-cards/1\nheading: H\nreminder: R\ncards:\n"
                    "  - {id: x, name: X, habit: Y, role: Z, line: L}\n", encoding="utf-8")
    with pytest.raises(MingleError, match=r"cards\[0\].actions: expected a list of lines of text"):
        load_cards(path)


# --- the browser's agenda.js agrees with agenda.py ------------------------------------------------------

def js_rows(page, plan: Plan, start: str) -> dict:
    """agenda.js's schedule and fit text for a plan."""
    from mingle.course.agenda import plan_dict

    return page.evaluate("([plan, start]) => { const a = Mingle.agenda.schedule(plan, start);"
                         " return {agenda: a, fit: Mingle.agenda.fitText(plan, a)}; }", [plan_dict(plan), start])


@pytest.mark.browser
def test_python_and_javascript_agree_on_every_plan(page, base_url):
    page.goto(base_url + "/presenters/agenda/")
    cases = [(plan, start) for plan in [*PLANS.values(), WORKSHOP, OVERRUN]
             for start in ("09:30", "9:05", "13:45", "23:50", "00:00")]
    for plan, start in cases:
        python = schedule(plan, start)
        js = js_rows(page, plan, start)
        want = {"start": python.start, "end": python.end, "planned_end": python.planned_end, "total": python.total,
                "overrun": python.overrun, "rows": [{k: v for k, v in asdict(r).items()} for r in python.rows]}
        assert js["agenda"] == want, (plan.id, start)
        assert js["fit"] == overrun_text(python), (plan.id, start)
    assert not page.watch.errors


@pytest.mark.browser
def test_the_presenter_picks_plan_and_start_time_and_the_page_remembers(page, base_url):
    # The longest plan, from a start other than the default: whatever the plans hold, the page shows Python's times.
    plan = max(PLANS.values(), key=lambda p: (p.minutes, p.id))
    start = "13:15" if DEFAULT_START != "13:15" else "14:15"
    want = schedule(plan, start)
    first, breaks = f"{want.rows[0].start}–{want.rows[0].end}", [r.title for r in want.rows if r.kind == "break"]
    page.goto(base_url + "/presenters/agenda/")
    agenda = page.locator(".mingle-agenda").first
    assert agenda.locator(".mingle-agenda-controls").is_visible()
    page.select_option("#mingle-agenda-plan", plan.id)
    page.fill("#mingle-agenda-start", start)
    page.locator("#mingle-agenda-start").dispatch_event("change")
    shown = agenda.locator(".mingle-agenda-plan:visible")
    assert shown.count() == 1 and shown.get_attribute("data-plan") == plan.id
    assert shown.locator("tbody tr").first.locator("td").first.inner_text() == first
    texts = shown.locator('tr[data-kind="break"]').all_inner_texts()
    assert len(texts) == len(breaks) and all(title in text for title, text in zip(breaks, texts))
    assert shown.locator(".mingle-agenda-fit").inner_text() == overrun_text(want)
    assert "Agenda updated" in agenda.locator('[role="status"]').inner_text()
    page.reload()
    assert page.input_value("#mingle-agenda-plan") == plan.id
    assert page.input_value("#mingle-agenda-start") == start
    assert page.locator(f'.mingle-agenda-plan[data-plan="{plan.id}"] tbody td').first.inner_text() == first
    assert not page.watch.errors


@pytest.mark.browser
def test_stored_junk_is_ignored_and_cleared(page, base_url):
    page.goto(base_url + "/presenters/agenda/")
    page.evaluate("localStorage.setItem('mingle:v1:agenda', '{\"plan\": 5, \"start\": \"<b>\"}')")
    page.reload()
    assert page.input_value("#mingle-agenda-start") == DEFAULT_START
    assert page.evaluate("localStorage.getItem('mingle:v1:agenda')") is None
    assert not page.watch.errors


# --- shortened modules and the online and hybrid versions ----------------------------------------------

SHORT = GOOD.replace("      - module: 1\n", "      - module: 1\n        minutes: 20\n        keep: The scene.\n"
                     "        cut: The exercise.\n").replace("    minutes: 40\n", "    minutes: 35\n")


def test_a_shortened_module_says_what_to_keep_and_what_to_cut(tmp_path):
    plans, _ = load_for(kit(tmp_path, SHORT))
    slot = plans["40"].slots[1]
    assert (slot.minutes, slot.full, slot.keep, slot.cut) == (20, 25, "The scene.", "The exercise.")
    assert slot.note == "Keep: The scene. Cut: The exercise. (Full length: 25 minutes.)"


@pytest.mark.parametrize("drop, key", [("        keep: The scene.\n", "keep"), ("        cut: The exercise.\n", "cut")])
def test_a_shortened_module_without_keep_or_cut_is_a_problem(tmp_path, drop, key):
    root = kit(tmp_path, SHORT.replace(drop, ""))
    with pytest.raises(MingleError) as caught:
        load_for(root)
    assert (f"plans[0].slots[1].{key}: module 1 is cut from 25 to 20 minutes: say what to `keep` and what to "
            "`cut`") in str(caught.value)


def test_online_and_hybrid_versions_are_read_and_shown_under_the_table(tmp_path):
    text = GOOD + "    online:\n      - Polls for every show of hands.\n    hybrid:\n      - A helper reads the chat.\n"
    plans, start = load_for(kit(tmp_path, text))
    assert plans["40"].online == ("Polls for every show of hands.",)
    html = etree.tostring(agenda_block(plans, start, ["40"], controls=False), encoding="unicode")
    assert '<div class="mingle-agenda-version" data-version="online"><p class="mingle-agenda-version-title">' \
           "Online: Short</p><ul><li>Polls for every show of hands.</li></ul></div>" in html
    assert "Hybrid: Short" in html and "<li>A helper reads the chat.</li>" in html


def test_versions_must_be_lists_of_text(tmp_path):
    root = kit(tmp_path, GOOD + "    online: Polls\n")
    with pytest.raises(MingleError, match=r"plans\[0\]\.online: expected a list of lines of text"):
        load_for(root)


def test_read_modules_names_each_page_and_key_of_every_problem_at_once(tmp_path):
    (tmp_path / "01-a.md").write_text("---\ntitle: A\nmodule: [1\n---\n# A\n", encoding="utf-8")
    (tmp_path / "02-b.md").write_text("---\ntitle: B\nmodule: 2\nteaching: lots\nexercises: true\n---\n# B\n",
                                      encoding="utf-8")
    (tmp_path / "03-c.md").write_text("---\ntitle: C\nmodule: 3\nteaching: 10\nexercises: 5\n---\n# C\n",
                                      encoding="utf-8")
    with pytest.raises(ProblemsError) as raised:
        read_modules(tmp_path)
    assert [(Path(p.file).name, p.key) for p in raised.value.problems] == [
        ("01-a.md", "front matter"), ("02-b.md", "exercises"), ("02-b.md", "teaching")]
    assert raised.value.problems[2].message == "expected whole minutes (0 or more), got 'lots'"
