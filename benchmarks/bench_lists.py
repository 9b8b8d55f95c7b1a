"""`goodword people list` on a network of 100,000 people: the first page, and every row.

    python -m benchmarks.bench_lists --people 100000 --repeat 15

Uses the synthetic network of `bench_today` (built on first run into benchmarks/.data/).
Three things are timed, each next to a floor measured in the same run:

- in-process, the use case the CLI, the API and the web call for a page: count the
  matches and fetch the first 50 with their emails, links, skills, tags and days
  (`people_listing.count_people` + `list_people`). Floor: the same page's rows with one
  raw SQL statement (``SELECT … ORDER BY lower(name), id LIMIT 50``) on sqlite3;
- the whole command, `goodword --db … people list --json`, as a process (wall time and
  peak memory). Floor: `python -c "import typer, rich, sqlalchemy"`;
- every row, `goodword people list --all --jsonl > /dev/null`: wall time and peak memory
  (rows are streamed a chunk at a time, so memory stays flat whatever the network).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from benchmarks.bench_today import network
from goodword.schemas.network import PersonFilter
from goodword.services import people_listing
from goodword.storage.unit_of_work import UnitOfWork

FLOOR_SQL = (
    "SELECT id, name, title, tier FROM people WHERE workspace_id = 1 "
    "ORDER BY lower(name), id LIMIT 50"
)


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def in_process(people: int, repeat: int) -> dict[str, float]:
    engine = network(people)
    uow = UnitOfWork(engine, 1)
    filters = PersonFilter(limit=50)

    def page() -> None:
        people_listing.count_people(uow, filters)
        people_listing.list_people(uow, filters)

    page()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        page()
        samples.append(time.perf_counter() - started)
    tracemalloc.start()
    page()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    path = str(engine.url.database)
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.create_function(
        "lower", 1, lambda v: v.lower() if isinstance(v, str) else v, deterministic=True
    )
    floors = []
    for _ in range(repeat):
        started = time.perf_counter()
        raw.execute("SELECT count(*) FROM people WHERE workspace_id = 1").fetchone()
        raw.execute(FLOOR_SQL).fetchall()
        floors.append(time.perf_counter() - started)
    raw.close()
    return {"page_ms": _ms(samples), "floor_ms": _ms(floors), "page_peak_mib": peak}


def measured_run(argv: list[str], check: bool = True) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and exit code of one run of ``argv``."""
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=check,
        env={**os.environ, "GOODWORD_NOW": "2026-11-22T09:00:00+00:00"},
    )
    wall = time.perf_counter() - started
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024, done.returncode


def process(argv: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MiB) of running ``argv``."""
    runs = [measured_run(argv) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    found = in_process(args.people, args.repeat)
    db = str(Path(__file__).parent / ".data" / f"network-{args.people}.db")
    goodword = [sys.executable, "-m", "goodword", "--db", db, "people", "list"]
    floor_wall, floor_peak = process(
        [sys.executable, "-c", "import typer, rich, sqlalchemy"], args.repeat
    )
    page_wall, page_peak = process([*goodword, "--json"], args.repeat)
    all_wall, all_peak = process([*goodword, "--all", "--jsonl"], max(3, args.repeat // 5))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"people: {args.people:,}")
    print("| what | median | floor (same run) | ratio | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(
        f"| first page in-process (count + 50 people) | {found['page_ms']:.1f} ms "
        f"| {found['floor_ms']:.1f} ms (raw SQL) | {found['page_ms'] / found['floor_ms']:.1f}× "
        f"| {found['page_peak_mib']:.1f} MiB (Python heap) |"
    )
    print(
        f"| `people list --json` (process) | {page_wall:.2f} s | {floor_wall:.2f} s (imports) "
        f"| {page_wall / floor_wall:.1f}× | {page_peak:.0f} MiB RSS (floor {floor_peak:.0f}) |"
    )
    print(
        f"| `people list --all --jsonl` (process) | {all_wall:.2f} s | – | – "
        f"| {all_peak:.0f} MiB RSS |"
    )


if __name__ == "__main__":
    main()
