"""The site's scripts in one dialect: ESLint's rules (eslint.config.mjs) for the module shape, the element helper and
storage fail what they should; and, what ESLint cannot see across files, every exported name is used elsewhere."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The site's scripts, and the handouts' (run in Chromium on the built site's pages to lay out the PDFs).
SCRIPTS = sorted([*(ROOT / "docs" / "assets" / "mingle").glob("*.js"),
                  *(ROOT / "scripts" / "mingle" / "handouts").glob("*.js")])
COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
FALLBACK = "(typeof window === \"object\" ? window : globalThis)"  # for scripts Node also reads
SHAPE = "((root) => {\n  \"use strict\";\n  root.Mingle.x = 1;\n})(window);\n"
# ESLint's own API, once for every sample: a process per sample would take a second each.
LINT = """const { ESLint } = require("eslint");
let input = ""; process.stdin.on("data", (d) => { input += d; }).on("end", async () => {
  const eslint = new ESLint({ cwd: process.argv[1] }), found = [];
  for (const [source, filePath] of JSON.parse(input)) {
    const [result] = await eslint.lintText(source, { filePath });
    found.push(result.messages.map((m) => [m.line, m.ruleId]));
  }
  process.stdout.write(JSON.stringify(found));
});"""
SAMPLES: list[tuple[str, str]] = []  # (source, as which file), filled by the tests' parameters below


def sample(source: str, name: str = "docs/assets/mingle/sample.js") -> tuple[str, str]:
    """A script to lint as if it were the kit's file `name` (the config's rules depend on where a file is)."""
    SAMPLES.append((source, name))
    return source, name


@pytest.fixture(scope="module")
def eslint() -> dict[tuple[str, str], list[tuple[int, str]]]:
    """(line, rule) for each problem ESLint (eslint.config.mjs, as `make lint` runs it) finds in each sample."""
    result = subprocess.run(["node", "-e", LINT, str(ROOT)], cwd=ROOT, input=json.dumps(SAMPLES),
                            capture_output=True, text=True, check=True)
    return {case: [tuple(m) for m in found] for case, found in zip(SAMPLES, json.loads(result.stdout))}


def code(path: Path) -> str:
    """A script without its comments (a comment may name what the code must not touch)."""
    return COMMENTS.sub("", path.read_text(encoding="utf-8"))


def body(statement: str) -> str:
    """The module shape around one statement, on line 3."""
    return SHAPE.replace("root.Mingle.x = 1;", statement)


@pytest.mark.parametrize("case", [sample(SHAPE), sample(SHAPE.replace("(window)", FALLBACK))], ids=["window", "node"])
def test_the_one_module_shape_passes(eslint, case):
    assert eslint[case] == []


@pytest.mark.parametrize("case", [sample(script) for script in (
    "function f() {}\n" + SHAPE,
    SHAPE + SHAPE,
    SHAPE.replace("((root) => {", "(function (root) {"),
    SHAPE.replace("((root) =>", "((win) =>").replace("root.Mingle", "win.Mingle"),
    SHAPE.replace("  \"use strict\";\n", ""),
    SHAPE.replace("(window)", "(self)"),
    SHAPE.replace("(window)", "(window, 1)"),
    SHAPE.replace("(window)", FALLBACK.replace("globalThis", "self")),
    "((root) => root.Mingle)(window);\n",
)], ids=["beside", "twice", "function", "param", "strict", "self", "arguments", "fallback", "expression"])
def test_any_other_shape_fails(eslint, case):
    assert "no-restricted-syntax" in {rule for _, rule in eslint[case]}


# A statement and the rule that must refuse it: HTML from a string nowhere; storage, createElement in storage.js only.
HTML = [("root.document.body.innerHTML = root.name;", "no-restricted-properties"),
        ("root.document.body.outerHTML = root.name;", "no-restricted-properties"),
        ("root.document.body.insertAdjacentHTML(\"beforeend\", root.name);", "no-restricted-properties"),
        ("root.document.write(root.name);", "no-restricted-syntax"),
        ("root.document.writeln(root.name);", "no-restricted-syntax")]
OWNED = [("root.localStorage.setItem(\"k\", \"v\");", "no-restricted-properties"),
         ("root.sessionStorage.clear();", "no-restricted-properties"),
         ("localStorage.clear(root);", "no-restricted-globals"),
         ("sessionStorage.clear(root);", "no-restricted-globals"),
         ("root.document.createElement(\"p\");", "no-restricted-properties")]
# The same statement in a site script, a handouts script and storage.js.
PLACES = ("docs/assets/mingle/sample.js", "scripts/mingle/handouts/x.js", "docs/assets/mingle/storage.js")


def in_every_place(rows: list[tuple[str, str]]):
    """Each (statement, rule) as parameters: the statement's samples in every place, and the rule."""
    return pytest.mark.parametrize("cases, rule", [([sample(body(statement), place) for place in PLACES], rule)
                                                   for statement, rule in rows], ids=[s for s, _ in rows])


@in_every_place(HTML)
def test_no_script_parses_html_from_a_string(eslint, cases, rule):
    for case in cases:
        assert (3, rule) in eslint[case], case[1]


@in_every_place(OWNED)
def test_only_storage_js_touches_storage_or_makes_elements_its_own_way(eslint, cases, rule):
    elsewhere, handouts, owner = cases
    assert (3, rule) in eslint[elsewhere] and (3, rule) in eslint[handouts]
    assert eslint[owner] == []


EXPORT = re.compile(r"\b(?:M|\(root\.Mingle \|\|= \{\}\))\.(\w+) = \{([^}]*)\};")
USERS = [*SCRIPTS, *(ROOT / "overrides").rglob("*.html"), *(ROOT / "scripts" / "mingle").rglob("*.py"),
         *(ROOT / "tests").glob("*.py")]


def exports() -> list[tuple[str, str, str]]:
    """(script, module, name) for every name a script puts on window.Mingle as `M.<module> = { name, ... }`."""
    found = []
    for path in SCRIPTS:
        for module, names in EXPORT.findall(code(path)):
            found += [(path.name, module, name.split(":")[0].strip()) for name in names.split(",") if name.strip()]
    return found


@pytest.mark.parametrize("script, module, name", exports(), ids=lambda v: v)
def test_every_name_a_script_exports_is_used_by_another_file(script, module, name):
    # In a script or template, any `.name` (scripts keep a module in a short name: `X.download`) or a destructuring
    # of the module; in Python (a test, the handouts), only `Mingle.<module>.<name>` (Python has a `.copy` of its own).
    use = re.compile(rf"\.{name}\b|\{{[^}}]*\b{name}\b[^}}]*\}}\s*=\s*(M|root\.Mingle|Mingle)\.{module}\b")
    in_test = re.compile(rf"Mingle\.{module}\.{name}\b")
    users = [p.name for p in USERS if p.name != script
             and (in_test if p.suffix == ".py" else use).search(p.read_text(encoding="utf-8"))]
    assert users, f"{script}: Mingle.{module}.{name} is used nowhere else: drop it from the export"
