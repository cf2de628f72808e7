"""Regenerate the locked sets (requirements/*.txt) from the direct needs (requirements/*.in) with pip and PyPI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
UNION = "test"  # holds every group but Zensical, so it is resolved first and the others take its versions
GROUPS = ("core", "serve", "check", "site", "handouts", "room", "xlsx")
ALONE = ("zensical",)  # its own venv: shares versions with the union where it can
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def canonical(name: str) -> str:
    """The name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    """`name==version` lines of a requirements file (and the files it includes with -r), by canonical name."""
    pins: dict[str, str] = {}
    if not path.exists():
        return pins
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins.update(read_pins(path.parent / line[3:].strip()))
        elif match := PIN.match(line):
            pins[canonical(match[1])] = f"{match[1]}=={match[2]}"
    return pins


def resolve(source: Path, prefer: dict[str, str]) -> list[str]:
    """Every package pip would install from `source` in an empty venv, preferring the versions in `prefer`."""
    wanted = read_pins(source)
    keep = [pin for name, pin in prefer.items() if name not in wanted]  # a direct pin may move; the rest stay
    with tempfile.TemporaryDirectory() as tmp:
        constraints, report = Path(tmp, "constraints.txt"), Path(tmp, "report.json")
        constraints.write_text("\n".join(keep) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                        "--report", str(report), "-r", str(source), "-c", str(constraints)], check=True)
        installed = json.loads(report.read_text(encoding="utf-8"))["install"]
    pins = {item["metadata"]["name"]: item["metadata"]["version"] for item in installed}
    return [f"{name}=={pins[name]}" for name in sorted(pins, key=canonical)]


def write_lock(group: str, pins: list[str]) -> None:
    """Write requirements/<group>.txt with a header saying where it comes from."""
    header = (f"# Locked by `make lock` from {group}.in: edit that file, not this one.\n"
              "# Every package the group installs, transitive ones too, pinned exactly.\n")
    (HERE / f"{group}.txt").write_text(header + "".join(pin + "\n" for pin in pins), encoding="utf-8")


def main() -> None:
    """Lock the union first, then each group with the union's versions, then the groups that stand alone."""
    union = resolve(HERE / f"{UNION}.in", read_pins(HERE / f"{UNION}.txt"))
    write_lock(UNION, union)
    shared = {canonical(pin.split("==")[0]): pin for pin in union}
    for group in GROUPS:
        write_lock(group, resolve(HERE / f"{group}.in", shared))
    for group in ALONE:
        write_lock(group, resolve(HERE / f"{group}.in", {**read_pins(HERE / f"{group}.txt"), **shared}))


if __name__ == "__main__":
    main()
