"""Moodle XML: the exercises as a question bank for Moodle (and Totara), one category per exercise."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from mingle.export.bank import Question, percent
from mingle.export.xmlout import element, to_bytes

FORMAT = "plain_text"  # the kit's words are plain text, never HTML


def _text(parent, tag: str, text: str, **attrs) -> etree.Element:
    """A Moodle text field: <tag format="plain_text"><text>...</text></tag>."""
    node = element(parent, tag, format=FORMAT, **attrs)
    element(node, "text", text)
    return node


def _head(quiz, question: Question, qtype: str) -> etree.Element:
    """The fields every question type shares."""
    node = element(quiz, "question", type=qtype)
    element(element(node, "name"), "text", question.name)
    _text(node, "questiontext", question.text)
    _text(node, "generalfeedback", question.general_feedback)
    element(node, "defaultgrade", str(question.points))
    element(node, "penalty", "0")
    element(node, "hidden", "0")
    element(node, "idnumber", question.ident)
    return node


def _choice(quiz, question: Question) -> None:
    """A multichoice question: one answer or several, each option with its share of the marks and its feedback."""
    node = _head(quiz, question, "multichoice")
    element(node, "single", "true" if question.kind == "single" else "false")
    element(node, "shuffleanswers", "false")  # the kit's order is part of the question
    element(node, "answernumbering", "abc")
    for answer in question.answers:
        option = _text(node, "answer", answer.text, fraction=percent(answer.fraction))
        _text(option, "feedback", answer.feedback)


def _box_lines(lines: int) -> int:
    """The answer box's height: twice the worksheet's lines, as one of the sizes Moodle offers (5 to 40 by 5)."""
    return min(40, 5 * max(1, -(-lines * 2 // 5)))


def _essay(quiz, question: Question) -> None:
    """An essay question marked by hand, its checklist as the grader's information."""
    node = _head(quiz, question, "essay")
    element(node, "responseformat", "plain")
    element(node, "responserequired", "1")
    element(node, "responsefieldlines", str(_box_lines(question.item.lines)))
    element(node, "attachments", "0")
    element(node, "attachmentsrequired", "0")
    _text(node, "graderinfo", question.grader_info())
    _text(node, "responsetemplate", "")


def category_path(title: str) -> str:
    """The exercise's category under the course's: a slash in a name is doubled, as Moodle reads it."""
    return "$course$/Mingle/" + title.replace("/", "//")


def moodle_xml(questions: list[Question]) -> bytes:
    """The question bank as one Moodle XML file."""
    quiz = etree.Element("quiz")
    current = None
    for question in questions:
        if question.exercise is not current:
            current = question.exercise
            category = element(element(quiz, "question", type="category"), "category")
            element(category, "text", category_path(current.title))
        (_essay if question.kind == "essay" else _choice)(quiz, question)
    return to_bytes(quiz)
