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
from goodword.services import contact_exports, exports

app = typer.Typer(help="Export: the agenda as a calendar, CSV files, vCard.", no_args_is_help=True)


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
    data, count = exports.agenda_ics(deps.uow(ctx), now, on)
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        return
    write_atomically(out.expanduser(), data)
    emit(
        as_json,
        {"path": str(out), "events": count},
        lambda r: done(f"wrote {r['events']} events to {r['path']}"),
    )


@app.command("csv")
def csv_files(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder for people.csv, referrals.csv, asks.csv, interactions.csv.",
        ),
    ] = Path("goodword-export"),
    as_json: Json = False,
) -> None:
    """Export people, referrals, asks and interactions as CSV files (one each).

    Example: goodword export csv --out ~/goodword-export
    """
    files = contact_exports.csv_files(deps.uow(ctx))
    folder = out.expanduser()
    for name, content in files.items():
        write_atomically(folder / name, content.encode("utf-8"))
    emit(
        as_json,
        {"folder": str(folder), "files": sorted(files)},
        lambda r: done(f"wrote {', '.join(r['files'])} to {r['folder']}"),
    )


@app.command("vcard")
def vcard_file(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="The .vcf file to write.")] = Path(
        "goodword.vcf"
    ),
    as_json: Json = False,
) -> None:
    """Export everyone as vCard 3.0, for a phone's address book (or goodword itself).

    Example: goodword export vcard --out ~/contacts.vcf
    """
    text, count = contact_exports.vcard_file(deps.uow(ctx))
    write_atomically(out.expanduser(), text.encode("utf-8"))
    emit(
        as_json,
        {"path": str(out), "cards": count},
        lambda r: done(f"wrote {r['cards']} cards to {r['path']}"),
    )
