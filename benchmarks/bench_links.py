"""Load on a program's public link and on the conversion endpoint, through a real server.

    python -m benchmarks.bench_links              # needs `wrk` (Debian: apt install wrk)
    python -m benchmarks.bench_links --seconds 10 --connections 16

Starts ``uvicorn goodword.web.server:app_from_env`` with 2 workers on a fresh SQLite file
(as ``goodword serve --workers 2`` does), then runs wrk on 127.0.0.1 for a bounded time:
``/r/CODE`` (lookup, recorded visit, landing page with its cookies), ``POST
/api/v1/programs/{id}/conversions`` (a distinct lead, order and Idempotency-Key per request,
each creating two rewards; the leads belong to 500 advocates), and ``/healthz`` — the
floor: the same server, stack and load generator answering without the database.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from goodword.programs.rules.checks import normalise_email
from goodword.programs.use_cases.advocates import enrol_advocate
from goodword.programs.use_cases.programs import create_program
from goodword.schemas.accounts import UserCreate
from goodword.schemas.programs import AdvocateCreate, ProgramCreate
from goodword.services.accounts import create_user
from goodword.services.api_tokens import create_token
from goodword.storage.base import table_of
from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade
from goodword.storage.tables import Lead
from goodword.storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
PORT = 8765
LEADS_PER_THREAD = 80_000  # the warm-up's and up to four runs' (RUN_LEADS each)
ADVOCATES = 500  # the leads are spread over them, as a real program's would be
RUN_LEADS = 15_000
"""Leads each wrk thread may convert in one run: a run starts past the earlier runs' leads
(``-- OFFSET``), so every run creates conversions and none replays an earlier one."""
CONVERT_LUA = """
local counter = 0
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args) counter = tonumber(args[1] or "0") end
function request()
  counter = counter + 1
  local body = string.format('{"email": "lead-%d-%d@example.com", "external_id": "o-%d-%d", '
    .. '"amount": "49.00", "currency": "USD"}', tid, counter, tid, counter)
  wrk.headers["Idempotency-Key"] = string.format("k-%d-%d", tid, counter)
  return wrk.format("POST", nil, nil, body)
end
"""


def prepare(path: Path, threads: int) -> tuple[str, int, str]:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    user = create_user(
        engine, UserCreate(email="owner@example.com", name="Owner", password="x" * 12), NOW
    )
    token = create_token(engine, user.id, "bench", NOW).secret
    uow = UnitOfWork(engine, user.personal_workspace_id)
    rules = ProgramCreate(
        name="Friends", advocate_reward="cash:50:USD", friend_reward="discount-code:10:%"
    )
    program = create_program(uow, rules, NOW)
    advocate = enrol_advocate(
        uow, program.id, AdvocateCreate(name="Ana Lee", email="ana@example.com"), NOW
    )
    advocates = [advocate.id] + [
        enrol_advocate(
            uow, program.id, AdvocateCreate(name=f"Advocate {n}", email=f"a{n}@example.com"), NOW
        ).id
        for n in range(1, ADVOCATES)
    ]
    rows = []
    for tid in range(threads):
        for n in range(1, LEADS_PER_THREAD + 1):
            email = f"lead-{tid}-{n}@example.com"
            rows.append(
                {
                    "workspace_id": user.personal_workspace_id,
                    "program_id": program.id,
                    "advocate_id": advocates[n % ADVOCATES],
                    "name": email,
                    "email": email,
                    "email_key": normalise_email(email),
                    "attributed_key": normalise_email(email),
                    "consent": True,
                    "source": "api",
                    "status": "new",
                    "flags": "[]",
                    "signals": "[]",
                    "review": "none",
                    "created_at": NOW,
                }
            )
    with engine.begin() as connection:
        connection.execute(insert(table_of(Lead)), rows)
    engine.dispose()
    return advocate.code, program.id, token


def wrk(url: str, seconds: int, connections: int, threads: int, *extra: str) -> dict[str, float]:
    """One wrk run; ``extra`` is wrk's options, then ``--`` and the script's arguments."""
    cut = extra.index("--") if "--" in extra else len(extra)
    options, script_args = list(extra[:cut]), list(extra[cut:])
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            *options,
            url,
            *script_args,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "rate": rate,
        "p50": p50,
        "p99": p99,
        "non_2xx": float(bad.group(1)) if bad else 0.0,
        "socket_errors": 1.0 if errors else 0.0,
    }


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _serve(app: str, port: int, env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            *extra,
            "--workers",
            "2",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except urllib.error.HTTPError:  # the floor app has no /healthz: it is up
            break
        except OSError:
            time.sleep(0.2)
    return server


def measure(
    seconds: int = 10, connections: int = 16, threads: int = 2, repeat: int = 3
) -> dict[str, dict[str, float]]:
    """Medians per endpoint: the floor ``/healthz``, ``GET /r/CODE``, the same-work floor
    (``benchmarks/link_floor_app``: the same lookup and insert on raw sqlite3 in bare
    Starlette) and ``POST …/conversions``, run interleaved so drift hits each alike."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "links.db"
        code, program_id, token = prepare(path, threads)
        env = {
            **os.environ,
            "GOODWORD_SERVE_URL": f"sqlite:///{path}",
            "GOODWORD_SERVE_LOOPBACK": "1",
            "GOODWORD_FLOOR_DB": str(path),
        }
        server = _serve("goodword.web.server:app_from_env", PORT, env, "--factory")
        floor = _serve("benchmarks.link_floor_app:app", PORT + 1, env)
        try:
            base, bare = f"http://127.0.0.1:{PORT}", f"http://127.0.0.1:{PORT + 1}"
            script = Path(folder) / "convert.lua"
            script.write_text(CONVERT_LUA)
            convert_url = f"{base}/api/v1/programs/{program_id}/conversions"
            convert_headers = (
                "-s",
                str(script),
                "-H",
                f"Authorization: Bearer {token}",
                "-H",
                "Content-Type: application/json",
            )
            wrk(f"{base}/r/{code}", 2, connections, threads)  # warm-up
            wrk(f"{bare}/r/{code}", 2, connections, threads)
            wrk(convert_url, 2, connections, threads, *convert_headers, "--", "0")
            load = (seconds, connections, threads)
            runs: dict[str, list[dict[str, float]]] = {
                "floor /healthz": [],
                "GET /r/CODE": [],
                "same-work floor": [],
                "POST conversions": [],
            }
            for run in range(1, repeat + 1):
                runs["floor /healthz"].append(wrk(f"{base}/healthz", *load))
                runs["GET /r/CODE"].append(wrk(f"{base}/r/{code}", *load))
                runs["same-work floor"].append(wrk(f"{bare}/r/{code}", *load))
                offset = str(run * RUN_LEADS)
                runs["POST conversions"].append(
                    wrk(convert_url, *load, *convert_headers, "--", offset)
                )
        finally:
            for process in (server, floor):
                process.terminate()
                process.wait(timeout=30)
    return {
        name: {key: statistics.median(r[key] for r in found) for key in found[0]}
        for name, found in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs per endpoint (medians)")
    args = parser.parse_args()
    results = measure(args.seconds, args.connections, args.threads, args.repeat)
    print(
        f"{args.connections} connections, {args.seconds} s per run, medians of {args.repeat} runs"
    )
    print(f"{'endpoint':<18} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, r in results.items():
        print(
            f"{name:<18} {r['rate']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['non_2xx']:>8.0f}"
        )


if __name__ == "__main__":
    main()
