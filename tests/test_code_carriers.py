"""Answer codes made by the site in Chromium reach `mingle grade` however they were carried: one test per way."""

from __future__ import annotations

import email.policy
import json
import mailbox
import re
import textwrap
from email.message import EmailMessage
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from test_js_support import EXERCISES, exercise_pages, form

from mingle.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = exercise_pages()


def _choices_case():
    """The first exercise (in course order) with only choices, answered with each question's last option."""
    ranked = sorted(EXERCISES.values(), key=lambda e: (e.module, e.id))
    exercise = next(e for e in ranked if all(i.kind == "single" for i in e.items))
    return exercise.id, "Ada Lovelace", {i.id: i.options[-1].id for i in exercise.items[::2]}


def _writing_case():
    """The first exercise with a writing box (its first), sent with the learner's words."""
    ranked = sorted(EXERCISES.values(), key=lambda e: (e.module, e.id))
    exercise = next(e for e in ranked if any(i.kind == "text" for i in e.items))
    box = next(i for i in exercise.items if i.kind == "text")
    return exercise.id, "Zoë O'Hara-Brontë", {box.id: "Our new bench is by the window. What would you like?\nTell us!"}


# Two learners, two exercises: choices only, and a writing box the learner chose to send.
CHOICES, WRITING = _choices_case(), _writing_case()


def _make(page, base_url, exercise_id, name, answers, send_text) -> tuple[str, dict]:
    """The code the site shows for these answers, and the answers as the form collects them."""
    page.goto(base_url + PAGES[exercise_id])
    f = form(page, exercise_id)
    f.locator("[data-role=learner-name]").fill(name)
    for item, value in answers.items():
        target = f.locator(f'[name="{item}"]')
        if target.first.evaluate("e => e.tagName") == "TEXTAREA":
            target.fill(value)
        else:
            f.locator(f'[name="{item}"][value="{value}"]').check()
    if send_text:
        f.locator("[data-role=send-text]").check()
    f.locator("[data-action=code]").click()
    area = f.locator("[data-role=answer-code]")
    expect(area).to_be_visible()
    collected = page.evaluate("([id]) => window.Mingle.exercise.collect(document.querySelector("
                              "`form[data-exercise='${id}']`))", [exercise_id])
    return area.input_value(), collected


@pytest.fixture(scope="module")
def made(browser, base_url):
    """Codes made by the built site in Chromium: {exercise id: (code, learner, answers)}."""
    context = browser.new_context()
    page = context.new_page()
    try:
        found = {}
        for (exercise_id, name, answers), send in ((CHOICES, False), (WRITING, True)):
            code, collected = _make(page, base_url, exercise_id, name, answers, send)
            found[exercise_id] = (code, name, collected)
        return found
    finally:
        context.close()


def graded(tmp_path, capsys, name: str, data: str | bytes) -> tuple[int, dict, str]:
    """`mingle grade --json` on one file: exit code, the JSON report, standard error."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    code = main(["grade", "--json", "--exercises", str(ROOT / "exercises"), str(path)])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def expect_both(report: dict, made: dict) -> None:
    """Both learners came through whole: their names and exactly the answers the form collected."""
    got = {(r["learner"], exercise) for r in report["learners"] for exercise in r["exercises"]}
    assert got == {(name, exercise) for exercise, (_, name, _) in made.items()}, report
    assert report["rejected"] == []


def both_codes(made: dict) -> tuple[str, str]:
    return made[CHOICES[0]][0], made[WRITING[0]][0]


def grade_and_check(tmp_path, capsys, made, name, data):
    exit_code, report, err = graded(tmp_path, capsys, name, data)
    assert (exit_code, err) == (0, ""), err
    expect_both(report, made)
    return report


def test_the_site_makes_short_grouped_codes(made):
    choices, writing = both_codes(made)
    assert re.fullmatch(r"MINGLE2(-[2-9A-HJKMNP-Z]{1,4})+", choices)
    assert all(len(block) == 4 for block in choices.split("-")[1:-1])
    assert len(choices.replace("-", "")) - len("MINGLE2") <= 40


def test_the_answers_come_back_as_the_form_collected_them(made, tmp_path, capsys):
    from mingle.codes import find_codes
    for exercise_id, (code, name, collected) in made.items():
        (found,) = find_codes(f"here: {code}", EXERCISES)
        assert (found.learner, found.exercise, found.answers) == (name, exercise_id, collected)
    (box, words), = WRITING[2].items()
    assert made[WRITING[0]][2][box] == words  # the writing travelled, as asked


def test_pasted_into_a_chat_saved_as_text(made, tmp_path, capsys):
    a, b = both_codes(made)
    grade_and_check(tmp_path, capsys, made, "chat.txt", f"Tutor: codes please\nAda: {a}\nZoë: here it is {b} :)\n")


def test_in_a_zoom_chat_log(made, tmp_path, capsys):
    a, b = both_codes(made)
    log = (f"10:01:22 From Tutor to Everyone:\n\tPaste your MINGLE2 code\n10:02:05 From Ada Lovelace to Everyone:\n"
           f"\t{a}\n10:02:40 From Zoë to Everyone:\n\t{b}\n")
    grade_and_check(tmp_path, capsys, made, "meeting_saved_chat.txt", log)


def test_in_a_google_forms_csv(made, tmp_path, capsys):
    a, b = both_codes(made)
    csv_text = (f'"Timestamp","Your name","Answer code"\n"2026/12/01 10:02:05","Ada","{a}"\n'
                f'"2026/12/01 10:03:00","Zoë","{b}"\n')
    grade_and_check(tmp_path, capsys, made, "form.csv", csv_text)


@pytest.mark.parametrize("width", [7, 13, 20, 33, 76])
def test_in_a_plain_text_email_wrapped_at_any_column(made, tmp_path, capsys, width):
    a, b = both_codes(made)
    body = f"Hello,\n\nHere are our codes: {a} and {b}.\n\nThanks, Ada"
    wrapped = "\n".join(textwrap.fill(p, width, break_long_words=True, break_on_hyphens=False)
                        for p in body.split("\n"))
    grade_and_check(tmp_path, capsys, made, "email.txt", wrapped)


def test_in_an_email_saved_with_quoted_printable_soft_line_breaks(made, tmp_path, capsys):
    a, b = both_codes(made)
    joined = a.replace("-", "") + " " + b.replace("-", "")  # typed without dashes: long words to break
    lines = [joined[n:n + 75] for n in range(0, len(joined), 75)]
    body = "=\n".join(lines).replace(" ", "=20", 1)
    grade_and_check(tmp_path, capsys, made, "message.txt", f"Codes: =\n{body}\n")


def test_in_a_saved_eml_with_quoted_printable_parts(made, tmp_path, capsys):
    a, b = both_codes(made)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "ada@example.org", "tutor@example.org", "Our codes"
    message.set_content(f"Codes:\n{a.replace('-', '')}\n{b.replace('-', '')}\nZoë ☕\n", cte="quoted-printable")
    message.add_alternative(f"<p>Codes: {a}<br>{b}</p>", subtype="html", cte="quoted-printable")
    data = message.as_bytes(policy=email.policy.SMTP)
    assert b"=\r\n" in data  # the long codes were cut by soft line breaks
    grade_and_check(tmp_path, capsys, made, "codes.eml", data)


def test_in_a_quoted_reply(made, tmp_path, capsys):
    a, b = both_codes(made)
    original = textwrap.fill(f"Here you are: {a} {b}", 30, break_long_words=True, break_on_hyphens=False)
    reply = "Thanks, marked!\n\nOn Tue, Ada wrote:\n" + "\n".join("> " + line for line in original.split("\n"))
    grade_and_check(tmp_path, capsys, made, "reply.txt", reply)


def test_in_a_reply_quoted_twice(made, tmp_path, capsys):
    a, b = both_codes(made)
    original = textwrap.fill(f"{a} {b}", 25, break_long_words=True, break_on_hyphens=False)
    grade_and_check(tmp_path, capsys, made, "reply.txt", "\n".join(">> " + line for line in original.split("\n")))


def _wbr(code: str, every: int = 6) -> str:
    return "<wbr>".join(code[n:n + every] for n in range(0, len(code), every))


def test_in_an_html_chat_export_with_wbr_inside_the_long_word(made, tmp_path, capsys):
    a, b = both_codes(made)
    page = (f"<html><body><div class=msg><span>Ada</span><p>{_wbr(a.replace('-', ''))}</p></div>\n"
            f"<div class=msg><span>Zoë</span><p>{_wbr(b)}</p></div></body></html>\n")
    grade_and_check(tmp_path, capsys, made, "chat.html", page)


def test_in_html_with_tags_and_entities_inside_and_around_it(made, tmp_path, capsys):
    a, b = both_codes(made)
    first = a.replace("-", "&#8203;", 2).replace("-", "&nbsp;", 1).replace("-", "<span class=x>-</span>")
    second = b.replace("-", "&shy;", 3).replace("-", "<br/>\n", 1)
    grade_and_check(tmp_path, capsys, made, "chat.htm", f"<p>&ldquo;{first}&rdquo;</p>\n<p><b>{second}</b></p>\n")


@pytest.mark.parametrize("join", [" ", "", " - ", "\u2013", "\u00a0"], ids=["spaces", "nothing", "spaced-dashes",
                                                                           "en-dash", "no-break-space"])
def test_typed_with_spaces_or_dashes_between_blocks(made, tmp_path, capsys, join):
    a, b = (code.replace("-", join).replace("MINGLE2" + join, "MINGLE2-") for code in both_codes(made))
    grade_and_check(tmp_path, capsys, made, "typed.txt", f"{a}\n{b.lower()}\n")


def test_with_smart_quotes_around_it(made, tmp_path, capsys):
    a, b = both_codes(made)
    grade_and_check(tmp_path, capsys, made, "chat.txt", f"Ada: “{a}”\nZoë: ‘{b}’.\n")


def test_in_an_mbox_mailbox(made, tmp_path, capsys):
    a, b = both_codes(made)
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    for who, code in (("ada@example.org", a), ("zoe@example.org", b)):
        message = EmailMessage()
        message["From"], message["Subject"] = who, "My code"
        message.set_content(f"From the workshop:\n{code}\n", cte="base64")
        box.add(message)
    box.close()
    grade_and_check(tmp_path, capsys, made, "inbox.mbox", path.read_bytes())


def test_in_a_slack_export(made, tmp_path, capsys):
    a, b = both_codes(made)
    messages = [{"type": "message", "user": "U01", "text": "Paste your MINGLE2 code here please", "ts": "1.0"},
                {"type": "message", "user": "U02", "text": f"mine: {a}", "ts": "2.0",
                 "blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section",
                                                                "elements": [{"type": "text",
                                                                              "text": f"mine: {a}"}]}]}]},
                {"type": "message", "user": "U03", "text": b, "ts": "3.0"}]
    grade_and_check(tmp_path, capsys, made, "2026-12-01.json", json.dumps(messages, indent=4).replace("/", "\\/"))


def test_in_a_teams_export(made, tmp_path, capsys):
    a, b = both_codes(made)
    export = {"messages": [{"from": {"user": {"displayName": "Ada"}}, "body": {"contentType": "html",
                                                                            "content": f"<p>{_wbr(a, 9)}</p>"}},
                           {"from": {"user": {"displayName": "Zoë"}},
                            "body": {"contentType": "html", "content": f"<div>Here:&nbsp;{b}</div>"}}]}
    grade_and_check(tmp_path, capsys, made, "teams.json", json.dumps(export, ensure_ascii=True))


# --- a code that still fails says which line, why, and what to do ---------------------------------------------

def test_a_cut_code_in_a_long_email_names_its_line(made, tmp_path, capsys):
    a, b = both_codes(made)
    exit_code, report, err = graded(tmp_path, capsys, "email.txt", f"Hi,\n\nmine:\n{a[:-5]}\n\nand\n{b}\n")
    assert exit_code == 1
    assert err.startswith(f"mingle: {tmp_path / 'email.txt'}: line 4: answer code is cut short") and "copy" in err
    assert len(err.splitlines()) == 1
    assert [r["learner"] for r in report["learners"]] == [WRITING[1]]


def test_a_code_for_an_older_version_of_the_exercise_says_so(made, tmp_path, capsys):
    a, _ = both_codes(made)
    kit = tmp_path / "exercises"
    kit.mkdir()
    for source in (ROOT / "exercises").glob("*.yml"):
        text = source.read_text(encoding="utf-8")
        if source.stem == CHOICES[0]:  # the presenter puts a question's options in another order
            data = yaml.safe_load(text)
            data["items"][-1]["options"].reverse()
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (kit / source.name).write_text(text, encoding="utf-8")
    path = tmp_path / "chat.txt"
    path.write_text(f"one\ntwo\nAda: {a}\n", encoding="utf-8")
    code = main(["grade", "--json", "--exercises", str(kit), str(path)])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert err == (f'mingle: {path}: line 3: this code was made for an older version of the exercise '
                   f'"{CHOICES[0]}" (its questions or options have changed since); ask the learner to reload the '
                   "page and send a new code\n")
