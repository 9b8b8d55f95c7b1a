"""``goodword export …``: take your data out in formats other tools read."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.files import write_atomically
from goodword.cli.options import Json
from goodword.cli.render import done, emit
from goodword.domain.dates import parse_as_of
from goodword.services import exports

app = typer.Typer(help="Export: the agenda as a calendar.", no_args_is_help=True)


@app.command("ics")
def ics(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="File to write, or - for standard output.")
    ] = Path("goodword.ics"),
    on: Annotated[str | None, typer.Option("--on", help="The agenda of this day.")] = None,
    as_json: Json = False,
) -> None:
    """Write the agenda as an iCalendar file your calendar app can import; re-importing a
    newer export updates the same events.

    Example: goodword export ics --out ~/goodword.ics
    """
    now = deps.clock()
    data, count = exports.agenda_ics(deps.uow(ctx), now, parse_as_of(on, now))
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        return
    write_atomically(out.expanduser(), data)
    emit(
        as_json,
        {"path": str(out), "events": count},
        lambda r: done(f"wrote {r['events']} events to {r['path']}"),
    )
