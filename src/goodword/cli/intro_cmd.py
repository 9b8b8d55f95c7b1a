"""``goodword intro TARGET``: the warmest ways to reach someone."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import console, emit
from goodword.services.intros import IntroPathPublic, intro_paths


def show_paths(paths: list[IntroPathPublic]) -> None:
    if not paths:
        console.print("No path within the hop limit; try --hops 4, or record who knows whom.")
        return
    for number, p in enumerate(paths, 1):
        chain = " → ".join(
            ["You", *(f"{link.person.name} ({link.strength:.2f})" for link in p.chain)]
        )
        console.print(f"{number}. {chain}  · score {p.score:.3f}", markup=False)
        console.print(f"   {p.why}", markup=False)
    if len(paths[0].chain) > 1:
        target = paths[0].chain[-1].person
        console.print(
            f"draft the request: goodword draft intro-request --person {target.id}", markup=False
        )


def intro(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="A person or an organization.")],
    hops: Annotated[int, typer.Option(min=1, max=6, help="At most this many links.")] = 3,
    limit: Annotated[int, typer.Option(min=1, max=20, help="How many paths.")] = 3,
    as_json: Json = False,
) -> None:
    """The strongest chains of people from you to a person or an organization.

    Example: goodword intro "Initech" --hops 3
    """
    emit(as_json, intro_paths(deps.uow(ctx), target, deps.clock(), hops, limit), show_paths)
