"""``goodword interactions …`` and ``goodword log``: what happened with whom, and how it felt."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_list, paging
from goodword.cli.options import Json, When
from goodword.cli.render import day, done, emit
from goodword.domain.vocabulary import InteractionKind, Sentiment
from goodword.schemas.network import InteractionCreate, InteractionPublic
from goodword.services import interactions

app = typer.Typer(help="Interactions: log one, list them.", no_args_is_help=True)

KINDS = ", ".join(k.value for k in InteractionKind)
SENTIMENTS = ", ".join(s.value for s in Sentiment)


@app.command("log")
def log(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    kind: Annotated[str, typer.Option("--kind", "-k", help=f"One of: {KINDS}.")] = "meeting",
    sentiment: Annotated[
        str, typer.Option("--sentiment", "-s", help=f"One of: {SENTIMENTS}.")
    ] = "neutral",
    when: When = None,
    note: Annotated[str | None, typer.Option(help="What happened.")] = None,
    as_json: Json = False,
) -> None:
    """Log an interaction with a person.

    Example: goodword log "Ana Silva" --kind project-completed --sentiment positive --note "Shipped v2"
    """
    data = InteractionCreate(person=person, kind=kind, sentiment=sentiment, when=when, note=note)
    result = interactions.log_interaction(deps.uow(ctx), data, deps.clock())
    emit(
        as_json,
        result,
        lambda i: done(
            f"logged {i.kind} ({i.sentiment}) with {i.person.name} on {day(i.occurred_at)}"
        ),
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Argument(help="Only with this person.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List interactions, newest first, a page at a time (--all streams them).

    Example: goodword interactions list "Ana Silva"
    """
    p = paging(limit, every, as_json, as_jsonl)
    uow = deps.uow(ctx)
    total = interactions.count_interactions(uow, person)
    emit_list(INTERACTIONS, interactions.stream_interactions(uow, person, p.take), total, p)


INTERACTIONS: Columns[InteractionPublic] = Columns(
    "Interactions",
    ["id", "date", "person", "kind", "sentiment", "note"],
    lambda i: [i.id, day(i.occurred_at), i.person.name, i.kind, i.sentiment, i.note],
    empty="no interactions yet",
)
