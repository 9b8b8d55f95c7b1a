"""``goodword strength PERSON``: how strong a relationship is, and why."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import console, emit, table
from goodword.services.strength import StrengthPublic, person_strength


def show_strength(s: StrengthPublic) -> None:
    console.print(f"{s.person.name}: strength {s.score}/100", markup=False)
    table(
        None,
        ["points", "why"],
        [[f"{p.points:+.1f}", p.why] for p in s.parts],
        empty="no history yet",
    )


def strength(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    as_json: Json = False,
) -> None:
    """Show how strong your relationship with a person is (0-100), part by part.

    Example: goodword strength "Ana Silva"
    """
    emit(as_json, person_strength(deps.uow(ctx), person, deps.clock()), show_strength)
