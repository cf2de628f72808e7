"""scoring.js and codes.js agree with the Python scorer and codes, in Node and in the built site's Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from test_js_support import ALL_MODELS, EXERCISES, JS, exercise_pages, expected, model, vectors

from mingle import codes

VECTORS = vectors()
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def node(script: str, data) -> object:
    """Run a Node script that reads JSON on stdin and prints JSON."""
    result = subprocess.run([NODE, "-e", script], input=json.dumps(data), capture_output=True, text=True,
                            cwd=JS, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def mismatches(got: list, names: list) -> str:
    """Every vector where JS and Python disagree, one per line."""
    lines = []
    for (key, name, answers), result in zip(names, got):
        want = expected(ALL_MODELS[key], answers)
        if result != want:
            lines.append(f"{key} / {name}: answers {answers!r:.200}\n  js     {result!r:.400}\n  python {want!r:.400}")
    return "\n".join(lines)


def test_there_are_several_dozen_vectors_covering_every_exercise():
    assert len(VECTORS) > 100
    assert {key for key, _, _ in VECTORS} == set(ALL_MODELS)
    assert {key for key in ALL_MODELS if not key.startswith("fixture:")} == set(EXERCISES)


@needs_node
def test_node_scoring_equals_python_for_every_vector():
    script = """
      const s = require("./scoring.js");
      const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
      console.log(JSON.stringify(data.vectors.map(([key, , answers]) => s.scoreExercise(data.models[key], answers))));
    """
    got = node(script, {"models": {k: model(e) for k, e in ALL_MODELS.items()}, "vectors": VECTORS})
    assert len(got) == len(VECTORS)
    problems = mismatches(got, VECTORS)
    assert not problems, problems


@needs_node
def test_node_validity_equals_python():
    from mingle.scoring import is_valid
    cases = [(key, item.id, answers[item.id]) for key, _, answers in VECTORS if isinstance(answers, dict)
             for item in ALL_MODELS[key].items if answers.get(item.id) is not None]
    script = """
      const s = require("./scoring.js");
      const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
      console.log(JSON.stringify(data.cases.map(([key, id, value]) => {
        const m = data.models[key];
        return s.isValid(m, m.items.find(i => i.id === id), value);
      })));
    """
    got = node(script, {"models": {k: model(e) for k, e in ALL_MODELS.items()}, "cases": cases})
    want = [is_valid(ALL_MODELS[k], ALL_MODELS[k].item(i), v) for k, i, v in cases]
    assert got == want


NAMES = ["Ada Lovelace", "Zoë Brontë-O'Hara 😀", "  padded  ", '<img src=x onerror="alert(1)">', "tab\tnew\nline\x01",
         "quote \" back \\ slash", "line\u2028sep", ""]


@needs_node
def test_node_codes_equal_python_codes_and_python_reads_them():
    """codes.js makes codes; mingle grade (codes.py) reads them, so they must be the same bytes."""
    cases = [(name, ex, {"a": 1, "b": ["x", "y"], "c": True, "d": "Zoë ☕\n"}) for name in NAMES
             for ex in ("why-are-you-here", "action-plan")]
    cases.append(("Ada", "action-plan", {f"t{n}": "😀" * 5000 for n in range(6)}))  # the longest a sheet can be
    script = """
      const c = require("./codes.js");
      const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
      console.log(JSON.stringify(data.map(([n, x, a]) => c.encode(n, x, a))));
    """
    made = node(script, cases)
    assert made == [codes.encode(*case) for case in cases]
    found = list(codes.find_codes("chat log:\n" + "\nsome words ".join(made)))
    assert [(f.learner, f.exercise, f.answers) for f in found] == [(n.strip(), x, a) for n, x, a in cases]


@pytest.mark.browser
def test_browser_scoring_equals_python_for_every_vector(page, base_url):
    """scoring.js as the site serves it, scoring each exercise with the model from its own form."""
    pages = exercise_pages()
    problems = []
    for key, path in sorted({k: pages[k] for k in EXERCISES}.items()):
        page.goto(base_url + path, wait_until="networkidle")
        mine = [v for v in VECTORS if v[0] == key]
        got = json.loads(page.evaluate(
            """([id, vectors]) => {
                 const model = JSON.parse(document.querySelector(`form[data-exercise="${id}"]`).dataset.model);
                 return JSON.stringify(vectors.map(v => window.Mingle.scoring.scoreExercise(model, v[2])));
               }""", [key, mine]))
        problems.append(mismatches(got, mine))
    fixtures = [v for v in VECTORS if v[0].startswith("fixture:")]
    got = json.loads(page.evaluate(
        """([models, vectors]) => JSON.stringify(vectors.map(v => window.Mingle.scoring.scoreExercise(models[v[0]], v[2])))""",
        [{k: model(e) for k, e in ALL_MODELS.items()}, fixtures]))
    problems.append(mismatches(got, fixtures))
    problems = "\n".join(p for p in problems if p)
    assert not problems, problems
    assert page.watch.errors == []
