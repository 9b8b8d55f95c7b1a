"""``goodword program stats|leaderboard|story|stories``: how a program is doing, in numbers
a person can check, and celebrating the advocates (seed 004)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.program_flow_cmd import ProgramArg, _program
from goodword.cli.render import day, done, emit, table
from goodword.cli.render import fields as render_fields
from goodword.programs.use_cases import community as program_community
from goodword.programs.use_cases import stats as program_statistics
from goodword.programs.use_cases.stats import Ratio
from goodword.schemas.programs import StoryCreate


def _percent(ratio: Ratio, what: str) -> str:
    if ratio.value is None:
        return "— nothing to measure yet"
    return f"{ratio.value:.0%} ({ratio.numerator:g} of {ratio.denominator:g}) {what}"


def _money(amounts: dict[str, Decimal]) -> str:
    return ", ".join(f"{amount:,.2f} {unit}" for unit, amount in sorted(amounts.items())) or "0"


def stats(ctx: typer.Context, program: ProgramArg, as_json: Json = False) -> None:
    """How a program is doing: participation, sharing, conversion, k-factor, cost, revenue.

    Example: goodword program stats "Friends of Acme" --json
    """
    uow, program_id = _program(ctx, program)
    found = program_statistics.program_stats(uow, program_id, deps.clock())
    k = found.k_factor
    fields_ = [
        ("participation", _percent(found.participation_rate, "of eligible people are advocates")),
        ("share rate", _percent(found.share_rate, "of advocates shared their link")),
        (
            "conversion rate",
            _percent(found.conversion_rate, "of referrals converted (flagged left out)"),
        ),
        (
            "k-factor",
            "—"
            if k is None
            else f"{k:.2f} = {found.invites_per_advocate.value:.2f} referrals per advocate × "
            f"{found.conversion_rate.value:.0%} converted",
        ),
        ("reward cost (paid)", _money(found.reward_cost)),
        ("rewards still to pay", _money(found.committed_rewards)),
        ("attributed revenue", _money(found.revenue)),
        ("top advocates", ", ".join(f"{name} {n}" for name, n in found.per_advocate[:5]) or None),
    ]
    emit(as_json, found, lambda _: render_fields(fields_))


def leaderboard(ctx: typer.Context, program: ProgramArg, as_json: Json = False) -> None:
    """The leaderboard as advocates see it (only those who opted in, first name and initial).

    Example: goodword program leaderboard "Friends of Acme"
    """
    uow, program_id = _program(ctx, program)
    emit(
        as_json,
        program_community.leaderboard(uow, program_id),
        lambda rows: table(
            "Leaderboard",
            ["#", "advocate", "became customers", "referred"],
            [(n, r.name, r.conversions, r.referrals) for n, r in enumerate(rows, 1)],
            "empty — turn it on with `program edit --leaderboard`; advocates opt in on their page",
        ),
    )


def story(
    ctx: typer.Context,
    program: ProgramArg,
    title: Annotated[str, typer.Option(help="A short title.")],
    body: Annotated[str, typer.Option(help="The story.")],
    consent: Annotated[str, typer.Option(help="How the advocate agreed it may be shown.")],
    advocate: Annotated[int | None, typer.Option(min=1, help="The advocate's id.")] = None,
    as_json: Json = False,
) -> None:
    """Tell a success story on the program's pages, with the advocate's consent recorded.

    Example: goodword program story Friends --title "Bo's books" --body "…" --consent "yes by email"
    """
    uow, program_id = _program(ctx, program)
    data = StoryCreate(title=title, body=body, consent=consent, advocate_id=advocate)
    emit(
        as_json,
        program_community.add_story(uow, program_id, data, deps.clock()),
        lambda s: done(f"story #{s.id} '{s.title}' added — it shows on the program's pages"),
    )


def stories(ctx: typer.Context, program: ProgramArg, as_json: Json = False) -> None:
    """List a program's success stories and how each advocate agreed.

    Example: goodword program stories Friends
    """
    uow, program_id = _program(ctx, program)
    emit(
        as_json,
        program_community.list_stories(uow, program_id),
        lambda found: table(
            "Stories",
            ["#", "title", "advocate", "consent", "since"],
            [(s.id, s.title, s.advocate, s.consent, day(s.consent_at)) for s in found],
        ),
    )
