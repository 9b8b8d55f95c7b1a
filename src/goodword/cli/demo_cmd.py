"""``goodword demo``: a realistic sample network to explore, in its own database."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn

from goodword.cli import deps
from goodword.cli.agenda_cmd import show_agenda
from goodword.cli.options import Json
from goodword.cli.render import console, day, emit, table
from goodword.domain.milestones import Stage
from goodword.services import agenda, summary
from goodword.services import demo as demo_service
from goodword.services.agenda import AgendaPublic
from goodword.storage.engine import describe
from goodword.storage.unit_of_work import UnitOfWork


def _show(result: dict[str, object]) -> None:
    s = summary.NetworkSummary.model_validate(result["summary"])
    console.print(
        f"[bold]Demo network ready[/bold] in {escape(str(result['location']))}", soft_wrap=True
    )
    console.print(
        f"{s.people} people across {s.organizations} organizations, {s.interactions} interactions"
    )
    table(
        "Referrals by stage",
        ["stage", "received", "given"],
        [
            [
                stage.value,
                s.received_by_stage.get(stage.value, ""),
                s.given_by_stage.get(stage.value, ""),
            ]
            for stage in Stage
        ],
    )
    table(
        "Open asks",
        ["id", "asked", "person", "kind", "follow-up"],
        [
            [a.id, day(a.asked_at), a.person.name, a.kind, day(a.followed_up_at)]
            for a in s.open_asks
        ],
        empty="none",
    )
    table(
        "Reciprocity leaders (you owe them)",
        ["person", "they gave", "you gave", "balance"],
        [
            [r.person.name, r.they_gave_points, r.you_gave_points, f"{r.balance:+d}"]
            for r in s.reciprocity_leaders
        ],
        empty="nobody",
    )
    top = AgendaPublic.model_validate(result["agenda"])
    console.print()
    show_agenda(top, f"Top of today's agenda ({sum(top.counts.values())} items in all)")
    db = result["db_option"]
    console.print("\nKeep exploring:")
    for command in (
        "today",
        "people list",
        "referrals list",
        "asks list --status pending",
        "balance --limit 10",
        "people show 1",
        "serve  (the same network in your browser, at http://127.0.0.1:8000/)",
    ):
        console.print(  # whole lines: commands are copied, never wrapped
            "  " + " ".join(part for part in ("goodword", str(db), command) if part),
            markup=False,
            soft_wrap=True,
        )


def demo(
    ctx: typer.Context,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the data in a database that holds your own data."),
    ] = False,
    as_json: Json = False,
) -> None:
    """Fill a demo database with a realistic sample network and show its state.

    The demo lives in its own database (demo.db in your data folder) unless you choose one
    with --db or GOODWORD_DATABASE_URL; it never overwrites your own data unless --force.
    Two runs on the same day build the same network.

    Example: goodword demo
    """
    url, engine, chosen = deps.state(ctx).engine(default_name="demo")
    now = deps.clock()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        transient=True,
        console=console,
        disable=as_json,
    ) as progress:
        progress.add_task("Building the demo network…", total=None)
        workspace_id = demo_service.build_demo(engine, now, force=force, where=describe(url))
    network = summary.summarize(UnitOfWork(engine, workspace_id))
    top = agenda.today(UnitOfWork(engine, workspace_id), now, limit=5)
    typed = deps.state(ctx).db
    if typed:  # echo back what the user typed, password hidden
        db_arg = describe(typed) if "://" in typed else typed
    else:
        db_arg = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else describe(url)
    result = {
        "database": describe(url),
        "location": db_arg,
        # With GOODWORD_DATABASE_URL set, every command already uses it: no --db needed.
        "db_option": "" if chosen and not typed else f"--db {shlex.quote(db_arg)}",
        "chosen": chosen,
        "summary": network.model_dump(mode="json"),
        "agenda": top.model_dump(mode="json"),
    }
    emit(as_json, result, _show)
