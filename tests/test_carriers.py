"""The carriers a code travels in are told apart by their content, and taking them off keeps every line."""

from __future__ import annotations

import pytest

from mingle.grade import carriers


def test_a_zoom_log_starting_with_from_is_not_a_mailbox():
    assert not carriers.is_mbox(b"From Ada Lovelace to Everyone:\n\tMINGLE2-22HE\n")
    assert carriers.is_mbox(b"From ada@example.org Tue Dec  1 10:00:00 2026\nSubject: x\n\nhi\n")


@pytest.mark.parametrize("text, is_mail", [
    (b"From: ada@example.org\nTo: tutor@example.org\nSubject: code\n\nMINGLE2-22HE\n", True),
    (b"Subject: my code\n\nMINGLE2-22HE\n", False),  # one header line is not enough
    (b"10:01 Ada: hello\n10:02 Bo: MINGLE2-22HE\n", False),
    (b"learner,quiz.pick\nAda,ask\n", False),
])
def test_an_email_is_told_by_its_headers(text, is_mail):
    assert carriers.is_email(text) is is_mail


@pytest.mark.parametrize("text", [
    "<p>one<br>\ntwo</p>\n<span\nclass=x>three</span>",
    "a=\nb=\nc\n> quoted\n>> twice",
    "x&nbsp;y&#8203;z\n&amp;\n",
])
def test_cleaning_keeps_the_lines(text):
    assert carriers.clean(text).count("\n") == text.count("\n")


def test_cleaning_takes_out_what_falls_inside_words():
    assert carriers.clean("AB<wbr>CD&#8203;EF\u00adGH=\nIJ") == "ABCDEFGH\nIJ"
    assert carriers.clean("> > ABCD\n> EFGH") == "ABCD\nEFGH"
    assert carriers.clean("tea &amp; cake &ldquo;x&rdquo;") == "tea & cake “x”"


def test_a_code_in_angle_brackets_is_not_taken_for_a_tag():
    assert carriers.clean("<b>mine:</b> <MINGLE2-22HE-3HZH>") == "mine: <MINGLE2-22HE-3HZH>"


def test_only_texts_with_the_prefix_are_searched():
    assert carriers.may_hold_codes("send your MINGLE2 code") is True  # the prefix is there: the reader decides
    assert carriers.may_hold_codes("Meeting in Glasgow, November 2") is False


def test_answer_files_and_rosters_attached_to_an_email_are_graded(tmp_path, capsys):
    """"Download my answers", attached to an email: the saved .eml is graded like the files in it."""
    import email.policy
    import json
    from email.message import EmailMessage

    from grading_kit import GOOD, make_kit

    from mingle.cli import main
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "ada@example.org", "tutor@example.org", "My answers"
    message.set_content("Here are my answers, and the roster from the table.\n")
    message.add_attachment(json.dumps(GOOD).encode(), maintype="application", subtype="json",
                           filename="good-learner-quiz.json")
    message.add_attachment("learner,quiz.pick\nBo,ask\n", subtype="csv", filename="table.csv")
    path = tmp_path / "answers.eml"
    path.write_bytes(message.as_bytes(policy=email.policy.SMTP))
    code = main(["grade", "--json", "--exercises", str(make_kit(tmp_path)), str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    sources = {r["learner"]: r["source"] for r in json.loads(out)["learners"]}
    assert sources == {"Good Learner": f"{path} (attachment good-learner-quiz.json)",
                       "Bo": f"{path} (attachment table.csv):2"}
