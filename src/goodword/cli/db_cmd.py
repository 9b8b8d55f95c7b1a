"""``goodword db …``: the database's schema version."""

from __future__ import annotations

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import done, emit, fields
from goodword.storage.engine import describe, make_engine, resolve_url
from goodword.storage.migrate import current_revision, head_revision, upgrade

app = typer.Typer(help="Database schema: upgrade, current.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_(ctx: typer.Context, as_json: Json = False) -> None:
    """Create or upgrade the database to the newest schema (also done automatically).

    Example: goodword --db postgresql://me@localhost/goodword db upgrade
    """
    url, _ = resolve_url(deps.state(ctx).db)
    engine = make_engine(url)
    try:
        before = current_revision(engine)
        upgrade(engine)
        info = {"database": describe(url), "from": before, "to": current_revision(engine)}
    finally:
        engine.dispose()
    emit(as_json, info, lambda i: done(f"{i['database']} is at {i['to']} (was {i['from']})"))


@app.command("current")
def current(ctx: typer.Context, as_json: Json = False) -> None:
    """Show the database's schema revision and the newest one this goodword knows.

    Example: goodword db current --json
    """
    url, _ = resolve_url(deps.state(ctx).db)
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision()
    info = {
        "database": describe(url),
        "current": revision,
        "head": head,
        "up_to_date": revision == head,
    }
    emit(as_json, info, lambda i: fields(list(i.items())))
