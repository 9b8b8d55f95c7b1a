"""``goodword knows``: record who knows whom, or list whom someone knows."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import done, emit, table
from goodword.services import knows as knows_service


def knows(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    other: Annotated[str | None, typer.Argument(help="Whom they know (omit to list).")] = None,
    strength: Annotated[float, typer.Option(help="How well, above 0 and at most 1.")] = 0.5,
    note: Annotated[str | None, typer.Option(help="How they know each other.")] = None,
    as_json: Json = False,
) -> None:
    """Record that two people know each other (used by goodword intro), or list whom a
    person knows.

    Example: goodword knows "Ana Silva" "Bo Chen" --strength 0.8 --note "Worked together at Acme"
    """
    if other is None:
        rows = knows_service.list_knows(deps.uow(ctx), person)
        emit(
            as_json,
            rows,
            lambda rs: table(
                "Knows",
                ["person", "strength", "note"],
                [[k.other.name, f"{k.strength:.2f}", k.note] for k in rs],
                empty="nobody recorded",
            ),
        )
        return
    result = knows_service.record_knows(deps.uow(ctx), person, other, strength, deps.clock(), note)
    emit(
        as_json,
        result,
        lambda k: done(f"{k.person.name} knows {k.other.name} (strength {k.strength:.2f})"),
    )
