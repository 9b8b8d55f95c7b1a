"""Every row of issue 16's table, each next to its floor measured in the same run, and the
table in ``benchmarks/README.md`` (between its ``run_all`` markers) rewritten.

    python -m benchmarks.run_all                  # ~15 min; builds benchmarks/.data once
    python -m benchmarks.run_all --quick          # small sizes, few repeats; README untouched

Needs the dev install, ``wrk`` for the link rows (skipped without it), the semantic extra
for the encoding row, and a PostgreSQL server for its rows (``GOODWORD_BENCH_POSTGRES_URL``,
else ``GOODWORD_TEST_POSTGRES_URL``; measured in schemas of it, the large network kept).
The machine's load average is printed before and after: these machines are shared, so
the ratios to the floors count more than the times.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks import bench_import, bench_lists, bench_start, bench_today, postgres_schemas
from benchmarks.bench_lists import measured_run
from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade

README = Path(__file__).parent / "README.md"
START, END = "<!-- run_all: start -->", "<!-- run_all: end -->"
FLOOR_IMPORT = """
import csv, sqlite3, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[3:]
rows = list(csv.reader(lines))[1:]
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE IF NOT EXISTS floor (a, b, c, d, e, f, g)")
with db:
    db.executemany("INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
"""


@dataclass
class Row:
    what: str
    goal: str
    floor: str
    now: str
    ratio: str
    met: bool | None

    def line(self) -> str:
        verdict = {True: "met", False: "**not met**", None: "–"}[self.met]
        return (
            f"| {self.what} | {self.goal} | {self.floor} | {self.now} | {self.ratio} | {verdict} |"
        )


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _ms(ms: float) -> str:
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def seconds_row(
    what: str,
    goal: str,
    floor_label: str,
    now: float,
    floor: float,
    met: bool,
    ratio: float | None = None,
) -> Row:
    """A row timed in seconds beside its floor (the ratio is now ÷ floor unless given)."""
    shown = now / floor if ratio is None else ratio
    return Row(what, goal, f"{floor_label} {_s(floor)}", _s(now), f"{shown:.1f}×", met)


def start_rows(repeat: int) -> list[Row]:
    goodword = [sys.executable, "-m", "goodword"]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "demo.db")
        measured_run([*goodword, "--db", db, "demo", "--force"])
        measured_run([*goodword, "--db", db, "settings", "set", "your_name", "Ana"])
        version = bench_start.paired([*goodword, "--version"], repeat)
        today = bench_start.paired([*goodword, "--db", db, "today", "--json"], repeat)
    floor = "`import typer, rich, sqlalchemy`"
    return [
        seconds_row(
            f"`goodword --version` (peak {version[3]:.0f} MiB)",
            "≤ 1.5× floor",
            floor,
            version[0],
            version[1],
            version[2] <= 1.5,
            version[2],
        ),
        seconds_row(
            f"`goodword today --json`, demo network (peak {today[3]:.0f} MiB)",
            "≤ 2.5× floor",
            floor,
            today[0],
            today[1],
            today[2] <= 2.5,
            today[2],
        ),
    ]


def today_rows(people: int, repeat: int) -> list[Row]:
    rows = []
    for engine, postgres in (("SQLite", None), ("PostgreSQL", postgres_schemas.server_url())):
        if engine == "PostgreSQL" and not postgres:
            print("no PostgreSQL configured (GOODWORD_BENCH_POSTGRES_URL): its rows are skipped")
            continue
        r = bench_today.measure(people, repeat, postgres)
        ratio = float(r["median_ms"]) / float(r["floor_ms"])
        quiet = float(r["median_ms"]) <= 250 or engine == "PostgreSQL"  # (SQLite's goal)
        driver = "sqlite3" if engine == "SQLite" else "psycopg"
        rows.append(
            Row(
                f"`today` on {people:,} people, {engine} "
                f"({r['queries']} queries, {r['items']} items)",
                "≤ 1.5× its SQL, ≤ 250 ms" if engine == "SQLite" else "≤ 1.5× its SQL",
                f"the same SQL on raw {driver} {_ms(float(r['floor_ms']))}",
                _ms(float(r["median_ms"])),
                f"{ratio:.1f}×",
                ratio <= 1.5 and quiet,
            )
        )
    return rows


def postgres_import_rows(rows: int, repeat: int) -> list[Row]:
    base = postgres_schemas.server_url()
    if not base:
        return []
    first, again, floor = bench_import.on_postgres(base, rows, repeat)
    label = "csv + one executemany (psycopg)"
    return [
        seconds_row(
            f"import {rows:,} LinkedIn connections, in-process, PostgreSQL",
            "≤ 1 s",
            label,
            first,
            floor,
            first <= 1.0,
        ),
        seconds_row(
            f"re-import of the same {rows:,}, in-process, PostgreSQL",
            "≤ 0.5 s",
            label,
            again,
            floor,
            again <= 0.5,
        ),
    ]


def import_rows(rows: int, repeat: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        folder.mkdir()
        text = bench_import.connections_csv(rows)
        csv_path = folder / "Connections.csv"
        csv_path.write_text(text)
        first, again, floors = [], [], []
        cli_first, cli_again, cli_floor, peak = [], [], [], 0.0
        for run in range(repeat):
            db = Path(tmp) / f"run{run}.db"
            upgrade(make_engine(f"sqlite:///{db}"))
            first.append(bench_import.timed_import(folder, db))
            again.append(bench_import.timed_import(folder, db))
            floors.append(bench_import.floor(text, Path(tmp) / f"floor{run}.db"))
            cli_db = Path(tmp) / f"cli{run}.db"
            argv = [sys.executable, "-m", "goodword", "--db", str(cli_db)]
            measured_run([*argv, "settings", "show"])  # create and migrate: not timed
            for out in (cli_first, cli_again):
                wall, mib, _ = measured_run([*argv, "import", "linkedin", str(folder), "--json"])
                out.append(wall)
                peak = max(peak, mib)
            floor_db = str(Path(tmp) / f"floor-process{run}.db")
            cli_floor.append(
                measured_run([sys.executable, "-c", FLOOR_IMPORT, str(csv_path), floor_db])[0]
            )
    m = statistics.median
    base, process = m(floors), m(cli_floor)
    floor, process_floor = "csv + one executemany", "the same as a process"
    return [
        seconds_row(
            f"import {rows:,} LinkedIn connections, in-process",
            "≤ 1 s",
            floor,
            m(first),
            base,
            m(first) <= 1.0,
        ),
        seconds_row(
            f"re-import of the same {rows:,}, in-process",
            "≤ 0.5 s",
            floor,
            m(again),
            base,
            m(again) <= 0.5,
        ),
        seconds_row(
            f"import {rows:,}, CLI process (peak {peak:.0f} MiB)",
            "≤ 4× floor",
            process_floor,
            m(cli_first),
            process,
            m(cli_first) <= 4 * process,
        ),
        seconds_row(
            f"re-import of the same {rows:,}, CLI process",
            "≤ 3× floor",
            process_floor,
            m(cli_again),
            process,
            m(cli_again) <= 3 * process,
        ),
    ]


def list_rows(people: int, repeat: int) -> list[Row]:
    r = bench_lists.in_process(people, repeat)
    db = str(bench_today.network(people).url.database)
    argv = [sys.executable, "-m", "goodword", "--db", db, "people", "list", "--json"]
    wall, peak = bench_lists.process(argv, max(3, repeat // 2))
    return [
        Row(
            f"`people list` on {people:,}: first page in-process",
            "≤ 0.3 s",
            f"the page's rows, raw SQL {_ms(r['floor_ms'])}",
            _ms(r["page_ms"]),
            f"{r['page_ms'] / r['floor_ms']:.1f}×",
            r["page_ms"] <= 300,
        ),
        Row(
            f"`people list --json` on {people:,}, whole process",
            "≤ 150 MiB",
            "–",
            f"{_s(wall)}, {peak:.0f} MiB",
            "–",
            peak <= 150,
        ),
    ]


def link_rows(seconds: int, repeat: int) -> list[Row]:
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt install wrk): the link rows are skipped")
        return []
    from benchmarks import bench_links

    r = bench_links.measure(seconds, 16, 2, repeat)
    visit, same, bare = r["GET /r/CODE"], r["same-work floor"], r["floor /healthz"]
    convert = r["POST conversions"]
    share = visit["rate"] / same["rate"]
    return [
        Row(
            "`GET /r/CODE`, 16 connections, 2 workers",
            "≥ 2,000/s, p99 ≤ 50 ms, ≥ 50 % of the same-work floor",
            f"bare Starlette + raw sqlite3 {same['rate']:,.0f}/s (`/healthz` {bare['rate']:,.0f}/s)",
            f"{visit['rate']:,.0f}/s, p99 {visit['p99']:.0f} ms",
            f"{share:.2f}",
            visit["rate"] >= 2000 and visit["p99"] <= 50 and share >= 0.5,
        ),
        Row(
            "conversions, 16 connections, 2 workers",
            "≥ 500/s",
            f"`/healthz` {bare['rate']:,.0f}/s",
            f"{convert['rate']:,.0f}/s, p99 {convert['p99']:.0f} ms",
            f"{convert['rate'] / bare['rate']:.2f}",
            convert["rate"] >= 500,
        ),
    ]


def encoding_rows(repeat: int) -> list[Row]:
    from goodword.semantic.encoder import available, local_encoder

    if not available():
        print("the semantic extra is not installed: the encoding row is skipped")
        return []
    import torch

    encoder = local_encoder()
    model = encoder._model  # type: ignore[attr-defined]
    texts = [f"senior {w} engineer for a payments team in Lisbon" for w in ("data", "ml", "web")]
    encoder.encode(["warm up"])

    def timed(fn: object) -> float:
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        return (time.perf_counter() - started) * 1000

    ours = statistics.median(timed(lambda t=t: encoder.encode([t])) for t in texts * max(3, repeat))
    torch.set_num_threads(1)
    floor = statistics.median(
        timed(lambda t=t: model.encode([t], normalize_embeddings=True, show_progress_bar=False))
        for t in texts * max(3, repeat)
    )
    return [
        Row(
            "match: encoding one query",
            "≤ 35 ms",
            f"the model itself, 1 thread {_ms(floor)}",
            _ms(ours),
            f"{ours / floor:.1f}×",
            ours <= 35,
        )
    ]


def rewrite_readme(lines: list[str]) -> None:
    text = README.read_text()
    if START not in text or END not in text:
        raise SystemExit(f"{README} has no {START} … {END} markers to rewrite between")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + START + "\n" + "\n".join(lines) + "\n" + END + tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes; README untouched")
    args = parser.parse_args()
    quick = args.quick
    repeat = 3 if quick else 9
    people = 1_000 if quick else 100_000
    load_before = os.getloadavg()
    started = time.perf_counter()
    rows: list[Row] = []
    for name, measure in (
        ("start", lambda: start_rows(repeat)),
        ("today", lambda: today_rows(people, repeat)),
        ("import", lambda: import_rows(5_000 if quick else 50_000, 3 if quick else 5)),
        ("import, PostgreSQL", lambda: postgres_import_rows(5_000 if quick else 50_000, 3)),
        ("lists", lambda: list_rows(people, repeat)),
        ("links", lambda: link_rows(3 if quick else 10, 1 if quick else 3)),
        ("encoding", lambda: encoding_rows(repeat)),
    ):
        print(f"measuring {name} …", flush=True)
        found = measure()
        for row in found:
            print(row.line(), flush=True)
        rows.extend(found)
    load_after = os.getloadavg()
    minutes = (time.perf_counter() - started) / 60
    peak = (
        max(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024
    )
    engines = "SQLite and PostgreSQL" if postgres_schemas.server_url() else "SQLite"
    lines = [
        f"Measured {date.today().isoformat()} by `python -m benchmarks.run_all` in {minutes:.0f} min "
        f"on this project's machine ({platform.machine()}, {os.cpu_count()} cores, CPython "
        f"{platform.python_version()}, {engines}); load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after; the largest process peaked at {peak:.0f} MiB "
        "(goal ≤ 1 GiB). Medians; each floor measured in the same run.",
        "",
        "| what | goal | floor (same run) | now | ratio | goal met |",
        "| --- | --- | --- | --- | ---: | --- |",
        *(row.line() for row in rows),
    ]
    print("\n".join(lines))
    if not quick:
        rewrite_readme(lines)
        print(f"{README} rewritten")


if __name__ == "__main__":
    main()
