"""The course as one SCORM 1.2 package: the learner's offline site, a launcher page and imsmanifest.xml."""

from __future__ import annotations

import json
import posixpath
import tempfile
import xml.etree.ElementTree as etree
from pathlib import Path

from mingle import __version__
from mingle.course.coursemap import course_map
from mingle.errors import UsageError
from mingle.exercises import load_exercises
from mingle.export.learner_site import is_presenter_page, learner_page, learner_search_index
from mingle.export.xmlout import element, to_bytes
from mingle.marking.grading import kit_order
from mingle.model import Exercise, exercise_max
from mingle.render import model_dict
from mingle.sitebuild import build_site

LAUNCHER = "scorm.html"
SCRIPT = "assets/mingle/scorm.js"
CODES = "assets/mingle/codes.js"
SCORING = "assets/mingle/scoring.js"
MASTERY = 60  # the default pass mark, in per cent; 0 means "no pass mark: completed once everything is done"
CP_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
# Left out of every package: the sitemap's dates and its gzip copy's timestamp would change the bytes at each
# build, and the 404 page's absolute links lead nowhere inside an LMS.
SKIP = {"sitemap.xml.gz", "404.html"}
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'


def course_data(exercises: list[Exercise], mastery: int) -> dict:
    """What the launcher needs: the models scoring.js scores the marked items with, and the ids, kinds and option
    ids it packs progress into suspend_data by (their fingerprint is the package's version)."""
    def item(exercise: Exercise, i) -> list:
        return [i.id, i.kind, [o.id for o in exercise.options_for(i)]]
    return {"mastery": mastery, "models": [model_dict(e) for e in exercises],
            "exercises": [{"id": e.id, "max": exercise_max(e), "min": e.scale.min if e.scale else 0,
                           "items": [item(e, i) for i in e.items]} for e in exercises]}


def launcher(title: str, data: dict) -> bytes:
    """The page the LMS launches: it holds the one LMS session while the site's pages change inside its frame."""
    html = etree.Element("html", lang="en")
    head = element(html, "head")
    element(head, "meta", charset="utf-8")
    element(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    element(head, "title", title)
    element(head, "style", "html,body{margin:0;height:100%;overflow:hidden}"
                           "iframe{display:block;width:100%;height:100%;border:0}")
    body = element(html, "body")
    element(body, "iframe", "", title=title, **{"data-mingle-scorm": "index.html"})
    # Every "<" escaped, so no text in the models can close the script element early.
    course = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    element(body, "script", course, type="application/json", id="mingle-scorm-course")
    element(body, "script", "", src=CODES)  # its checksum fingerprints the course inside suspend_data
    element(body, "script", "", src=SCORING)  # the site's own scorer decides the marks the LMS gets
    element(body, "script", "", src=SCRIPT)
    return b"<!DOCTYPE html>\n" + etree.tostring(html, encoding="utf-8", method="html") + b"\n"


def manifest(title: str, files: list[str], mastery: int) -> bytes:
    """imsmanifest.xml for SCORM 1.2: one organisation, one item, one SCO (the launcher) listing every file."""
    etree.register_namespace("", CP_NS)
    etree.register_namespace("adlcp", ADLCP_NS)
    cp, adlcp = f"{{{CP_NS}}}", f"{{{ADLCP_NS}}}"
    root = etree.Element(cp + "manifest", identifier="mingle-course", version=__version__)  # the kit's version
    meta = etree.SubElement(root, cp + "metadata")
    etree.SubElement(meta, cp + "schema").text = "ADL SCORM"
    etree.SubElement(meta, cp + "schemaversion").text = "1.2"
    organisation = etree.SubElement(etree.SubElement(root, cp + "organizations", default="mingle"),
                                    cp + "organization", identifier="mingle")
    etree.SubElement(organisation, cp + "title").text = title
    item = etree.SubElement(organisation, cp + "item", identifier="mingle-course-item", identifierref="mingle-sco",
                            isvisible="true")
    etree.SubElement(item, cp + "title").text = title
    if mastery:
        etree.SubElement(item, adlcp + "masteryscore").text = str(mastery)
    resource = etree.SubElement(etree.SubElement(root, cp + "resources"), cp + "resource",
                                {"identifier": "mingle-sco", "type": "webcontent", adlcp + "scormtype": "sco",
                                 "href": LAUNCHER})
    for name in files:
        etree.SubElement(resource, cp + "file", href=name)
    return to_bytes(root)


def _with_script(html: str, page: str) -> str:
    """A page with scorm.js added last: it hands the page's storage to the launcher when one holds a session.
    Only the package loads it, so the ordinary site's pages carry no extra script. Deferred, as the built site's
    own scripts are, so that it runs after them (it needs window.Mingle) and before the page's DOMContentLoaded,
    when they read the storage it hands over."""
    src = posixpath.relpath(SCRIPT, posixpath.dirname(page) or ".")
    return html.replace("</body>", f'<script src="{src}" defer></script>\n</body>', 1)


def site_files(site: Path, with_presenter: bool) -> dict[str, bytes]:
    """The built site's files by path, as the learner's copy: presenter parts out unless asked for."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name in SKIP or (not with_presenter and is_presenter_page(name)):
            continue
        data = path.read_bytes()
        if name == "sitemap.xml":
            data = EMPTY_SITEMAP  # an empty one: pages load one by one, and nothing asks for a missing file
        elif name.endswith(".html"):
            text = data.decode("utf-8")
            data = _with_script(learner_page(text, name, with_presenter), name).encode("utf-8")
        elif name == "search/search_index.json" and not with_presenter:
            data = learner_search_index(data)
        files[name] = data
    return files


def course_exercises(root: Path, with_presenter: bool) -> list[Exercise]:
    """The exercises on the package's pages, in course order."""
    places, _, _ = course_map(str(root / "docs"))
    exercises = load_exercises(root / "exercises")
    wanted = [e for e, ref in places.items() if e in exercises and (with_presenter or not is_presenter_page(ref.page))]
    order = kit_order(exercises)
    return [exercises[e] for e in sorted(wanted, key=order.get)]


def package(config: Path, mastery: int, with_presenter: bool) -> dict[str, bytes]:
    """Every file of the package by its path inside it."""
    from mkdocs.utils.yaml import yaml_load

    if not 0 <= mastery <= 100:
        raise UsageError(f"--mastery {mastery}: expected a whole number from 0 to 100")
    with open(config, encoding="utf-8") as file:
        title = str(yaml_load(file).get("site_name") or "Course")
    root = config.resolve().parent
    with tempfile.TemporaryDirectory(prefix="mingle-scorm-") as temp:
        build_site(config, Path(temp) / "site", offline=True)
        files = site_files(Path(temp) / "site", with_presenter)
    files[LAUNCHER] = launcher(title, course_data(course_exercises(root, with_presenter), mastery))
    files["imsmanifest.xml"] = manifest(title, sorted(files), mastery)
    return files
