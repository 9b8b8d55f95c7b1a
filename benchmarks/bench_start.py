"""How long a command takes to start: the row issue 16's table opens with.

    python -m benchmarks.bench_start --repeat 15

Each command is run as a whole process, in turn with the floor (``python -c "import typer,
rich, sqlalchemy"``: the libraries every command needs), so each ratio is taken pair by pair
on a machine whose speed drifts. Commands: ``goodword --version`` (the start alone),
``goodword --help`` (every command's help loaded), and ``goodword today --json`` on the demo
network (a real command on a small database, migrated beforehand).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_lists import measured_run

FLOOR = [sys.executable, "-c", "import typer, rich, sqlalchemy"]


def paired(argv: list[str], repeat: int) -> tuple[float, float, float, float]:
    """Median seconds of ``argv`` and of the floor, the median pair ratio, and the peak MiB."""
    runs, floors, ratios, peak = [], [], [], 0.0
    measured_run(argv), measured_run(FLOOR)  # warm the file cache, not counted
    for _ in range(repeat):
        wall, mib, _ = measured_run(argv)
        floor, _, _ = measured_run(FLOOR)
        runs.append(wall)
        floors.append(floor)
        ratios.append(wall / floor)
        peak = max(peak, mib)
    return statistics.median(runs), statistics.median(floors), statistics.median(ratios), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    goodword = [sys.executable, "-m", "goodword"]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "demo.db")
        measured_run([*goodword, "--db", db, "demo", "--force"])
        rows = [
            ("goodword --version", [*goodword, "--version"]),
            ("goodword --help", [*goodword, "--help"]),
            ("goodword today --json (demo network)", [*goodword, "--db", db, "today", "--json"]),
        ]
        print(f"{platform.machine()}, CPython {platform.python_version()}, {args.repeat} pairs")
        print("| command | median | floor (same run) | ratio (median of pairs) | peak |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for label, argv in rows:
            wall, floor, ratio, peak = paired(argv, args.repeat)
            print(f"| `{label}` | {wall:.2f} s | {floor:.2f} s | {ratio:.1f}× | {peak:.0f} MiB |")


if __name__ == "__main__":
    main()
