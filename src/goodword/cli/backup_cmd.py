"""``goodword backup`` and ``goodword restore``: everything, losslessly, as one JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.files import write_atomically
from goodword.cli.options import Json
from goodword.cli.render import done, emit
from goodword.domain.errors import InvalidValue
from goodword.services import backups


def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The JSON file to write.")],
    as_json: Json = False,
) -> None:
    """Write everything in this workspace to one JSON file (confidential names included:
    keep it safe).

    Example: goodword backup ~/goodword-2026-11-22.json
    """
    document = backups.backup(deps.uow(ctx), deps.clock())
    write_atomically(path.expanduser(), document.encode("utf-8"))
    emit(
        as_json,
        {"path": str(path), "bytes": len(document.encode("utf-8"))},
        lambda r: done(f"backed up to {r['path']} ({r['bytes']:,} bytes)"),
    )


def restore(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A file written by goodword backup.")],
    merge: Annotated[
        bool,
        typer.Option(
            "--merge", help="Restore next to existing data instead of into an empty database."
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Restore a backup into an empty database (or, with --merge, next to what is there).

    Example: goodword --db ~/restored.db restore ~/goodword-2026-11-22.json
    """
    source = path.expanduser()
    if not source.is_file():
        raise InvalidValue(f"{path} does not exist")
    try:
        text = source.read_text("utf-8")
    except UnicodeDecodeError:
        raise InvalidValue(f"{path.name} is not UTF-8 text: is it a goodword backup?") from None
    report = backups.restore(deps.uow(ctx), text, merge=merge)
    emit(
        as_json,
        report,
        lambda r: done("restored " + ", ".join(f"{n} {t}" for t, n in r.tables.items() if n)),
    )
