"""``goodword brief …``: what you are looking for, said clearly (seed 004)."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import console, emit, fields
from goodword.schemas.practice import BriefPublic, BriefUpdate
from goodword.services import brief

app = typer.Typer(
    help="Your referral brief: what a good referral for you looks like.", no_args_is_help=True
)
Text = Annotated[str | None, typer.Option()]


def show_brief(b: BriefPublic) -> None:
    if b.updated_at is None:
        console.print('No brief yet. Set one: goodword brief set --looking-for "…"')
        return
    fields(
        [
            ("looking for", b.looking_for),
            ("ideal clients", b.ideal_clients),
            ("roles", b.roles),
            ("partners", b.partners),
            ("not a fit", b.not_a_fit),
            ("updated", b.updated_at),
        ]
    )


@app.command("show")
def show(ctx: typer.Context, as_json: Json = False) -> None:
    """Show your referral brief.

    Example: goodword brief show
    """
    emit(as_json, brief.show_brief(deps.uow(ctx)), show_brief)


@app.command("set")
def set_(
    ctx: typer.Context,
    looking_for: Annotated[str | None, typer.Option(help="In one sentence.")] = None,
    ideal_clients: Annotated[str | None, typer.Option(help="Who your ideal clients are.")] = None,
    roles: Annotated[str | None, typer.Option(help="Roles you want to be referred for.")] = None,
    partners: Annotated[str | None, typer.Option(help="Partners you look for.")] = None,
    not_a_fit: Annotated[str | None, typer.Option(help="What is not a fit.")] = None,
    as_json: Json = False,
) -> None:
    """Set parts of your brief ('' clears a part).

    Example: goodword brief set --looking-for "Data platform audits for Series B startups"
    """
    changes = BriefUpdate(
        looking_for=looking_for,
        ideal_clients=ideal_clients,
        roles=roles,
        partners=partners,
        not_a_fit=not_a_fit,
    )
    emit(as_json, brief.set_brief(deps.uow(ctx), changes, deps.clock()), show_brief)
