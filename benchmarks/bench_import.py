"""How long importing a 50,000-row LinkedIn Connections.csv takes, first and again.

    python -m benchmarks.bench_import

Times the import use case (read the export, recognise people, insert the new ones, one
transaction) on a fresh SQLite database, then re-importing the same file into the filled
one. The floor, measured in the same run: parsing the CSV with the csv module plus one
bulk insert of the rows in one transaction — the least any import could cost.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import postgres_schemas
from goodword.interop import linkedin
from goodword.services.importing import import_batch
from goodword.services.workspaces import ensure_workspace
from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade
from goodword.storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def connections_csv(rows: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    out = io.StringIO()
    out.write('Notes:\n"Some email addresses may be missing."\n\n')
    writer = csv.writer(out)
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for n in range(rows):
        first, last = f"First{n}", f"Last{rng.randint(0, 9999)}"
        email = f"person{n}@example.com" if rng.random() < 0.3 else ""
        writer.writerow(
            [
                first,
                last,
                f"https://www.linkedin.com/in/person-{n}",
                email,
                f"Company {rng.randint(1, 3000)}",
                rng.choice(["CTO", "Engineer"]),
                f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2010, 2026)}",
            ]
        )
    return out.getvalue()


def timed_import(folder: Path, db: Path | str) -> float:
    """The import use case on a SQLite file (a path) or any database URL."""
    engine = make_engine(db if isinstance(db, str) else f"sqlite:///{db}")
    uow = UnitOfWork(engine, ensure_workspace(engine, "local", NOW))
    started = time.perf_counter()
    import_batch(uow, linkedin.read_export(folder), NOW)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def floor(text: str, db: Path) -> float:
    started = time.perf_counter()
    lines = text.splitlines()[3:]
    rows = list(csv.reader(lines))[1:]
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE IF NOT EXISTS floor (a, b, c, d, e, f, g)")
    with connection:
        connection.executemany("INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    connection.close()
    return time.perf_counter() - started


def floor_postgres(text: str, url: str) -> float:
    """The same floor through psycopg: parse, then one ``executemany`` into a new table."""
    engine = make_engine(url)
    started = time.perf_counter()
    rows = list(csv.reader(text.splitlines()[3:]))[1:]
    connection = engine.raw_connection()
    cursor = connection.cursor()
    cursor.execute("CREATE TABLE floor (a text, b text, c text, d text, e text, f text, g text)")
    cursor.executemany("INSERT INTO floor VALUES (%s, %s, %s, %s, %s, %s, %s)", rows)
    connection.commit()
    connection.close()
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def on_postgres(base: str, rows: int, repeat: int) -> tuple[float, float, float]:
    """Medians of the first import, the re-import and the floor, each in a fresh schema of
    the PostgreSQL server at ``base``."""
    first, again, floors = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = connections_csv(rows)
        (folder / "Connections.csv").write_text(text)
        for _ in range(repeat):
            url = postgres_schemas.fresh(base, "gw_bench_import")
            first.append(timed_import(folder, url))
            again.append(timed_import(folder, url))
            floors.append(floor_postgres(text, postgres_schemas.fresh(base, "gw_bench_floor")))
        for schema in ("gw_bench_import", "gw_bench_floor"):
            postgres_schemas.drop(base, schema)
    m = statistics.median
    return m(first), m(again), m(floors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="on the server of GOODWORD_BENCH_POSTGRES_URL (or GOODWORD_TEST_POSTGRES_URL)",
    )
    args = parser.parse_args()
    fmt = "{:.2f}".format
    print("| rows | first import s | re-import s | floor s | first ÷ floor |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    if args.postgres:
        base = postgres_schemas.server_url()
        if not base:
            raise SystemExit("--postgres: set GOODWORD_BENCH_POSTGRES_URL to a PostgreSQL server")
        f, a, fl = on_postgres(base, args.rows, args.repeat)
        print(f"| {args.rows:,} | {fmt(f)} | {fmt(a)} | {fmt(fl)} | {f / fl:.1f}× |")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        folder.mkdir()
        text = connections_csv(args.rows)
        (folder / "Connections.csv").write_text(text)
        first, again, floors = [], [], []
        for run in range(args.repeat):
            db = Path(tmp) / f"run{run}.db"
            upgrade(make_engine(f"sqlite:///{db}"))
            first.append(timed_import(folder, db))
            again.append(timed_import(folder, db))
            floors.append(floor(text, Path(tmp) / f"floor{run}.db"))
    f, a, fl = (statistics.median(x) for x in (first, again, floors))
    print(f"| {args.rows:,} | {fmt(f)} | {fmt(a)} | {fmt(fl)} | {f / fl:.1f}× |")


if __name__ == "__main__":
    main()
