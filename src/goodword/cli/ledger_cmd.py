"""``goodword balance``: the reciprocity ledger."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All
from goodword.cli.options import Json
from goodword.cli.render import console, day, emit, table
from goodword.schemas.practice import LedgerRow
from goodword.services import ledger


def _counts(counts: dict[str, int]) -> str:
    words = {"gratitude": "thank-you"}
    return (
        ", ".join(
            f"{n} {words.get(item, item)}{'s' if n > 1 else ''}" for item, n in counts.items()
        )
        or "—"
    )


def show_balance(rows: list[LedgerRow]) -> None:
    table(
        "Reciprocity (most unbalanced first)",
        ["person", "they gave you", "you gave them", "balance", "last", "verdict"],
        [
            [
                r.person.name,
                _counts(r.they_gave),
                _counts(r.you_gave),
                f"{r.balance:+d}",
                day(r.last_exchange_at),
                r.verdict,
            ]
            for r in rows
        ],
        empty="no exchanges yet",
    )


def balance(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Argument(help="Only this person.")] = None,
    limit: Annotated[
        int, typer.Option(min=1, help=f"At most this many (default {DEFAULT_LIMIT}).")
    ] = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
) -> None:
    """Show what each person gave you and what you gave them, most unbalanced first.

    Points: referral 3, introduction 2, recommendation 2, endorsement 1, thank-you 1.
    A positive balance means you owe them.

    Example: goodword balance --limit 10
    """
    found = ledger.balance(deps.uow(ctx), person, None if every else limit + 1)
    shown = found if every else found[:limit]
    emit(as_json, shown, show_balance)
    if len(found) > len(shown) and not as_json:
        console.print(Text("… and more: --limit N or --all to see them", "dim"))
