"""`mingle export scorm`: one SCORM 1.2 package, the same bytes each time, holding the learner's site only."""

from __future__ import annotations

import io
import json
import posixpath
import re
import xml.etree.ElementTree as etree
import zipfile
from pathlib import Path

import pytest

from mingle import __version__
from mingle.cli import main
from mingle.export import scorm
from mingle.export.learner_site import learner_page
from mingle.model import exercise_max
from mingle.zipping import STAMP, zip_bytes

ROOT = Path(__file__).resolve().parent.parent
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The package exported twice, as a zip and as a folder (two site builds): (zip bytes, folder)."""
    out = tmp_path_factory.mktemp("scorm")
    for target in (out / "course.zip", out / "course"):
        assert main(["export", "scorm", "--out", str(target), "--config", str(ROOT / "mkdocs.yml")]) == 0
    return (out / "course.zip").read_bytes(), out / "course"


@pytest.fixture(scope="module")
def files(exported) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(exported[0])) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_two_exports_give_the_same_bytes(exported):
    package, folder = exported
    again = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert zip_bytes(again) == package  # the folder came from a second build


def test_zip_entries_are_sorted_with_fixed_times_and_permissions(exported):
    with zipfile.ZipFile(io.BytesIO(exported[0])) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert all(i.date_time == STAMP and i.external_attr >> 16 == 0o100644 and not i.is_dir() for i in infos)


def test_manifest_is_scorm_1_2_with_one_sco_listing_every_file(files):
    root = etree.fromstring(files["imsmanifest.xml"])
    assert root.tag == CP + "manifest"
    assert root.get("version") == __version__  # the trainer can tell which kit an uploaded package came from
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organisations = root.find(CP + "organizations")
    [organisation] = organisations.findall(CP + "organization")
    assert organisations.get("default") == organisation.get("identifier")
    [item] = organisation.findall(CP + "item")
    assert item.findtext(ADLCP + "masteryscore") == str(scorm.MASTERY)
    [resource] = root.findall(f"{CP}resources/{CP}resource")
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(ADLCP + "scormtype") == "sco" and resource.get("type") == "webcontent"
    assert resource.get("href") == scorm.LAUNCHER in files
    listed = [f.get("href") for f in resource.findall(CP + "file")]
    assert listed == sorted(set(files) - {"imsmanifest.xml"})


def test_no_mastery_score_means_no_masteryscore_element():
    root = etree.fromstring(scorm.manifest("Course", ["scorm.html"], 0))
    assert root.find(f".//{ADLCP}masteryscore") is None
    assert etree.fromstring(scorm.manifest("Course", ["scorm.html"], 75)).findtext(f".//{ADLCP}masteryscore") == "75"


def test_the_package_holds_no_presenter_part(files):
    pages = {n: d.decode("utf-8") for n, d in files.items() if n.endswith(".html")}
    assert not [n for n in files if n.startswith("presenters/")]
    assert "index.html" in pages and "modules/02-the-pub.html" in pages
    for name, html in pages.items():
        assert 'data-audience="presenter"' not in html and "data-mingle-toolbar" not in html, name
        for href in re.findall(r'href="([^"#]+)', html):
            assert not posixpath.normpath(posixpath.join(posixpath.dirname(name), href)).startswith("presenters/")
    index = json.loads(files["search/search_index.json"])
    assert index["docs"] and not [d for d in index["docs"] if d["location"].startswith("presenters/")]


def test_every_page_loads_the_scorm_script_once_and_nothing_from_outside(files):
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        html = data.decode("utf-8")
        sources = re.findall(r'<script[^>]* src="([^"]+)"', html)
        assert all("://" not in s for s in sources), name
        assert not re.search(r'<link[^>]* href="https?://', html), name
        if name == scorm.LAUNCHER:
            continue
        mine = [s for s in sources if s.endswith("scorm.js")]
        assert len(mine) == 1 and posixpath.normpath(posixpath.join(posixpath.dirname(name), mine[0])) == scorm.SCRIPT
        assert sources[-1] == mine[0], "after the kit's other scripts"
    assert scorm.SCRIPT in files and scorm.CODES in files
    assert b"<urlset" in files["sitemap.xml"] and b"<loc>" not in files["sitemap.xml"]
    assert "sitemap.xml.gz" not in files and "404.html" not in files


def test_the_launcher_knows_every_exercise_on_the_learner_pages(files):
    html = files[scorm.LAUNCHER].decode("utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="mingle-scorm-course">(.*?)</script>',
                                html).group(1))
    exercises = scorm.course_exercises(ROOT, with_presenter=False)
    assert [e["id"] for e in data["exercises"]] == [e.id for e in exercises]
    assert [e["max"] for e in data["exercises"]] == [exercise_max(e) for e in exercises]
    assert data["mastery"] == scorm.MASTERY
    assert re.search(r'<iframe title="[^"]+" data-mingle-scorm="index.html"></iframe>', html)


# --- the learner's copy of a page ------------------------------------------------------------------

PLAIN = """<!doctype html><html><head><script>if (a < b && c) { x = "</p>"; }</script><!-- note --></head>
<body><p class=x>Fish &amp; chips &#x2014; &nbsp; <a href="../modules/a.html#top">on</a><br>
<input type=checkbox checked><img src="i.png" alt=""/></p><![CDATA[x]]></body></html>"""


def test_a_page_with_no_presenter_part_comes_through_byte_for_byte():
    assert learner_page(PLAIN, "modules/b.html") == PLAIN


def test_presenter_parts_are_taken_out_and_links_to_them_unwrapped():
    html = ('<ul><li class="md-nav__item"><a href="../presenters/guide.html">Guide</a></li>'
            '<li class="md-nav__item"><a href="c.html">Course</a></li></ul>'
            '<p>See the <a href="../presenters/guide.html">guide</a>.</p>'
            '<div data-audience="presenter"><p>Notes<br><span>here</span></p></div>'
            '<link rel="next" href="../presenters/guide.html">'
            '<a class="md-footer__link" href="../presenters/guide.html"><span>Next</span></a><p>End</p>')
    assert learner_page(html, "modules/a.html") == (
        '<ul><li class="md-nav__item"><a href="c.html">Course</a></li></ul>'
        '<p>See the guide.</p><p>End</p>')


def test_a_navigation_section_of_presenter_pages_goes_whole():
    html = ('<li class="md-nav__item md-nav__item--nested"><label>Presenters</label><ul>'
            '<li class="md-nav__item"><a href="presenters/a.html">A</a></li>'
            '<li class="md-nav__item"><a href="presenters/b.html">B</a></li></ul></li><p>kept</p>')
    assert learner_page(html, "index.html") == "<p>kept</p>"


def test_with_presenter_keeps_every_page_as_built(tmp_path):
    (tmp_path / "presenters").mkdir()
    page = '<p><a href="presenters/a.html">A</a></p><div data-audience="presenter">Notes</div></body>'
    (tmp_path / "index.html").write_text(page)
    (tmp_path / "presenters" / "a.html").write_text("<p>A</p></body>")
    kept = scorm.site_files(tmp_path, with_presenter=True)
    assert set(kept) == {"index.html", "presenters/a.html"}
    assert kept["index.html"].decode() == page.replace("</body>",
                                                       '<script src="assets/mingle/scorm.js" defer></script>\n</body>')
    assert set(scorm.site_files(tmp_path, with_presenter=False)) == {"index.html"}


# --- the command --------------------------------------------------------------------------------------

def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv, message", [
    (["--mastery", "101"], "--mastery 101: expected a whole number from 0 to 100"),
    (["--config", "{tmp}/none.yml"], "no such MkDocs config"),
])
def test_scorm_usage_errors_exit_2(capsys, tmp_path, argv, message):
    argv = [a.format(tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, "export", "scorm", "--out", str(tmp_path / "c.zip"),
                         *(["--config", str(ROOT / "mkdocs.yml")] if "--config" not in argv else []), *argv)
    assert (code, out) == (2, "") and message in err and not (tmp_path / "c.zip").exists()


def test_scorm_will_not_write_into_a_folder_of_other_files(capsys, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    code, _, err = run(capsys, "export", "scorm", "--out", str(tmp_path / "mine"), "--config", str(ROOT / "mkdocs.yml"))
    assert code == 2 and "not empty" in err and (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
