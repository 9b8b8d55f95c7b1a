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
from goodword.domain.limits import MAX_ID
from goodword.services import backups, server_backups

WorkspaceOpt = Annotated[
    int | None,
    typer.Option(
        "--workspace",
        min=1,
        max=MAX_ID,
        help="That workspace (a team's, an account's) instead of this CLI's own.",
    ),
]


def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The JSON file to write.")],
    workspace: WorkspaceOpt = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all", help="Every workspace and the accounts that open them (a server's owner)."
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Write everything in this workspace to one JSON file (confidential names included:
    keep it safe; it is written readable by you alone).

    Example: goodword backup ~/goodword-2026-11-22.json
    Example: goodword backup --all ~/server-2026-11-22.json
    """
    if everything and workspace is not None:
        raise InvalidValue("give --all or --workspace, not both")
    _, engine, _ = deps.state(ctx).engine()
    if everything:
        document = server_backups.backup_server(engine, deps.clock())
    elif workspace is not None:
        document = backups.backup(server_backups.workspace_uow(engine, workspace), deps.clock())
    else:
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
    workspace: WorkspaceOpt = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge", help="Restore next to existing data instead of into an empty database."
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Restore a backup into an empty database (or, with --merge, next to what is there);
    a backup written with --all brings back every workspace and account.

    Example: goodword --db ~/restored.db restore ~/goodword-2026-11-22.json
    Example: goodword restore team.json --workspace 3
    """
    source = path.expanduser()
    if not source.is_file():
        raise InvalidValue(f"{path} does not exist")
    try:
        text = source.read_text("utf-8")
    except UnicodeDecodeError:
        raise InvalidValue(f"{path.name} is not UTF-8 text: is it a goodword backup?") from None
    _, engine, _ = deps.state(ctx).engine()
    document = backups.parse(text)
    if server_backups.is_server_backup(document):
        if merge or workspace is not None:
            raise InvalidValue("a whole server's backup restores into an empty database only")
        counts = server_backups.restore_server(engine, document)
        emit(as_json, {"tables": counts}, lambda r: done(_restored(r["tables"])))
        return
    if workspace is not None:
        work = server_backups.workspace_uow(engine, workspace)
        report = backups.restore_document(work, document, merge=merge, fresh_ids=True)
    else:
        report = backups.restore_document(deps.uow(ctx), document, merge=merge)
    emit(as_json, report, lambda r: done(_restored(r.tables)))


def _restored(tables: dict[str, int]) -> str:
    return "restored " + ", ".join(f"{n} {t}" for t, n in tables.items() if n)
