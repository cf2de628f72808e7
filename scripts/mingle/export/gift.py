"""GIFT: the exercises as Moodle's plain-text question format, every special character escaped."""

from __future__ import annotations

from mingle.export.bank import Question, percent
from mingle.export.moodle_xml import category_path

# GIFT's reserved characters, each written with a backslash before it (the backslash itself first);
# a line break is written as \n, since a blank line ends a question.
RESERVED = "\\~=#{}:"


def escape(text: str) -> str:
    """Text made safe inside a GIFT question: reserved characters escaped, line breaks as \\n."""
    for char in RESERVED:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _answer_mark(question: Question, fraction) -> str:
    """=, ~ or ~%weight% before an option: GIFT's way to give its share of the marks."""
    if question.kind == "single":
        return "=" if fraction == 1 else "~"
    return f"~%{percent(fraction)}%"


def _question(question: Question) -> list[str]:
    """One question's lines (no blank line inside)."""
    head = f"::{escape(question.name)}::[plain]{escape(question.text)}"
    if question.kind == "essay":
        # GIFT has no field for the grader: the checklist goes in the general feedback, after the answer.
        return [head + "{####" + escape(question.grader_info()) + "}"]
    lines = [head + "{"]
    for answer in question.answers:
        feedback = f"#{escape(answer.feedback)}" if answer.feedback else ""
        lines.append(f"\t{_answer_mark(question, answer.fraction)}{escape(answer.text)}{feedback}")
    if question.general_feedback:
        lines.append(f"\t####{escape(question.general_feedback)}")
    return lines + ["}"]


def gift(questions: list[Question]) -> bytes:
    """The question bank as one GIFT file (UTF-8)."""
    lines = ["// Mingle question bank in GIFT. Every question is worth 1 mark here: "
             "GIFT cannot set a question's marks (Moodle XML keeps them).", ""]
    current = None
    for question in questions:
        if question.exercise is not current:
            current = question.exercise
            lines += [f"$CATEGORY: {category_path(current.title)}", ""]
        lines += _question(question) + [""]
    return "\n".join(lines).encode("utf-8")
