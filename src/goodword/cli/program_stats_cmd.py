"""``goodword program stats``: how a programme is doing, in numbers a person can check."""

from __future__ import annotations

from decimal import Decimal

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.program_flow_cmd import ProgramArg, _program
from goodword.cli.render import emit
from goodword.cli.render import fields as render_fields
from goodword.services import programme_stats
from goodword.services.programme_stats import Ratio


def _percent(ratio: Ratio, what: str) -> str:
    if ratio.value is None:
        return "— nothing to measure yet"
    return f"{ratio.value:.0%} ({ratio.numerator:g} of {ratio.denominator:g}) {what}"


def _money(amounts: dict[str, Decimal]) -> str:
    return ", ".join(f"{amount:,.2f} {unit}" for unit, amount in sorted(amounts.items())) or "0"


def stats(ctx: typer.Context, program: ProgramArg, as_json: Json = False) -> None:
    """How a programme is doing: participation, sharing, conversion, k-factor, cost, revenue.

    Example: goodword program stats "Friends of Acme" --json
    """
    uow, program_id = _program(ctx, program)
    found = programme_stats.program_stats(uow, program_id, deps.clock())
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
