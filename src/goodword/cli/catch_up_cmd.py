"""``goodword catch-up``: what history left unsettled — thank the few most recent, file the
rest as history."""

from __future__ import annotations

import textwrap
from typing import Annotated

import typer
from rich.text import Text

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import console, day, done, emit, table
from goodword.services import catch_up
from goodword.services.catch_up import CatchUpPublic, FiledPublic

app = typer.Typer(
    help="History's loose ends: thanks never recorded, asks never answered.",
    no_args_is_help=True,
)
COMMANDS = {
    "recommendation": "goodword recs thank {id} --via email",
    "endorsement": "goodword recs thank {id} --via email",
    "referral": "goodword referrals thank {id} --via note",
    "ask": "goodword asks answer {id} no-response",
}


def show(result: CatchUpPublic) -> None:
    if not result.counts:
        console.print(Text("Nothing from history is waiting: all caught up.", "green"))
        return
    table(
        "From your history",
        ["what", "how many", "from", "to"],
        [[c.kind, f"{c.count:,}", day(c.first), day(c.last)] for c in result.counts],
    )
    for act in result.recent:
        console.print(Text(f"{act.kind} · {act.person.name} · {day(act.at)}", "bold"))
        if act.draft:
            console.print(
                textwrap.indent(f"Subject: {act.draft.subject}\n\n{act.draft.body}", "    ")
            )
        console.print(Text("    done: " + COMMANDS[act.kind].format(id=act.id), "dim"))
    console.print(
        Text("File the rest as history: goodword catch-up file (they still count).", "cyan")
    )


@app.command("show")
def show_cmd(
    ctx: typer.Context,
    recent: Annotated[int, typer.Option(min=0, max=20, help="How many recent ones to draft.")] = 3,
    as_json: Json = False,
) -> None:
    """What history left unsettled, with thank-you drafts for the most recent.

    Example: goodword catch-up show
    """
    emit(as_json, catch_up.show_catch_up(deps.uow(ctx), deps.clock(), recent), show)


@app.command("file")
def file_cmd(
    ctx: typer.Context,
    keep_recent: Annotated[
        int, typer.Option(min=0, max=100, help="Leave the N most recent thanks to do.")
    ] = 0,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: Json = False,
) -> None:
    """File what history left unsettled as history: no duty is owed for it any more (asks
    close as no-response); it keeps counting in your ledger and strength.

    Example: goodword catch-up file --keep-recent 3
    """
    if not yes and not as_json:
        found = catch_up.show_catch_up(deps.uow(ctx), deps.clock(), 0)
        total = sum(c.count for c in found.counts)
        if not total:
            done("nothing from history is waiting")
            return
        typer.confirm(f"File {total:,} acts from history (keeping {keep_recent})?", abort=True)
    result = catch_up.file_history(deps.uow(ctx), deps.clock(), keep_recent)
    emit(as_json, result, _said)


def _said(r: FiledPublic) -> None:
    if not r.filed:
        done("nothing from history is waiting: all caught up")
        return
    parts = ", ".join(f"{n:,} {kind}{'s' if n != 1 else ''}" for kind, n in r.filed.items())
    done(f"filed as history: {parts}" + (f"; {r.kept} kept to thank" if r.kept else ""))
