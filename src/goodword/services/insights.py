"""Numbers for the Insights page: what the referral practice looks like over time."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from statistics import median

from sqlalchemy import select

from goodword.domain.milestones import RECEIVED_STAGES
from goodword.schemas.practice import ReferralFilter, ReferralPublic
from goodword.services.referrals import list_referrals
from goodword.storage.tables import Person
from goodword.storage.unit_of_work import UnitOfWork

MONTHS = 12
BALANCE_BUCKETS = ((-999_999, -6), (-5, -2), (-1, 1), (2, 5), (6, 999_999))


@dataclass
class Referrer:
    name: str
    person_id: int
    referrals: int = 0
    won: int = 0
    lost: int = 0
    open: int = 0
    value_won: Decimal = Decimal(0)


@dataclass
class Insights:
    months: list[str]
    received: list[int]
    given: list[int]
    funnel: list[tuple[str, int]]
    referrers: list[Referrer]
    days_to_thank: list[float | None]
    loop_closure: list[float | None]
    balances: list[tuple[str, int]]
    totals: dict[str, int] = field(default_factory=dict)


def last_months(now: datetime) -> list[str]:
    year, month = now.year, now.month
    out = []
    for _ in range(MONTHS):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def month_of(at: datetime) -> str:
    return f"{at.year:04d}-{at.month:02d}"


def _thanked_after(r: ReferralPublic) -> float | None:
    times = [m.at for m in r.milestones if m.kind == "thanked"]
    return (min(times) - r.referred_at).total_seconds() / 86400 if times else None


def _referrers(received: list[ReferralPublic]) -> list[Referrer]:
    by: dict[int, Referrer] = {}
    for r in received:
        if r.referrer is None:
            continue
        row = by.setdefault(r.referrer.id, Referrer(name=r.referrer.name, person_id=r.referrer.id))
        row.referrals += 1
        if r.outcome == "won":
            row.won += 1
            row.value_won += r.outcome_value or r.value or 0
        elif r.outcome is None:
            row.open += 1
        else:
            row.lost += 1
    return sorted(by.values(), key=lambda x: (-x.referrals, -x.won, x.name))[:10]


def insights(uow: UnitOfWork, now: datetime) -> Insights:
    everything = list_referrals(uow, ReferralFilter())
    received = [r for r in everything if r.direction == "received"]
    months = last_months(now)
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    thank_days: dict[str, list[float]] = defaultdict(list)
    closed: dict[str, list[bool]] = defaultdict(list)
    for r in everything:
        per_month[month_of(r.referred_at)][r.direction] += 1
    for r in received:
        month = month_of(r.referred_at)
        days = _thanked_after(r)
        if days is not None:
            thank_days[month].append(days)
        closed[month].append(r.stage == "loop-closed")
    order = [s.value for s in RECEIVED_STAGES]
    funnel = [
        (stage, sum(1 for r in received if order.index(r.stage) >= i))
        for i, stage in enumerate(order)
    ]
    with uow:
        balances = list(
            uow.session.scalars(
                select(Person.reciprocity_balance).where(Person.workspace_id == uow.workspace_id)
            )
        )
    buckets = [
        (
            _bucket_label(low, high),
            sum(1 for b in balances if b is not None and b != 0 and low <= b <= high),
        )
        for low, high in BALANCE_BUCKETS
    ]
    return Insights(
        months=months,
        received=[per_month[m]["received"] for m in months],
        given=[per_month[m]["given"] for m in months],
        funnel=funnel,
        referrers=_referrers(received),
        days_to_thank=[round(median(thank_days[m]), 1) if thank_days[m] else None for m in months],
        loop_closure=[
            round(100 * sum(closed[m]) / len(closed[m])) if closed[m] else None for m in months
        ],
        balances=buckets,
        totals={"received": len(received), "given": len(everything) - len(received)},
    )


def _bucket_label(low: int, high: int) -> str:
    """Balance is their points minus yours: above zero you owe them."""
    if low <= -999_999:
        return f"you gave far more ({high} or less)"
    if high >= 999_999:
        return f"you owe them ({low}+)"
    if low == -1:
        return "about even"
    return f"{low} to {high}"
