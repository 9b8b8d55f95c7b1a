"""``goodword match`` and ``goodword offer``: whose expertise fits, and what to give back."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.import_cmd import progress_bar
from goodword.cli.options import Json
from goodword.cli.render import console, done, emit, table
from goodword.domain.limits import MAX_ID
from goodword.schemas.matching import MatchResult, OfferResult
from goodword.services.matching import match_people, offers_for_person, refresh_all_embeddings


def show_matches(result: MatchResult) -> None:
    table(
        f"Who fits: {result.query[:80]}" + (" (words and meaning)" if result.semantic else ""),
        ["#", "person", "title", "company", "score", "why"],
        [
            [m.person.id, m.person.name, m.title, m.company, f"{m.score:.2f}", m.why]
            for m in result.matches
        ],
        empty="nobody's profile fits; add skills to people (goodword people edit --add-skill)",
    )


def show_offers(result: OfferResult) -> None:
    if not result.offers:
        console.print(
            f"Nothing to offer {result.person.name} yet: record their skills and what they "
            "look for (goodword people edit --add-skill, --looking-for).",
            markup=False,
        )
        return
    table(
        f"What you could refer to {result.person.name}",
        ["kind", "offer", "score", "why"],
        [[o.kind, o.about, f"{o.score:.2f}", o.why] for o in result.offers],
    )


def match(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="What is needed, in words.")] = None,
    opportunity: Annotated[
        int | None,
        typer.Option(
            min=1, max=MAX_ID, help="Match an opportunity (see `goodword opportunities list`)."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many people.")] = 10,
    semantic: Annotated[
        bool | None,
        typer.Option(
            "--semantic/--no-semantic",
            help="Blend in closeness of meaning (default: on when goodword[semantic] is installed).",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """The people whose expertise fits a need, best first, each with why.

    Example: goodword match "we need an employment lawyer in Berlin"
    """
    result = match_people(
        deps.uow(ctx), text, opportunity, limit, now=deps.clock(), semantic=semantic
    )
    emit(as_json, result, show_matches)


def offer(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    limit: Annotated[int, typer.Option(min=1, max=50, help="How many of each kind.")] = 5,
    as_json: Json = False,
) -> None:
    """What you could refer to someone: openings that fit them, people who need what they do,
    people who do what they look for.

    Example: goodword offer "Ana Khan"
    """
    emit(as_json, offers_for_person(deps.uow(ctx), person, limit), show_offers)


def embeddings(ctx: typer.Context, as_json: Json = False) -> None:
    """Embed the profiles that changed since last time, now (the semantic extra; a match
    does it too, for the changed profiles only).

    Example: goodword embeddings
    """
    with progress_bar(as_json) as progress:
        count = refresh_all_embeddings(deps.uow(ctx), deps.clock(), progress)
    emit(as_json, {"embedded": count}, lambda r: done(f"{r['embedded']} profile(s) embedded"))
