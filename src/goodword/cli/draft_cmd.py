"""``goodword draft KIND``: a ready-to-send message built from the real facts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.first_run import ask_name_once, say_unsigned
from goodword.cli.options import Json
from goodword.cli.render import emit
from goodword.domain.limits import MAX_ID
from goodword.drafts.kinds import DRAFT_KINDS
from goodword.services import drafting
from goodword.services.drafting import DraftPublic

Id = Annotated[int | None, typer.Option(min=1, max=MAX_ID)]


def show_draft(d: DraftPublic) -> None:
    if d.to is not None:
        print(f"To: {d.to.name}" + (f" <{d.email}>" if d.email else ""))
    print(f"Subject: {d.subject}\n")
    print(d.body, end="")


def draft(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=", ".join(DRAFT_KINDS) + ".")],
    referral: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, help="For this referral.")
    ] = None,
    recommendation: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, help="For this recommendation.")
    ] = None,
    ask: Annotated[int | None, typer.Option(min=1, max=MAX_ID, help="For this ask.")] = None,
    person: Annotated[str | None, typer.Option(help="For this person (name or #id).")] = None,
    reference: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, help="For this reference request.")
    ] = None,
    ask_for: Annotated[
        str,
        typer.Option(
            "--for", help="With `ask`: referral, introduction, recommendation or reference."
        ),
    ] = "referral",
    templates: Annotated[
        Path | None,
        typer.Option(
            help="A folder of your own templates (KIND.txt) that override the shipped ones.",
            file_okay=False,
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Draft the message for a step: thank-you, ask, follow-up, acknowledgement, contact,
    referrer-update, qualifying-questions, recommendation, reciprocal-offer, check-in,
    reference-approval, confidential-reference. Every agenda item names the draft that fits
    it.

    Example: goodword draft thank-you --referral 12
    """
    if templates is not None and not templates.is_dir():
        raise typer.BadParameter(f"'{templates}' is not a folder", param_hint="--templates")
    unsigned = ask_name_once(ctx)
    targets: dict[str, str | int | None] = {
        "referral": referral,
        "recommendation": recommendation,
        "ask": ask,
        "person": person,
        "reference": reference,
    }
    result = drafting.draft(
        deps.uow(ctx), kind, deps.clock(), targets=targets, ask_for=ask_for, templates=templates
    )
    emit(as_json, result, show_draft)
    if unsigned:
        say_unsigned()
