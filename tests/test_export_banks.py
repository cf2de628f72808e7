"""Question banks (Moodle XML, GIFT, QTI 1.2): golden files, escaping, structure, and marks read back.

The round trips read each file back the way its importer does (Moodle's GIFT reader, the XML formats through
ElementTree) and hold the marks of every possible answer to the kit's own scorer.
Rewrite the golden files after an intended change with MINGLE_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as etree
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from test_render import matches_golden

from mingle.cli import main
from mingle.exercises import load_exercises, parse_exercise
from mingle.export import bank, gift, moodle_xml, qti
from mingle.model import item_max
from mingle.scoring import Scorer

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "fixtures" / "exercises"
FIXTURES = load_exercises(FOLDER)
ORDERED = sorted(FIXTURES.values(), key=lambda e: (e.module, e.id))
REAL = sorted(load_exercises(HERE.parent / "exercises").values(), key=lambda e: (e.module, e.id))
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
NASTY = "Curly {braces}, a tilde ~, equals =, a hash #, a colon: and a back\\slash; <b>not bold</b> & ]]>"


def nasty_exercise():
    """An exercise whose every text holds GIFT's reserved characters and XML's."""
    data = {"id": "nasty", "title": "Nasty: {1}", "module": 1, "intro": NASTY + "\nSecond line.",
            "items": [{"id": "pick", "kind": "single", "prompt": NASTY, "answer": "a", "explain": NASTY,
                       "options": [{"id": "a", "text": "=" + NASTY, "feedback": "#" + NASTY},
                                   {"id": "b", "text": "~" + NASTY}]},
                      {"id": "many", "kind": "multiple", "prompt": "Tick.", "answer": ["a", "b", "c"],
                       "options": [{"id": i, "text": f"{i} {NASTY}"} for i in "abcd"]},
                      {"id": "essay", "kind": "text", "prompt": NASTY, "example": NASTY,
                       "rubric": [{"id": "r", "text": NASTY, "points": 2}]}],
            "bands": [{"min": 0, "max": 6, "label": "All", "advice": "Fine."}]}
    exercise, problems = parse_exercise(data, "nasty.yml", "nasty")
    assert not problems
    return exercise


def every_answer(exercise, item):
    """Every answer a learner could give to a choice item: each option, or each set of options."""
    ids = [o.id for o in exercise.options_for(item)]
    if item.kind != "multiple":
        return ids
    return [list(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]


def kit_marks(exercise, item, answer) -> int:
    return Scorer(exercise).item(item, {item.id: answer}).score


# --- golden files ---------------------------------------------------------------------------------

def test_golden_moodle_xml():
    found, _ = bank.questions(ORDERED)
    matches_golden("bank.moodle.xml", moodle_xml.moodle_xml(found).decode("utf-8"))


def test_golden_gift():
    found, _ = bank.questions(ORDERED)
    matches_golden("bank.gift.txt", gift.gift(found).decode("utf-8"))


def test_golden_qti():
    found, _ = bank.questions(ORDERED)
    with zipfile.ZipFile(io.BytesIO(qti.qti_zip(found))) as archive:
        assert archive.namelist() == ["imsmanifest.xml", qti.BANK]
        matches_golden("bank.qti.xml", archive.read(qti.BANK).decode("utf-8"))
        matches_golden("bank.qti-manifest.xml", archive.read("imsmanifest.xml").decode("utf-8"))


# --- what goes in and what is left out ----------------------------------------------------------------

def test_every_markable_item_becomes_one_question_and_the_rest_are_named():
    found, left_out = bank.questions(ORDERED)
    kinds = {(q.exercise.id, q.item.id): q.kind for q in found}
    for exercise in ORDERED:
        for item in exercise.items:
            key = (exercise.id, item.id)
            if item.kind in ("single", "match"):
                assert kinds[key] == "single"
            elif item.kind == "multiple":
                assert kinds[key] == "multiple"
            elif item.kind == "text":
                assert kinds[key] == "essay"
            else:
                assert key not in kinds
    named = {(p.file, p.key) for p in left_out}
    expected = {(e.source, i.id) for e in ORDERED for i in e.items
                if i.kind == "rating" or (i.kind == "check" and not i.rubric_of)}
    assert named == expected and len(left_out) == len(expected)
    assert all(p.message.startswith("left out: ") for p in left_out)


def test_an_essay_is_worth_its_checklist_and_tells_the_grader_each_point():
    found, _ = bank.questions(ORDERED)
    for question in (q for q in found if q.kind == "essay"):
        rubric = question.exercise.rubric(question.item)
        assert question.points == sum(item_max(question.exercise, r) for r in rubric)
        info = question.grader_info()
        for criterion in rubric:
            assert criterion.prompt in info


# --- GIFT -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("char", list("~=#{}:\\"))
def test_gift_escapes_each_reserved_character(char):
    assert gift.escape(f"a{char}b") == f"a\\{char}b"


def test_gift_writes_line_breaks_as_escapes_so_no_question_holds_a_blank_line():
    assert gift.escape("one\n\ntwo\r\nthree") == "one\\n\\ntwo\\nthree"


PLACE = {"\\:": "\x01", "\\#": "\x02", "\\=": "\x03", "\\{": "\x04", "\\}": "\x05", "\\~": "\x06", "\\n": "\x07"}
BACK = {"\x01": ":", "\x02": "#", "\x03": "=", "\x04": "{", "\x05": "}", "\x06": "~", "\x07": "\n"}


def read_gift(text: str) -> list[dict]:
    """GIFT read back as Moodle's qformat_gift reads it: escapes to placeholders, split on blank lines,
    the name between ::, the answers between the first { and the first }, general feedback after ####,
    options split on ~ (= marks the one right answer), weights between %, feedback after #."""
    def post(s: str) -> str:
        return "".join(BACK.get(c, c) for c in s).strip()

    found = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" " if line.strip().startswith("//") else line for line in block.split("\n")]
        block = "\n".join(lines).strip().replace("\\\\", "\x00")
        for escaped, holder in PLACE.items():
            block = block.replace(escaped, holder)
        block = block.replace("\x00", "\\")
        if not block or block.startswith("$CATEGORY:"):
            continue
        assert block.startswith("::")
        name, rest = block[2:].split("::", 1)
        start, finish = rest.index("{"), rest.index("}")
        assert rest.endswith("}") and finish == len(rest) - 1, "one answer section, at the end"
        body, answers = rest[:start], rest[start + 1:finish].strip()
        general = ""
        if "####" in answers:
            answers, general = answers[:answers.rindex("####")].strip(), answers[answers.rindex("####") + 4:]
        assert body.startswith("[plain]")
        question = {"name": post(name), "text": post(body[7:]), "general": post(general), "answers": []}
        if answers:
            question["single"] = "=" in answers
            for part in answers.replace("=", "~=").split("~")[1:]:
                part = part.strip()
                if part.startswith("="):
                    weight, part = Fraction(1), part[1:]
                elif (m := re.match(r"^%(-?[0-9.]+)%", part)):
                    weight, part = Fraction(m.group(1)) / 100, part[m.end():]
                else:
                    weight = Fraction(0)
                text, _, feedback = part.partition("#")
                question["answers"].append((post(text), weight, post(feedback)))
        found.append(question)
    return found


def test_gift_reads_back_to_the_same_questions_and_marks():
    exercises = [*ORDERED, nasty_exercise()]
    found, _ = bank.questions(exercises)
    read = read_gift(gift.gift(found).decode("utf-8"))
    assert len(read) == len(found)
    for question, back in zip(found, read):
        assert back["name"] == question.name and back["text"] == question.text
        if question.kind == "essay":
            assert back["answers"] == [] and back["general"] == question.grader_info()
            continue
        assert back["general"] == question.general_feedback
        assert back["single"] == (question.kind == "single")
        assert [(t, f) for t, _, f in back["answers"]] == [(a.text, a.feedback) for a in question.answers]
        weights = [w for _, w, _ in back["answers"]]
        for answer in every_answer(question.exercise, question.item):
            picked = [answer] if isinstance(answer, str) else answer
            ids = [a.id for a in question.answers]
            share = sum((weights[ids.index(p)] for p in picked), Fraction(0))
            # GIFT holds each question at 1 mark: its share of the kit's marks must agree.
            kit = kit_marks(question.exercise, question.item, answer)
            assert abs(max(Fraction(0), min(Fraction(1), share)) - Fraction(kit, question.points)) < Fraction(1, 10**6)


GIFT_PEGJS = HERE.parent / "node_modules" / "gift-pegjs"


def said(part: dict | None) -> str | None:
    """A text or feedback as gift-pegjs gives it ({"format", "text"} or null), as plain text or None."""
    return part and part["text"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("exercises", [[*ORDERED, nasty_exercise()], REAL], ids=["fixtures", "course"])
def test_gift_pegjs_reads_the_same_questions_marks_and_feedback(exercises):
    """gift-pegjs (from npm, pinned in package.json), a GIFT parser written apart from Moodle's, reads the file
    back to the kit's questions: names, texts, right answers, shares of the marks, and every feedback."""
    if not GIFT_PEGJS.is_dir():
        pytest.fail("gift-pegjs is missing: run `make test` (its npm ci installs it)", pytrace=False)
    found, _ = bank.questions(exercises)
    script = ("const gift = require(process.argv[1]); let text = '';"
              "process.stdin.on('data', (d) => { text += d; }).on('end', () => "
              "console.log(JSON.stringify(gift.parse(text))));")
    done = subprocess.run(["node", "-e", script, str(GIFT_PEGJS)], input=gift.gift(found).decode("utf-8"),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    read = [q for q in json.loads(done.stdout) if q["type"] != "Category"]
    assert len(read) == len(found)
    for question, back in zip(found, read):
        assert (back["title"], back["stem"]["text"]) == (question.name, question.text)
        if question.kind == "essay":
            assert (back["type"], said(back["globalFeedback"])) == ("Essay", question.grader_info())
            continue
        assert back["type"] == "MC" and said(back["globalFeedback"]) == (question.general_feedback or None)
        assert [(said(c["text"]), said(c["feedback"])) for c in back["choices"]] == \
            [(a.text, a.feedback or None) for a in question.answers]
        if question.kind == "single":
            assert [c["isCorrect"] for c in back["choices"]] == [a.fraction == 1 for a in question.answers]
        else:
            assert [c["weight"] for c in back["choices"]] == \
                [pytest.approx(float(a.fraction * 100), abs=1e-4) for a in question.answers]


# --- Moodle XML -------------------------------------------------------------------------------------

MOODLE_TYPES = {"category", "multichoice", "essay"}
HEAD = ["name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber"]


def test_moodle_xml_has_the_structure_moodle_reads():
    """Checked: root <quiz>; only category, multichoice and essay questions; each question's shared fields
    first and in Moodle's order; every text field a <text> child with format plain_text; a category
    before each exercise's questions; answers with a numeric fraction; essays with grader information."""
    found, _ = bank.questions([*ORDERED, nasty_exercise()])
    root = etree.fromstring(moodle_xml.moodle_xml(found))
    assert root.tag == "quiz"
    assert {q.get("type") for q in root} == MOODLE_TYPES
    assert root[0].get("type") == "category"
    for question in root:
        if question.get("type") == "category":
            assert question.find("category/text").text.startswith("$course$/Mingle/")
            continue
        assert [c.tag for c in question][:len(HEAD)] == HEAD
        for field in question.iter():
            if field.get("format") is not None:
                assert field.get("format") == "plain_text" and field.find("text") is not None
        if question.get("type") == "multichoice":
            assert question.findtext("single") in ("true", "false")
            assert all(float(a.get("fraction")) <= 100 for a in question.findall("answer"))
        else:
            assert question.find("graderinfo/text").text.startswith("Give a mark")
            assert int(question.findtext("responsefieldlines")) in range(5, 41, 5)


def test_moodle_xml_reads_back_to_the_kit_marks_for_every_answer():
    exercises = [*ORDERED, nasty_exercise()]
    found, _ = bank.questions(exercises)
    root = etree.fromstring(moodle_xml.moodle_xml(found))
    read = {q.findtext("idnumber"): q for q in root if q.get("type") != "category"}
    assert list(read) == [q.ident for q in found]
    for question in found:
        back = read[question.ident]
        assert back.findtext("questiontext/text") == question.text
        assert back.findtext("name/text") == question.name
        assert float(back.findtext("defaultgrade")) == question.points
        if question.kind == "essay":
            assert back.findtext("graderinfo/text") == question.grader_info()
            continue
        options = back.findall("answer")
        assert [(o.findtext("text"), o.findtext("feedback/text") or "") for o in options] == \
            [(a.text, a.feedback) for a in question.answers]
        fractions = {a.id: float(o.get("fraction")) / 100 for a, o in zip(question.answers, options)}
        for answer in every_answer(question.exercise, question.item):
            picked = [answer] if isinstance(answer, str) else answer
            # Moodle adds the fractions of what was picked, then keeps the sum between 0 and 1.
            share = max(0.0, min(1.0, sum(fractions[p] for p in picked)))
            assert share * question.points == pytest.approx(kit_marks(question.exercise, question.item, answer),
                                                             abs=1e-4)


# --- QTI 1.2 -----------------------------------------------------------------------------------------

# Content models from the QTI 1.2 ASI DTD (ims_qtiasiv1p2p1.dtd) for every element the export writes:
# the children allowed, in the order the DTD gives them.
DTD_ORDER = {
    "questestinterop": ["qticomment", "objectbank", "assessment", "section", "item"],
    "assessment": ["qticomment", "duration", "qtimetadata", "objectives", "assessmentcontrol", "rubric",
                   "presentation_material", "outcomes_processing", "assessproc_extension", "assessfeedback",
                   "selection_ordering", "reference", "sectionref", "section"],
    "section": ["qticomment", "duration", "qtimetadata", "objectives", "sectioncontrol", "sectionprecondition",
                "sectionpostcondition", "rubric", "presentation_material", "outcomes_processing",
                "sectionproc_extension", "sectionfeedback", "selection_ordering", "reference", "itemref", "item",
                "sectionref", "section"],
    "item": ["qticomment", "duration", "itemmetadata", "objectives", "itemcontrol", "itemprecondition",
             "itempostcondition", "itemrubric", "rubric", "presentation", "resprocessing", "itemproc_extension",
             "itemfeedback", "reference"],
    "itemmetadata": ["qtimetadata"], "qtimetadata": ["vocabulary", "qtimetadatafield"],
    "qtimetadatafield": ["fieldlabel", "fieldentry"],
    "rubric": ["material"], "material": ["mattext"], "flow_mat": ["material"],
    "presentation": ["material", "response_lid", "response_str"],
    "response_lid": ["material", "render_choice"], "response_str": ["material", "render_fib"],
    "render_choice": ["material", "response_label"], "render_fib": ["material", "response_label"],
    "response_label": ["material"],
    "resprocessing": ["qticomment", "outcomes", "respcondition"], "outcomes": ["decvar"],
    "respcondition": ["qticomment", "conditionvar", "setvar", "displayfeedback"],
    "conditionvar": ["varequal", "other"], "itemfeedback": ["flow_mat", "material"],
}
REQUIRED = {"item": ["ident"], "section": ["ident"], "assessment": ["ident", "title"], "response_lid": ["ident"],
            "response_str": ["ident"], "response_label": ["ident"], "itemfeedback": ["ident"],
            "varequal": ["respident"], "displayfeedback": ["linkrefid"]}
EMPTY = {"decvar", "other", "displayfeedback", "mattext", "varequal", "setvar", "fieldlabel", "fieldentry"}


def local(tag: str) -> str:
    return tag.replace(QTI, "")


def test_qti_follows_the_dtd_content_models():
    """Checked, for every element: it is one the DTD knows here; its children come in the DTD's order;
    its required attributes are there; identifiers of items, and of feedback within an item, are unique;
    every displayfeedback points at an itemfeedback of its own item."""
    found, _ = bank.questions([*ORDERED, nasty_exercise()])
    root = etree.fromstring(qti.questestinterop(found))
    assert local(root.tag) == "questestinterop"
    for node in root.iter():
        tag = local(node.tag)
        assert tag in DTD_ORDER or tag in EMPTY, tag
        order = DTD_ORDER.get(tag, [])
        places = [order.index(local(c.tag)) for c in node]  # ValueError: a child the DTD does not allow here
        assert places == sorted(places), (tag, [local(c.tag) for c in node])
        assert all(node.get(a) for a in REQUIRED.get(tag, [])), (tag, node.attrib)
    items = list(root.iter(QTI + "item"))
    assert len({i.get("ident") for i in items}) == len(items) == len(found)
    for item in items:
        feedback = [f.get("ident") for f in item.iter(QTI + "itemfeedback")]
        assert len(set(feedback)) == len(feedback)
        assert {d.get("linkrefid") for d in item.iter(QTI + "displayfeedback")} <= set(feedback)


def qti_marks(item, picked: list[str]) -> int:
    """Run an item's response processing as QTI 1.2 says: each condition in turn, Set/Add/Subtract on SCORE,
    then SCORE held within decvar's minvalue and maxvalue."""
    decvar = item.find(f"{QTI}resprocessing/{QTI}outcomes/{QTI}decvar")
    score = 0
    for condition in item.iter(QTI + "respcondition"):
        test = condition.find(QTI + "conditionvar")[0]
        if local(test.tag) == "varequal" and test.text not in picked:
            continue
        for setvar in condition.findall(QTI + "setvar"):
            value = int(setvar.text)
            score = {"Set": value, "Add": score + value, "Subtract": score - value}[setvar.get("action")]
        if condition.get("continue") == "No":
            break
    return max(int(decvar.get("minvalue")), min(int(decvar.get("maxvalue")), score))


def test_qti_reads_back_to_the_kit_marks_for_every_answer():
    exercises = [*ORDERED, nasty_exercise()]
    found, _ = bank.questions(exercises)
    root = etree.fromstring(qti.questestinterop(found))
    items = {i.get("ident"): i for i in root.iter(QTI + "item")}
    for question in found:
        item = items[question.ident]
        texts = [m.text for m in item.find(QTI + "presentation").iter(QTI + "mattext")]
        assert texts[0] == question.text
        fields = {f.findtext(QTI + "fieldlabel"): f.findtext(QTI + "fieldentry")
                  for f in item.iter(QTI + "qtimetadatafield")}
        assert fields["points_possible"] == str(question.points)
        if question.kind == "essay":
            assert item.find(f"{QTI}rubric").get("view") == "Scorer"
            assert item.findtext(f"{QTI}rubric/{QTI}material/{QTI}mattext") == question.grader_info()
            continue
        assert texts[1:] == [a.text for a in question.answers]
        for answer in every_answer(question.exercise, question.item):
            picked = [answer] if isinstance(answer, str) else answer
            assert qti_marks(item, picked) == kit_marks(question.exercise, question.item, answer)


DTD = HERE / "schemas" / "ims_qtiasiv1p2p1.dtd"


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) is missing: run "
                    "scripts/ensure-test-tools.sh")
@pytest.mark.parametrize("exercises", [ORDERED, REAL, [nasty_exercise()]], ids=["fixtures", "course", "nasty"])
def test_every_qti_item_is_valid_against_the_ims_dtd(tmp_path, exercises):
    """xmllint, against the IMS QTI 1.2.1 DTD (tests/schemas/README.md says where it comes from). The DTD is
    older than XML namespaces, so the document type names the namespace attribute, as a DTD for a namespaced
    document must."""
    found, _ = bank.questions(exercises)
    body = qti.questestinterop(found).decode("utf-8")
    doctype = (f'<!DOCTYPE questestinterop SYSTEM "{DTD.as_uri()}" [\n'
               f'<!ATTLIST questestinterop xmlns CDATA #FIXED "{QTI[1:-1]}">\n]>\n')
    head, rest = body.split("\n", 1) if body.startswith("<?xml") else ("", body)
    path = tmp_path / "bank.xml"
    path.write_text(f"{head}\n{doctype}{rest}", encoding="utf-8")
    done = subprocess.run(["xmllint", "--noout", "--valid", "--nonet", str(path)], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stderr) == (0, "")


def canvas_weights(item) -> dict[str, int]:
    """Each option's weight as Canvas's importer gives it (QTIMigrationTool turns each condition into a QTI 2
    responseCondition; Canvas's ChoiceInteraction then takes the first number under the condition's SCORE
    setting, whatever the operation, and calls the option right, weight 100, when that number is above 0)."""
    weights = {label.get("ident"): 0 for label in item.iter(QTI + "response_label")}
    for condition in item.iter(QTI + "respcondition"):
        test = condition.find(QTI + "conditionvar")[0]
        setvar = condition.find(QTI + "setvar")
        if local(test.tag) == "varequal" and setvar is not None:
            weights[test.text] = 100 if float(setvar.text) > 0 else 0
    return weights


def canvas_marks(weights: dict[str, int], picked: list[str], points: int) -> Fraction:
    """Canvas's partial credit for a multiple-answers question: each right option ticked earns its share, each
    wrong one ticked takes a share away, never below 0."""
    right = [o for o, w in weights.items() if w > 0]
    hits = sum(1 for o in picked if o in right)
    return max(Fraction(0), Fraction(points * (hits - (len(picked) - hits)), len(right)))


@pytest.mark.parametrize("exercises", [ORDERED, REAL, [nasty_exercise()]], ids=["fixtures", "course", "nasty"])
def test_canvas_marks_right_only_the_right_options_and_ticking_every_one_scores_less(exercises):
    found, _ = bank.questions(exercises)
    root = etree.fromstring(qti.questestinterop(found))
    items = {i.get("ident"): i for i in root.iter(QTI + "item")}
    multiple = [q for q in found if q.kind == "multiple"]
    assert multiple
    for item in items.values():
        # The converter nests every condition after one with continue="No" under its else branch, so such a
        # condition may only come last, or the options after it would lose their marks and feedback.
        stops = [c.get("continue") == "No" for c in item.iter(QTI + "respcondition")]
        assert True not in stops[:-1], item.get("ident")
    for question in multiple:
        item, everything = items[question.ident], [o.id for o in question.item.options]
        weights = canvas_weights(item)
        assert {o for o, w in weights.items() if w} == set(question.item.answer), question.ident
        if len(everything) > len(question.item.answer):  # a wrong option to tick
            assert qti_marks(item, everything) < question.points
            assert canvas_marks(weights, everything, question.points) < question.points
        assert canvas_marks(weights, list(question.item.answer), question.points) == question.points


def test_qti_feedback_sits_in_the_idents_canvas_reads():
    """General feedback in "general_fb" (Canvas's neutral comments), each option's in "<option>_fb", shown by
    that option's own condition; an essay's grader notes in its general feedback, where Canvas keeps them."""
    found, _ = bank.questions([*ORDERED, nasty_exercise()])
    root = etree.fromstring(qti.questestinterop(found))
    items = {i.get("ident"): i for i in root.iter(QTI + "item")}
    for question in found:
        item = items[question.ident]
        feedback = {f.get("ident"): f.findtext(f"{QTI}flow_mat/{QTI}material/{QTI}mattext")
                    for f in item.iter(QTI + "itemfeedback")}
        general = feedback.get("general_fb", "")
        if question.general_feedback:
            assert general.startswith(question.general_feedback)
        if question.kind == "essay":
            assert general.endswith(question.grader_info())
            continue
        for answer in question.answers:
            if answer.feedback:
                assert feedback[f"{answer.id}_fb"] == answer.feedback
                shown = [c for c in item.iter(QTI + "respcondition")
                         if c.findtext(f"{QTI}conditionvar/{QTI}varequal") == answer.id]
                assert [d.get("linkrefid") for c in shown for d in c.iter(QTI + "displayfeedback")] == \
                    [f"{answer.id}_fb"]


def test_qti_zip_is_the_same_bytes_each_time():
    found, _ = bank.questions(ORDERED)
    assert qti.qti_zip(found) == qti.qti_zip(bank.questions(ORDERED)[0])


# --- the command -------------------------------------------------------------------------------------

def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", ["moodle-xml", "gift", "qti"])
def test_export_names_each_item_left_out_and_exits_1(capsys, tmp_path, form):
    out = tmp_path / "bank"
    code, stdout, stderr = run(capsys, "export", form, "--out", str(out), "--exercises", str(FOLDER))
    _, left_out = bank.questions(ORDERED)
    assert code == 1 and out.stat().st_size > 0
    assert stdout.endswith(f"in {out}\n")
    assert stderr.splitlines() == [f"mingle: {p}" for p in sorted(left_out)]


def test_export_of_markable_exercises_only_exits_0(capsys, tmp_path):
    out = tmp_path / "bank.xml"
    code, stdout, stderr = run(capsys, "export", "moodle-xml", "--out", str(out), "--exercises", str(FOLDER),
                               "single-choice", "matching")
    assert (code, stderr) == (0, "")
    assert stdout == f"3 questions from 2 exercises in {out}\n"
    assert [q.findtext("idnumber") for q in etree.parse(out).getroot() if q.get("type") != "category"] == \
        ["single-choice.opener", "matching.fitting", "matching.complaint"]


@pytest.mark.parametrize("argv, message", [
    (["export", "gift", "--out", "{out}", "--exercises", str(FOLDER), "no-such"], "unknown exercise 'no-such'"),
    (["export", "gift", "--out", "{tmp}/missing/bank.txt", "--exercises", str(FOLDER)], "no such folder"),
    (["export", "gift", "--out", "{out}", "--exercises", "{tmp}/none"], "no such exercises folder"),
])
def test_export_usage_errors_exit_2_and_write_nothing(capsys, tmp_path, argv, message):
    argv = [a.format(out=tmp_path / "bank.txt", tmp=tmp_path) for a in argv]
    code, stdout, stderr = run(capsys, *argv)
    assert code == 2 and stdout == "" and message in stderr and len(stderr.splitlines()) == 1
    assert not (tmp_path / "bank.txt").exists()
