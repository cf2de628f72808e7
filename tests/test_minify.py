"""The mingle-minify plugin: the built site carries the kit's scripts and styles minified, under their own names, and
they still parse; the sources in docs/ stay as written. (The browser tests all run on these minified copies.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mingle.site import minify

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "mingle"
SOURCES = sorted(p for p in ASSETS.glob("*.*") if p.suffix in (".js", ".css"))


def test_the_kit_has_scripts_and_styles_to_minify():
    assert any(p.suffix == ".js" for p in SOURCES) and any(p.suffix == ".css" for p in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_minified_copy_is_smaller_and_has_no_comments(source):
    text = minify.minified(source)
    assert len(text) < len(source.read_text(encoding="utf-8"))
    assert "/*" not in text.replace('"/*"', "")  # block comments gone (a string holding "/*" would be kept)
    assert "\n  " not in text  # indentation gone


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
@pytest.mark.parametrize("source", [p for p in SOURCES if p.suffix == ".js"], ids=lambda p: p.name)
def test_minified_script_still_parses(source, tmp_path):
    copy = tmp_path / source.name
    copy.write_text(minify.minified(source), encoding="utf-8")
    done = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_other_files_are_left_alone(tmp_path):
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg>\n  <!-- a comment -->\n</svg>\n")
    assert minify.minified(svg) is None


def test_the_built_site_serves_the_minified_copies(site_dir):
    for source in SOURCES:
        built = site_dir / "assets" / "mingle" / source.name
        assert built.read_text(encoding="utf-8") == minify.minified(source), source.name


def test_serving_keeps_the_files_as_written(tmp_path):
    (tmp_path / "assets" / "mingle").mkdir(parents=True)
    script = tmp_path / "assets" / "mingle" / "x.js"
    script.write_text("/* kept */\nconst a = 1;\n")
    plugin = minify.MinifyPlugin()
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_post_build(config={"site_dir": str(tmp_path)})
    assert script.read_text() == "/* kept */\nconst a = 1;\n"
    plugin.on_startup(command="build", dirty=False)
    plugin.on_post_build(config={"site_dir": str(tmp_path)})
    assert script.read_text() == "const a=1;"


def kit_config(tmp_path, scripts) -> dict:
    """What on_config reads of mkdocs.yml: the docs folder and the two lists."""
    return {"docs_dir": str(tmp_path), "extra_css": ["assets/mingle/a.css", "other.css", "assets/mingle/b.css"],
            "extra_javascript": list(scripts)}


def test_the_build_links_the_kits_files_joined_where_the_first_stood(tmp_path):
    plugin = minify.MinifyPlugin()
    plugin.on_startup(command="build", dirty=False)
    config = plugin.on_config(kit_config(tmp_path, ["assets/mingle/a.js", "assets/mingle/b.js"]))
    assert config["extra_css"] == [minify.STYLES, "other.css"]
    [script] = config["extra_javascript"]
    assert (str(script), script.defer) == (minify.SCRIPTS, True)
    material = '<script src="../assets/javascripts/bundle.0a1b.min.js"></script>'
    assert plugin.on_post_page(material, page=None, config=config) == material.replace("></", " defer></")
    (tmp_path / "assets" / "mingle").mkdir(parents=True)
    files = {"a.css": "a { color: red; }", "b.css": "/* b */ b { color: blue; }",
             "a.js": "((root) => { root.a = 1; })(window)", "b.js": "((root) => { root.b = 2; })(window);"}
    for name, text in files.items():
        (tmp_path / "assets" / "mingle" / name).write_text(text)
    plugin.on_post_build(config={"site_dir": str(tmp_path)})
    assert (tmp_path / minify.STYLES).read_text() == "a{color:red}\nb{color:blue}\n"
    # A script without its last semicolon still ends before the next begins.
    assert (tmp_path / minify.SCRIPTS).read_text() == "((root)=>{root.a=1;})(window);\n((root)=>{root.b=2;})(window);\n"


def test_a_script_run_as_the_page_is_parsed_keeps_materials_script_undeferred(tmp_path):
    plugin = minify.MinifyPlugin()
    plugin.on_startup(command="build", dirty=False)
    config = plugin.on_config(kit_config(tmp_path, ["assets/mingle/a.js", "theirs.js"]))
    assert [str(s) for s in config["extra_javascript"]] == [minify.SCRIPTS, "theirs.js"]
    page = '<script src="assets/javascripts/bundle.0a1b.min.js"></script>'
    assert plugin.on_post_page(page, page=None, config=config) == page  # it must run before theirs.js, as written


def test_serving_links_each_file_as_written(tmp_path):
    plugin = minify.MinifyPlugin()
    plugin.on_startup(command="serve", dirty=False)
    config = kit_config(tmp_path, ["assets/mingle/a.js", "assets/mingle/b.js"])
    assert plugin.on_config(dict(config)) == config
    page = '<script src="assets/javascripts/bundle.0a1b.min.js"></script>'
    assert plugin.on_post_page(page, page=None, config=config) == page
