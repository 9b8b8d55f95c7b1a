"""``goodword referrals lesson``: what a referral that was not a fit teaches (seed 003)."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json, When
from goodword.cli.render import done, emit
from goodword.domain.limits import MAX_ID
from goodword.services.referral_lessons import LessonPublic, record_lesson

Id = Annotated[
    int, typer.Argument(min=1, max=MAX_ID, help="Referral id (see `goodword referrals list`).")
]


def _show(result: LessonPublic) -> None:
    done(f"referral #{result.referral.id}: lesson kept")
    if result.brief_updated:
        done(f"brief's not-a-fit is now: {result.suggested_not_a_fit}")
    elif result.suggested_not_a_fit:
        now = result.not_a_fit_now or "(nothing yet)"
        typer.echo(
            f"Your brief's not-a-fit says: {now}\n"
            f"It could say: {result.suggested_not_a_fit}\n"
            f"  goodword referrals lesson {result.referral.id} --why-fit … --update-brief, or\n"
            f"  goodword brief set --not-a-fit {shlex.quote(result.suggested_not_a_fit)}"
        )


def lesson(
    ctx: typer.Context,
    referral: Id,
    why_fit: Annotated[
        str, typer.Option(help="What made the referrer think it was a good referral for you.")
    ],
    impression: Annotated[
        str | None,
        typer.Option(help="What you say or do that gave them that impression."),
    ] = None,
    update_brief: Annotated[
        bool,
        typer.Option("--update-brief", help="Add what did not fit to your brief's not-a-fit line."),
    ] = False,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Record what made the referrer think a referral fitted, and see the brief edit.

    For a referral that was not a fit, this is the lesson seed 003 asks for.

    Example: goodword referrals lesson 12 --why-fit "You mentioned dashboards" --impression "My site leads with BI"
    """
    result = record_lesson(
        deps.uow(ctx),
        referral,
        why_fit,
        deps.clock(),
        impression=impression,
        update_brief=update_brief,
        when=when,
    )
    emit(as_json, result, _show)
