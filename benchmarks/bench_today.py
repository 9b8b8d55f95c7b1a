"""How long `goodword today` takes on a large network, and how many queries it sends.

    python benchmarks/bench_today.py            # builds the networks on first run

Measures the agenda use case (facts gathered in SQL, rules applied in Python) on a
synthetic network of 1,000 and 100,000 people on SQLite, as medians over repeated runs,
next to a floor measured in the same run: the very same SQL statements replayed on a raw
sqlite3 connection and their rows fetched — what the database alone costs, before any
Python turns rows into facts and facts into an agenda.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from sqlalchemy import Engine, event

from benchmarks import postgres_schemas
from benchmarks.synthetic_network import NOW, build, build_postgres, scale
from goodword.services.agenda import agenda_items
from goodword.storage.engine import make_engine
from goodword.storage.unit_of_work import UnitOfWork

DATA = Path(__file__).parent / ".data"


def network(people: int, postgres: str | None = None) -> Engine:
    """The synthetic network of ``people``: a SQLite file kept in benchmarks/.data, or a
    kept schema on the PostgreSQL server at ``postgres``."""
    if postgres:
        return build_postgres(postgres, people)
    path = DATA / f"network-{people}.db"
    if not path.exists():
        print(f"building {path} …", flush=True)
        build(path, people).dispose()
    return make_engine(f"sqlite:///{path}")


def timed(fn: object, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def measure(people: int, repeat: int, postgres: str | None = None) -> dict[str, float | int]:
    engine = network(people, postgres)
    uow = UnitOfWork(engine, 1)
    statements: list[tuple[str, object]] = []

    def count(*args: object) -> None:
        statements.append((str(args[2]), args[3]))

    event.listen(engine, "before_cursor_execute", count)
    items = agenda_items(uow, NOW)  # also warms the caches
    queries = len(statements)
    event.remove(engine, "before_cursor_execute", count)
    samples = timed(lambda: agenda_items(uow, NOW), repeat)

    raw = engine.raw_connection()

    def floor() -> None:
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            cursor.fetchall()
        cursor.close()

    floors = timed(floor, repeat)
    raw.close()
    engine.dispose()
    return {
        "people": people,
        "items": len(items),
        "queries": queries,
        "median_ms": statistics.median(samples),
        "p90_ms": sorted(samples)[int(0.9 * (len(samples) - 1))],
        "floor_ms": statistics.median(floors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="on the server of GOODWORD_BENCH_POSTGRES_URL (or GOODWORD_TEST_POSTGRES_URL)",
    )
    args = parser.parse_args()
    postgres = postgres_schemas.server_url() if args.postgres else None
    if args.postgres and not postgres:
        raise SystemExit("--postgres: set GOODWORD_BENCH_POSTGRES_URL to a PostgreSQL server")
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {'PostgreSQL' if postgres else 'SQLite'}, day {NOW.date()}"
    )
    print(
        "| people | interactions | referrals | asks | items | queries | median ms | "
        "p90 ms | SQL alone ms | median ÷ SQL |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for people in args.sizes:
        r = measure(people, args.repeat, postgres)
        s = scale(people)
        print(
            f"| {people:,} | {s['interactions']:,} | {s['referrals']:,} | {s['asks']:,} | "
            f"{r['items']} | {r['queries']} | {r['median_ms']:.1f} | {r['p90_ms']:.1f} | "
            f"{r['floor_ms']:.2f} | {r['median_ms'] / r['floor_ms']:.0f}× |",
            flush=True,
        )


if __name__ == "__main__":
    main()
