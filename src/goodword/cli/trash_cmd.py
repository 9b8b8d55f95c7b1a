"""``goodword trash …`` and every ``delete``: a deleted record waits 30 days in the trash."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_list, paging
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit
from goodword.services import deletions
from goodword.services.deletions import TrashedPublic
from goodword.services.import_undo import counted

app = typer.Typer(help="Deleted records, kept 30 days: list, restore, empty.", no_args_is_help=True)
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def _removed(removed: dict[str, int]) -> str:
    return ", ".join(counted(table, n) for table, n in removed.items())


def remove(ctx: typer.Context, kind: str, record_id: int, yes: bool, as_json: bool) -> None:
    """Move one record to the trash, after saying what goes with it."""
    if not yes:
        impact = deletions.deletion_impact(deps.uow(ctx), kind, record_id)
        typer.confirm(
            f"Move {impact.label} (#{record_id}) to the trash, with {_removed(impact.removed)}?",
            abort=True,
        )
    result = deletions.delete_record(deps.uow(ctx), kind, record_id, deps.clock())
    emit(
        as_json,
        result,
        lambda r: done(
            f"{r.label} moved to the trash with {_removed(r.removed)}; "
            f"`goodword trash restore {r.id}` brings it back until {day(r.keep_until)}"
        ),
    )


TRASH: Columns[TrashedPublic] = Columns(
    "Trash",
    ["entry", "deleted", "what", "record", "with it", "kept until"],
    lambda t: [t.id, day(t.deleted_at), t.kind, t.label, _removed(t.removed), day(t.keep_until)],
    empty="the trash is empty",
)


@app.command("list")
def list_trash(
    ctx: typer.Context,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """What was deleted in the last 30 days, newest first.

    Example: goodword trash list
    """
    p = paging(limit, every, as_json, as_jsonl)
    found = deletions.list_trash(deps.uow(ctx))
    emit_list(TRASH, found[: p.take] if p.take else found, len(found), p)


@app.command("restore")
def restore(
    ctx: typer.Context,
    entry: Annotated[int, typer.Argument(help="The entry (goodword trash list).")],
    as_json: Json = False,
) -> None:
    """Bring a deleted record back, with everything that went with it.

    Example: goodword trash restore 3
    """
    result = deletions.restore(deps.uow(ctx), entry, deps.clock())
    emit(as_json, result, lambda r: done(f"{r.label} is back (#{r.record_id})"))


@app.command("empty")
def empty(ctx: typer.Context, yes: Yes = False, as_json: Json = False) -> None:
    """Delete everything in the trash for good.

    Example: goodword trash empty --yes
    """
    if not yes:
        typer.confirm("Delete everything in the trash for good?", abort=True)
    count = deletions.empty_trash(deps.uow(ctx))
    emit(as_json, {"emptied": count}, lambda r: done(f"{r['emptied']} entries deleted for good"))
