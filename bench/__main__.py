"""Run every benchmark module in this package that defines main() (or only those named: `python -m bench grading`)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
import traceback

import bench


def modules() -> list[str]:
    """The benchmark modules, in name order."""
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


def run(names: list[str]) -> int:
    """Run each named module's main(); a failing one is reported and the others still run."""
    failed = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        entry = getattr(module, "main", None)
        if not callable(entry):
            continue
        start = time.perf_counter()
        try:
            entry()
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others' figures
            failed += 1
            traceback.print_exc()
            print(f"bench.{name}: FAILED", file=sys.stderr)
        print(f"  (bench.{name} took {time.perf_counter() - start:.1f} s)\n", flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named on the command line, or all of them."""
    argv = sys.argv[1:] if argv is None else argv
    known = modules()
    unknown = [n for n in argv if n not in known]
    if unknown:
        print(f"bench: unknown benchmark {', '.join(unknown)}; expected some of: {', '.join(known)}", file=sys.stderr)
        return 2
    return run(argv or known)


if __name__ == "__main__":
    sys.exit(main())
