"""Imports point one way: the command over the roles, each role on its own, over the course and the marking both
may use, over the core (the contract in pyproject.toml, checked by import-linter)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "mingle"


def layers() -> list[str]:
    """The layers of the contract, as pyproject.toml lists them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return contract["layers"]


def test_the_imports_keep_the_layers():
    done = subprocess.run([Path(sys.executable).parent / "lint-imports", "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_module_and_folder_of_the_package_has_its_layer():
    listed = {name.strip() for layer in layers() for name in layer.replace("|", ":").split(":")}
    present = {f"mingle.{path.stem}" for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    present |= {f"mingle.{path.parent.name}" for path in PACKAGE.glob("*/__init__.py")}
    assert listed == present

