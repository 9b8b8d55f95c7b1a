"""``goodword today``: what the practice says to do, in order, with reasons and drafts."""

from __future__ import annotations

import textwrap
from typing import Annotated

import typer
from rich.text import Text

from goodword.cli import deps
from goodword.cli.first_run import ask_name_once
from goodword.cli.options import Json
from goodword.cli.render import console, day, emit
from goodword.domain.agenda_items import ItemKind
from goodword.services import agenda
from goodword.services.agenda import AgendaPublic

KINDS = ", ".join(k.value for k in ItemKind)


def _indented(text: str) -> str:
    width = max(40, console.width - 1)
    return textwrap.fill(
        text, width, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
    )


def show_agenda(result: AgendaPublic, title: str | None = None) -> None:
    if not result.items:
        console.print(Text("Nothing owed today. A good day to check in with someone.", "green"))
        return
    total = sum(result.counts.values())
    heading = title or f"Today, {day(result.on)}: {total} thing{'s' if total != 1 else ''} to do"
    console.print(Text(heading, "bold"))
    for number, item in enumerate(result.items, 1):
        late = f", {item.overdue}" if item.overdue_days else ""
        who = f" · {item.person.name}" if item.person else ""
        line = Text(f"{number:>2}. ", "dim")
        line.append(item.kind, "bold red" if item.overdue_days else "bold")
        line.append(f"{who} · due {day(item.due)}{late}")
        console.print(line)
        console.print(Text(_indented(item.reason)))
        console.print(Text(_indented(f"draft: {item.draft}"), "cyan"))
        console.print(Text(_indented(f"done:  {item.done}"), "dim"))
    shown, total = len(result.items), sum(result.counts.values())
    if shown < total:
        console.print(Text(f"… and {total - shown} more (--limit to see more)", "dim"))


def today(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", help="The agenda as it stood on this day (YYYY-MM-DD) instead of now."
        ),
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help=f"Only these kinds (repeatable): {KINDS}.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many items.")] = None,
    as_json: Json = False,
) -> None:
    """What you owe to whom today, and why — most important first, each with its draft.

    Example: goodword today --limit 10
    """
    ask_name_once(ctx)
    now = deps.clock()
    result = agenda.today(deps.uow(ctx), now, on, kind or [], limit)
    emit(as_json, result, show_agenda)
