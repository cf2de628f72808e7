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
