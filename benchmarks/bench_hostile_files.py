"""Zip bombs and oversized files: how fast they are refused and in how little memory.

    python -m benchmarks.bench_hostile_files --repeat 5

The bombs are the ones the probe used: a zip of under a megabyte holding a 300 MB CSV,
once as ``Connections.csv`` (a file goodword reads: refused) and once as ``messages.csv``
beside a real export (a file it does not read: never unpacked, the export imports). Timed:

- the CLI, `goodword --db … import linkedin BOMB.zip`, as a process: wall time and peak
  RSS. Floor: `python -c "import typer, rich, sqlalchemy"` in the same run;
- the server: the same bomb uploaded to `POST /api/v1/imports/linkedin` of an app in a
  fresh process: the request's wall time, and the process's peak RSS before and after.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from benchmarks.bench_lists import measured_run

FIXTURE = Path(__file__).parent.parent / "tests" / "fixtures" / "linkedin" / "current"
ROW = b"Ana,Silva,https://www.linkedin.com/in/ana,,Acme,Engineer,05 Jun 2023\n"
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def bomb(path: Path, member: str, megabytes: int, with_export: bool) -> Path:
    block = ROW * (2**20 // len(ROW))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if with_export:
            for file in FIXTURE.iterdir():
                archive.write(file, file.name)
        with archive.open(member, "w", force_zip64=True) as stream:
            stream.write(HEADER)
            for _ in range(megabytes):
                stream.write(block)
    return path


def timed(argv: list[str], repeat: int) -> tuple[float, int, int]:
    """Median wall seconds, the largest peak RSS (MiB) and the exit code of ``argv``."""
    runs = [measured_run(argv, check=False) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), int(max(r[1] for r in runs)), runs[-1][2]


SERVER = """
import resource, sys, time
from datetime import UTC, datetime
from fastapi.testclient import TestClient
from goodword.schemas.accounts import UserCreate
from goodword.services.accounts import create_user
from goodword.services.api_tokens import create_token
from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade
from goodword.web.app import create_app
now = datetime(2026, 11, 22, tzinfo=UTC)
engine = make_engine("sqlite:///" + sys.argv[1])
upgrade(engine)
user = create_user(engine, UserCreate(email="a@example.com", name="A", password="x" * 12), now)
token = create_token(engine, user.id, "bench", now).secret
app = create_app(engine, lambda: now, hosts=["testserver"])
client = TestClient(app, headers={"Authorization": "Bearer " + token})
client.get("/healthz")
data = open(sys.argv[2], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
started = time.perf_counter()
answer = client.post("/api/v1/imports/linkedin", files={"file": ("x.zip", data, "application/zip")})
took = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(answer.status_code, round(took, 3), before, after)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--megabytes", type=int, default=300)
    args = parser.parse_args()
    goodword = str(Path(sys.executable).parent / "goodword")
    floor = timed([sys.executable, "-c", "import typer, rich, sqlalchemy"], args.repeat)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    start = timed([goodword, "--version"], args.repeat)
    print(f"floor (import typer, rich, sqlalchemy): {floor[0]:.2f} s, {floor[1]} MiB")
    print(f"goodword --version (the CLI's own start): {start[0]:.2f} s, {start[1]} MiB")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        cases = {
            "read member (Connections.csv)": bomb(
                base / "read.zip", "Connections.csv", args.megabytes, False
            ),
            "unread member (messages.csv)": bomb(
                base / "unread.zip", "messages.csv", args.megabytes, True
            ),
        }
        print(
            "| bomb | zip size | CLI exit | CLI median s | ÷ floor | CLI peak MiB "
            "| server status | server s | server MiB before → peak |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for label, path in cases.items():
            db = base / f"{path.stem}.db"
            wall, peak, code = timed(
                [goodword, "--db", str(db), "import", "linkedin", str(path)], args.repeat
            )
            served = subprocess.run(
                [sys.executable, "-c", SERVER, str(base / f"{path.stem}-server.db"), str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            size = path.stat().st_size / 2**20
            print(
                f"| {label} | {size:.2f} MB | {code} | {wall:.2f} | {wall / floor[0]:.1f}× "
                f"| {peak} | {served[0]} | {served[1]} | {served[2]} → {served[3]} |"
            )


if __name__ == "__main__":
    main()
