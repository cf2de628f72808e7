"""A module page's slides: its Markdown made into walls (what the room sees) and notes (what the speaker reads).

The page is converted by a Markdown of its own with the kit's extensions, and the parts the build marks with
`data-slide-part` (present.py) go on the wall; the rest of each H2 section (its prose, its scenes' stories, the
notes for presenters) goes to the speaker's notes. So a slide is never written twice: the deck, the slide budget
of `mingle check` and the module page all read the same Markdown."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from mingle.activities import check_activities
from mingle.render import element

STASHED = re.compile("\x02[^\x03]*\x03")  # raw HTML the page's own Markdown holds back (a checklist's boxes)
WORD = re.compile(r"[A-Za-z0-9’'£$€%]+")
SVG = "{http://www.w3.org/2000/svg}svg"
CONTROLS = {"input", "button", "select", "textarea", "form"}
# What a wall shows whole, as one slide of its own kind; any other marked part joins its section's content slide.
OWN_KIND = {"discuss": "discussion", "key-points": "key-points"}
TO_NOTES = {"objectives"}  # read out, not put up: four objectives are a paragraph's worth of words
# The extensions mkdocs.yml gives a module page that shape what a slide shows (toc and search do not).
BLOCKS = "mingle.site.blocks"
EXTENSIONS = ["abbr", "attr_list", "def_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.tasklist", "mingle.site.tasklabels"]


@dataclass
class Slide:
    """One slide: its kind (DESIGN's list), heading, what the wall shows, the speaker's notes, and an activity."""

    kind: str
    heading: str
    wall: list[etree.Element] = field(default_factory=list)
    notes: list[etree.Element] = field(default_factory=list)
    activity: str = ""
    section: str = ""  # the page's H2 it came from, to name it in a problem


def page_markdown(exercises_dir: Path, docs_dir: Path):
    """A Markdown that converts a page as the site's build does; one serves every page of a deck (it is reset
    before each), since making one costs about as much as converting a page."""
    import markdown

    # The kit's blocks by the extension's name, as mkdocs.yml names it: Markdown loads it, the course imports
    # nothing of the site (the layers point one way).
    return markdown.Markdown(extensions=[*EXTENSIONS, BLOCKS], extension_configs={
        BLOCKS: {"exercises_dir": str(exercises_dir), "docs_dir": str(docs_dir)}})


def convert(text: str, exercises_dir: Path, docs_dir: Path, md=None) -> etree.Element:
    """A page's Markdown (front matter already off) as an element tree, as the site's build makes it (with `md`,
    a page_markdown to reuse, when given)."""
    import markdown

    md = md.reset() if md is not None else page_markdown(exercises_dir, docs_dir)
    lines = text.split("\n")
    for step in md.preprocessors:
        lines = step.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    for step in md.treeprocessors:
        root = step.run(root) or root
    for node in root.iter():  # `&` and the like, which Markdown's postprocessors would put back in the page
        for name in ("text", "tail"):
            value = getattr(node, name)
            if value and markdown.util.AMP_SUBSTITUTE in value:
                setattr(node, name, value.replace(markdown.util.AMP_SUBSTITUTE, "&"))
    return root


def text_of(node: etree.Element) -> str:
    """The words a node shows, leaving out pictures' own text and block titles."""
    parts = [] if node.tag == SVG or "mingle-block-title" in (node.get("class") or "") else [node.text or ""]
    if node.tag != SVG and "mingle-block-title" not in (node.get("class") or ""):
        for child in node:
            parts.append(text_of(child))
            parts.append(child.tail or "")
    return " ".join(p for p in parts if p)


def words(slide: Slide) -> int:
    """Words of body on the wall (the heading not counted)."""
    return sum(len(WORD.findall(text_of(node))) for node in slide.wall)


def items(slide: Slide) -> int:
    """The most items any one list or table on the wall has."""
    counts = [len([li for li in lst if li.tag in ("li", "dt")]) for node in slide.wall for lst in node.iter()
              if lst.tag in ("ul", "ol", "dl")]
    counts += [len(list(table.iter("tr"))) - len(list(table.iter("thead"))) for node in slide.wall
               for table in node.iter("table")]
    return max(counts, default=0)


def for_the_wall(node: etree.Element, suffix: str) -> etree.Element:
    """A copy fit for a slide: no form controls or links (the page has them), ids made unique in the deck."""
    node = copy.deepcopy(node)
    parents = {child: parent for parent in node.iter() for child in parent}
    for gone in [n for n in node.iter() if n.tag in CONTROLS or "headerlink" in (n.get("class") or "")]:
        if gone in parents:
            _drop(parents[gone], gone)
    ids = {n.get("id") for n in node.iter() if n.get("id")}

    def move(value: str) -> str:
        return f"{value}-{suffix}" if value in ids else value

    for n in node.iter():
        if n.tag in ("a", "label"):  # a link or a label leads nowhere on a wall
            n.tag = "span"
            for name in ("href", "for", "title", "target", "rel"):
                n.attrib.pop(name, None)
        for name, value in list(n.attrib.items()):
            if name == "id" or name in ("aria-labelledby", "aria-describedby", "headers"):
                n.set(name, " ".join(move(v) for v in value.split()))
            elif value.startswith("#") and value[1:] in ids:
                n.set(name, "#" + move(value[1:]))
            elif "url(#" in value:
                n.set(name, re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{move(m.group(1))})", value))
        n.attrib.pop("data-checklist", None)
        n.attrib.pop("data-slide-part", None)
        if "task-list" in (n.get("class") or ""):  # a checklist without its boxes: the page keeps the ticks
            kept = [c for c in n.get("class").split() if not c.startswith("task-list")]
            n.set("class", " ".join(kept)) if kept else n.attrib.pop("class")
        for name in ("text", "tail"):
            if getattr(n, name) and "\x02" in getattr(n, name):
                setattr(n, name, STASHED.sub("", getattr(n, name)).lstrip() if name == "text" else
                        STASHED.sub("", getattr(n, name)))
    return node


def _drop(parent: etree.Element, child: etree.Element) -> None:
    """Remove a child, keeping the text that followed it."""
    if child.tail:
        n = list(parent).index(child)
        if n:
            parent[n - 1].tail = (parent[n - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _heading(node: etree.Element) -> str:
    """A heading's words."""
    return "".join(node.itertext()).replace("¶", "").strip()


def _block(node: etree.Element) -> str:
    """The kit block a node is (`scene`, `discuss`…), or ''."""
    classes = (node.get("class") or "").split()
    if "mingle-exercise-block" in classes:
        return "exercise"
    if "mingle-activity-block" in classes:
        return "activity"
    named = [c[len("mingle-"):] for c in classes if c.startswith("mingle-") and c != "mingle-block"]
    return named[0] if "mingle-block" in classes and named else ""


def _sections(root: etree.Element) -> list[list[etree.Element]]:
    """The page's top-level nodes: what comes before the first H2, then one group per H2."""
    groups: list[list[etree.Element]] = [[]]
    for node in root:
        if node.tag == "h2" and groups[-1]:
            groups.append([])
        groups[-1].append(node)
    return [g for g in groups if g]


def _story(block: etree.Element, suffix: str) -> list[etree.Element]:
    """A scene's story, for the notes: its paragraphs, without its title and picture."""
    return [for_the_wall(n, suffix) for n in block
            if "mingle-block-title" not in (n.get("class") or "") and "mingle-picture" not in (n.get("class") or "")]


def scene_slide(block: etree.Element, suffix: str, heading: str) -> Slide:
    """A picture slide: the scene's picture and its title as a one-line caption; the story to the notes."""
    title = block.find("p[@class='mingle-block-title']")
    caption = _heading(title) if title is not None else heading
    figure = element(None, "figure", class_="mingle-deck-picture")
    frame = block.find("div[@class='mingle-picture']")
    if frame is not None:
        for picture in frame:
            figure.append(for_the_wall(picture, suffix))
    element(figure, "figcaption", caption)
    return Slide("picture", heading, [figure], _story(block, suffix))


def join_card(parent: etree.Element) -> etree.Element:
    """How to join a live room: its QR code, room code and address, which present.js fills in and shows only in a
    deck opened from a running room (the room alone knows the address phones reach it at)."""
    card = element(parent, "figure", class_="mingle-deck-join", data_deck_join="", data_deck_in_room="",
                   hidden="hidden")
    # Its picture's words; present.js puts the picture in (MkDocs takes an <img> for a link and wants its address).
    element(card, "span", "", class_="mingle-deck-qr", data_deck_join_qr="QR code of the room's join address")
    caption = element(card, "figcaption")
    code = element(caption, "p", "Room code ", class_="mingle-deck-join-code")
    element(code, "strong", "", data_deck_join_code="")
    element(caption, "p", "", class_="mingle-deck-join-address", data_deck_join_address="")
    return card


def exercise_slide(exercise, heading: str) -> Slide:
    """An exercise slide: its question in a line and how to answer (on this site, or in a live room by its QR code);
    its introduction to the notes."""
    box = element(None, "div", class_="mingle-deck-exercise mingle-deck-answering", data_exercise=exercise.id)
    element(box, "p", exercise.title, class_="mingle-deck-question")
    how = element(box, "div", class_="mingle-deck-how")
    steps = element(how, "ol", class_="mingle-deck-steps", data_deck_outside_room="")
    element(steps, "li", "Open this module's page on your phone or laptop.")
    element(steps, "li", "Answer, then press Check.")
    steps = element(how, "ol", class_="mingle-deck-steps", data_deck_in_room="", hidden="hidden")
    element(steps, "li", "Scan the code with your phone's camera, or type the address under it.")
    element(steps, "li", "Answer on your phone, then press Check.")
    element(how, "p", "", class_="mingle-deck-address", data_deck_address="",  # the page's address, from present.js
            data_deck_outside_room="")
    element(how, "div", class_="mingle-slide-room")  # a room's live results, from room-wall.js
    join_card(box)
    intro = element(None, "p", exercise.intro)
    return Slide("exercise", heading, [box], [intro], activity=exercise.id)


def activity_slide(activity, heading: str = "") -> Slide:
    """A live activity's slide: its question, how to answer (the room's QR code beside it), and a box for the room's
    results; its notes for the presenter to the speaker's notes."""
    from mingle.activity_view import activity_model

    box = element(None, "div", class_="mingle-deck-activity mingle-deck-answering", data_activity=activity.id)
    how = element(box, "div", class_="mingle-deck-how")
    element(how, "p", "Answer on your phone: the question is there, ready, while this slide is up.",
            class_="mingle-deck-steps")
    element(how, "div", class_="mingle-deck-results", data_room_results=activity.id,
            data_activity_model=json.dumps(activity_model(activity), ensure_ascii=False, separators=(",", ":")))
    join_card(box)
    notes = [element(None, "p", activity.notes)] if activity.notes else []
    return Slide("activity", activity.question, [box], notes, activity=activity.id, section=heading)


def module_slides(page: Path, exercises_dir: Path, docs_dir: Path, exercises: dict, md=None) -> list[Slide]:
    """Every slide of one module page, in page order: the module's own slide first (converted with `md`, a
    page_markdown, when given)."""
    from mingle.course.pages import read_page

    read = read_page(page, docs_dir)
    meta, body = read.meta, read.body
    root = convert(body, exercises_dir, docs_dir, md)
    # Exercise blocks in page order (a MkDocs build fills their forms in later, so the tree may not name them).
    ids = iter([b.argument for b in read.blocks if b.name == "exercise"])
    activities = check_activities(Path(exercises_dir).parent / "activities")[0]  # a broken one stops at its block
    number = meta.get("module", page.stem)
    slides: list[Slide] = []
    first_picture = next((p for p in root.iter("div") if p.get("class") == "mingle-picture"), None)
    for n, group in enumerate(_sections(root)):
        suffix = f"m{number}s{n}"
        head = next((node for node in group if node.tag in ("h1", "h2")), None)
        heading = _heading(head) if head is not None else str(meta.get("title", ""))
        if n == 0:
            opening = Slide("module", str(meta.get("title", heading)), section=heading)
            if first_picture is not None:
                opening.wall = [element(None, "figure", class_="mingle-deck-picture")]
                for picture in first_picture:
                    opening.wall[0].append(for_the_wall(picture, f"{suffix}title"))
            slides.append(opening)
        made, content, notes = _section_slides(group, heading, suffix, exercises, ids, activities)
        if content or not (made or n == 0 or _only_notes(group)):
            made.insert(0, Slide("content", heading, content))
        target = made[0] if made else slides[0]
        target.notes = notes + target.notes
        for slide in made:
            slide.section = heading
        slides += made
    return slides


def _only_notes(group: list[etree.Element]) -> bool:
    """A section that holds nothing but its heading and notes for presenters (it needs no slide)."""
    return all(node.tag == "h2" or _block(node) == "facilitator" for node in group)


def _section_slides(group, heading, suffix, exercises, ids, activities):
    """One H2 section's own slides (scenes, exercises, discussions, key points), its content parts and notes."""
    made, content, notes = [], [], []
    # A `/// slide` block is what the author wrote for the wall: the section's other parts go to the notes.
    written = any(_block(node) == "slide-only" for node in group)
    for node in group:
        if node.tag in ("h1", "h2"):
            continue
        kind, block = node.get("data-slide-part"), _block(node)
        if block == "scene":
            made.append(scene_slide(node, f"{suffix}p{len(made)}", heading))
        elif block == "exercise":
            exercise = exercises.get(next(ids, ""))
            if exercise is not None:
                made.append(exercise_slide(exercise, heading))
        elif block == "activity":
            activity = activities.get(node.get("data-live-activity", ""))
            if activity is not None:
                made.append(activity_slide(activity, heading))
        elif block in OWN_KIND:
            made.append(Slide(OWN_KIND[block], heading, [for_the_wall(node, f"{suffix}k{len(made)}")]))
        elif block == "facilitator" or block in TO_NOTES:
            notes.append(for_the_wall(node, f"{suffix}n{len(notes)}"))
        elif kind and (block == "slide-only" or not written):
            content.append(for_the_wall(node, f"{suffix}c{len(content)}"))
        else:
            notes.append(for_the_wall(node, f"{suffix}n{len(notes)}"))
    return made, content, notes
