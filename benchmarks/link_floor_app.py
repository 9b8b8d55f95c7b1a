"""The same-work floor for ``GET /r/CODE``: a bare Starlette app doing what a visit must do
— look the code up, insert the visit, answer a page of the same size with the two cookies —
on raw sqlite3 with the statements written once. What any framework-free server would cost.

    GOODWORD_FLOOR_DB=links.db uvicorn benchmarks.link_floor_app:app --workers 2
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

LOOKUP = (
    "SELECT advocates.id, advocates.workspace_id, advocates.name, programs.id, programs.name "
    "FROM advocates JOIN programs ON programs.id = advocates.program_id WHERE advocates.code = ?"
)
INSERT = (
    "INSERT INTO visits (workspace_id, program_id, advocate_id, at, ip, device_id) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
PAGE = "<!doctype html><title>{program}</title><p>{name} invited you</p>" + "x" * 2400
_local = threading.local()


def _db() -> sqlite3.Connection:
    connection: sqlite3.Connection | None = getattr(_local, "db", None)
    if connection is None:
        connection = sqlite3.connect(os.environ["GOODWORD_FLOOR_DB"], isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=5000")
        _local.db = connection
    return connection


def visit(request: Request) -> Response:
    db = _db()
    row = db.execute(LOOKUP, (request.path_params["code"],)).fetchone()
    if row is None:
        return HTMLResponse("no such link", 404)
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    ip = request.client.host if request.client else None
    db.execute(INSERT, (row[1], row[3], row[0], now, ip, secrets.token_urlsafe(16)))
    response = HTMLResponse(PAGE.format(program=row[4], name=row[2]))
    response.set_cookie(f"gw_ref_{row[3]}", secrets.token_urlsafe(24), httponly=True)
    response.set_cookie("gw_device", secrets.token_urlsafe(16), httponly=True)
    return response


app = Starlette(routes=[Route("/r/{code}", visit)])
