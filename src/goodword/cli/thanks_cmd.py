"""``goodword thanks …``: the thank-yous you gave (each recorded when you thanked someone
for a referral or a recommendation): list them, change one, delete one."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_list, paging
from goodword.cli.options import Json
from goodword.cli.render import day
from goodword.schemas.practice import GratitudePublic
from goodword.services import gratitude

app = typer.Typer(help="Thank-yous you gave: list, edit, delete.", no_args_is_help=True)

THANKS: Columns[GratitudePublic] = Columns(
    "Thank-yous",
    ["id", "when", "to", "how", "for", "note"],
    lambda g: [
        g.id,
        day(g.at),
        g.person.name,
        g.kind,
        f"referral #{g.referral_id}"
        if g.referral_id
        else f"recommendation #{g.recommendation_id}"
        if g.recommendation_id
        else None,
        g.note,
    ],
    empty="no thank-yous recorded yet",
)


@app.command("list")
def list_thanks(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option(help="Only to this person.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """The thank-yous you gave, newest first.

    Example: goodword thanks list --person "Ana Silva"
    """
    p = paging(limit, every, as_json, as_jsonl)
    found = gratitude.list_gratitude(deps.uow(ctx), person)
    emit_list(THANKS, found[: p.take] if p.take else found, len(found), p)
