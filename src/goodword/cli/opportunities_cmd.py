"""``goodword opportunities …``: jobs, projects and needs someone could be referred to."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit, fields
from goodword.domain.limits import MAX_ID
from goodword.schemas.practice import OpportunityCreate, OpportunityPublic
from goodword.services import opportunities

app = typer.Typer(help="Opportunities to refer people to.", no_args_is_help=True)
Id = Annotated[int, typer.Argument(min=1, max=MAX_ID, help="Opportunity id.")]


def show_opportunity(o: OpportunityPublic) -> None:
    fields(
        [
            ("opportunity", f"#{o.id} — {o.title}"),
            ("status", o.status),
            ("organization", o.organization.name if o.organization else None),
            ("contact", o.contact.name if o.contact else None),
            ("skills", o.skills),
            ("added", o.created_at),
            ("description", o.description),
        ]
    )


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="Short title.")],
    description: Annotated[str | None, typer.Option(help="What it is.")] = None,
    skill: Annotated[
        list[str] | None, typer.Option(help="Wanted skill (repeatable, or a,b).")
    ] = None,
    org: Annotated[str | None, typer.Option(help="Organization (created if new).")] = None,
    contact: Annotated[str | None, typer.Option(help="Contact person.")] = None,
    as_json: Json = False,
) -> None:
    """Add an opportunity someone in your network could be referred to.

    Example: goodword opportunities add "Staff data engineer" --org Initech --skill Python --skill Spark
    """
    data = OpportunityCreate(
        title=title, description=description, skills=skill or [], organization=org, contact=contact
    )
    emit(
        as_json,
        opportunities.add_opportunity(deps.uow(ctx), data, deps.clock()),
        lambda o: done(f"opportunity #{o.id} added"),
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="open or closed.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List opportunities, a page at a time.

    Example: goodword opportunities list --status open
    """
    p = paging(limit, every, as_json, as_jsonl)
    emit_page(OPPORTUNITIES, opportunities.list_opportunities(deps.uow(ctx), status), p)


OPPORTUNITIES: Columns[OpportunityPublic] = Columns(
    "Opportunities",
    ["id", "added", "title", "organization", "skills", "status"],
    lambda o: [
        o.id,
        day(o.created_at),
        o.title,
        o.organization.name if o.organization else None,
        ", ".join(o.skills),
        o.status,
    ],
    empty="no opportunities",
)


@app.command("show")
def show(ctx: typer.Context, opportunity: Id, as_json: Json = False) -> None:
    """Show one opportunity.

    Example: goodword opportunities show 1
    """
    emit(as_json, opportunities.show_opportunity(deps.uow(ctx), opportunity), show_opportunity)


@app.command("close")
def close(ctx: typer.Context, opportunity: Id, as_json: Json = False) -> None:
    """Close an opportunity that is filled or gone.

    Example: goodword opportunities close 1
    """
    emit(
        as_json,
        opportunities.close_opportunity(deps.uow(ctx), opportunity),
        lambda o: done(f"opportunity #{o.id} closed"),
    )
