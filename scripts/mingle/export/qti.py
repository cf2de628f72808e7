"""QTI 1.2: the exercises as an IMS question bank (for Canvas, Blackboard and others), zipped with its manifest."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from mingle.export.bank import Question
from mingle.export.xmlout import element, to_bytes
from mingle.zipping import zip_bytes

BANK = "mingle-questions.xml"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
# Canvas reads these two metadata fields to pick its question type and marks; other tools ignore them.
CANVAS_TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
                "essay": "essay_question"}
# Feedback idents as Canvas's importer reads them (instructure/QTIMigrationTool, then Canvas's Qti converters):
# an ident with "general_" in it is the question's general feedback, and an option's feedback is found through
# the condition that shows it; Canvas names those "<answer>_fb", and so do we. An ident holding "correct",
# "wrong" or "solution" would be read as something else, so the general one is exactly this.
GENERAL = "general_fb"


def _material(parent, text: str, tag: str = "material") -> etree.Element:
    """<material><mattext texttype="text/plain">text</mattext></material>."""
    node = element(parent, tag)
    element(node, "mattext", text, texttype="text/plain")
    return node


def _metadata(item, question: Question) -> None:
    """The item's type and marks, as Canvas expects them."""
    fields = element(element(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", CANVAS_TYPES[question.kind]), ("points_possible", str(question.points))):
        field = element(fields, "qtimetadatafield")
        element(field, "fieldlabel", label)
        element(field, "fieldentry", entry)


def _outcomes(parent, question: Question) -> None:
    """SCORE runs from 0 to the item's marks: the floor is how the kit never scores below 0."""
    element(element(parent, "outcomes"), "decvar", varname="SCORE", vartype="Integer", minvalue="0",
            maxvalue=str(question.points))


def _choice(item, question: Question) -> None:
    """A choice item: one response (single) or several (multiple), marks and feedback per option."""
    presentation = element(item, "presentation")
    _material(presentation, question.text)
    cardinality = "Single" if question.kind == "single" else "Multiple"
    render = element(element(presentation, "response_lid", ident="response", rcardinality=cardinality),
                     "render_choice", shuffle="No")
    for answer in question.answers:
        _material(element(render, "response_label", ident=answer.id), answer.text)
    processing = element(item, "resprocessing")
    _outcomes(processing, question)
    for answer in question.answers:
        condition = element(processing, "respcondition", continue_="Yes")
        element(element(condition, "conditionvar"), "varequal", answer.id, respident="response")
        if question.kind == "single" and answer.fraction == 1:
            element(condition, "setvar", str(question.points), action="Set", varname="SCORE")
        elif question.kind == "multiple":
            # A right option ticked adds a mark, a wrong one adds -1 (never below 0, as decvar says). Not
            # Subtract 1: Canvas takes an option whose condition holds a positive number as a right one, whatever
            # the action, so a Subtract would mark every option right.
            element(condition, "setvar", "1" if answer.fraction > 0 else "-1", action="Add", varname="SCORE")
        if answer.feedback:
            element(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{answer.id}_fb")
    if question.general_feedback:
        condition = element(processing, "respcondition", continue_="Yes")
        element(element(condition, "conditionvar"), "other")
        element(condition, "displayfeedback", feedbacktype="Response", linkrefid=GENERAL)
    for answer in question.answers:
        if answer.feedback:
            _material(element(element(item, "itemfeedback", ident=f"{answer.id}_fb"), "flow_mat"),
                      answer.feedback)


def _essay(item, question: Question) -> None:
    """An essay item marked by hand: the checklist is a rubric only the scorer sees, and the general feedback
    too, which is where Canvas keeps it (it reads no rubric)."""
    _material(element(item, "rubric", view="Scorer"), question.grader_info())
    presentation = element(item, "presentation")
    _material(presentation, question.text)
    render = element(element(presentation, "response_str", ident="response", rcardinality="Single"),
                     "render_fib", fibtype="String", prompt="Box", rows=str(question.item.lines * 2))
    element(render, "response_label", ident="answer")
    processing = element(item, "resprocessing")
    _outcomes(processing, question)
    # The DTD wants at least one condition; marks come from the grader, so this one only shows the feedback.
    condition = element(processing, "respcondition", continue_="No")
    element(element(condition, "conditionvar"), "other")
    element(condition, "displayfeedback", feedbacktype="Response", linkrefid=GENERAL)


def _item(section, question: Question) -> None:
    """One item in the order the QTI 1.2 DTD asks: metadata, rubric, presentation, processing, feedback."""
    item = element(section, "item", ident=question.ident, title=question.name)
    _metadata(item, question)
    (_essay if question.kind == "essay" else _choice)(item, question)
    general = [question.general_feedback] if question.general_feedback else []
    if question.kind == "essay":
        general.append(question.grader_info())
    if general:
        _material(element(element(item, "itemfeedback", ident=GENERAL), "flow_mat"), "\n\n".join(general))


def questestinterop(questions: list[Question]) -> bytes:
    """The bank as a QTI 1.2 document: one assessment, one section per exercise."""
    root = etree.Element("questestinterop", xmlns=QTI_NS)
    assessment = element(root, "assessment", ident="mingle", title="Mingle")
    current = section = None
    for question in questions:
        if question.exercise is not current:
            current = question.exercise
            section = element(assessment, "section", ident=current.id, title=current.title)
        _item(section, question)
    return to_bytes(root)


def manifest() -> bytes:
    """The content package's manifest: one QTI 1.2 resource, the bank."""
    root = etree.Element("manifest", xmlns=CP_NS, identifier="mingle-questions")
    element(root, "organizations")
    resource = element(element(root, "resources"), "resource", identifier="mingle-bank", type="imsqti_xmlv1p2",
                       href=BANK)
    element(resource, "file", href=BANK)
    return to_bytes(root)


def qti_zip(questions: list[Question]) -> bytes:
    """The QTI 1.2 package: imsmanifest.xml and the bank, as a deterministic zip."""
    return zip_bytes({"imsmanifest.xml": manifest(), BANK: questestinterop(questions)})
