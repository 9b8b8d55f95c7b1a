"""How a program is doing: participation, sharing, conversion, k-factor (with both of its
parts), reward cost and attributed revenue, per advocate and per month."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy import func, select

from goodword.programs.rules.rewards import RewardStatus
from goodword.programs.rules.states import ConversionStatus, LeadStatus, Review
from goodword.services.insights import last_months, month_of
from goodword.services.lookup import get_owned
from goodword.storage.tables import (
    Advocate,
    Conversion,
    Lead,
    Person,
    Program,
    RewardEvent,
    RewardRow,
    Tag,
    Visit,
)
from goodword.storage.unit_of_work import UnitOfWork


class Ratio(BaseModel):
    value: float | None
    """``None`` when the denominator is 0 (nothing to measure yet)."""
    numerator: float
    denominator: float


class ProgramStats(BaseModel):
    program_id: int
    eligible: int
    advocates: int
    sharing: int
    leads: int
    counted_leads: int
    conversions: int
    participation_rate: Ratio
    share_rate: Ratio
    conversion_rate: Ratio
    invites_per_advocate: Ratio
    k_factor: float | None
    reward_cost: dict[str, Decimal]
    committed_rewards: dict[str, Decimal]
    revenue: dict[str, Decimal]
    per_advocate: list[tuple[str, int]]
    months: list[str]
    leads_per_month: list[int]
    conversions_per_month: list[int]


def _ratio(numerator: float, denominator: float) -> Ratio:
    value = round(numerator / denominator, 4) if denominator else None
    return Ratio(value=value, numerator=numerator, denominator=denominator)


def _eligible(uow: UnitOfWork, program: Program) -> int:
    if program.eligibility.startswith("tag:"):
        query = select(func.count(func.distinct(Tag.person_id))).where(
            Tag.workspace_id == uow.workspace_id,
            func.lower(Tag.name) == program.eligibility[4:],
        )
    else:
        query = (
            select(func.count()).select_from(Person).where(Person.workspace_id == uow.workspace_id)
        )
    return int(uow.session.scalar(query) or 0)


def program_stats(uow: UnitOfWork, program_id: int, now: datetime) -> ProgramStats:
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        advocates = dict(
            uow.session.execute(
                select(Advocate.id, Advocate.name).where(Advocate.program_id == program.id)
            ).all()
        )
        sharing = {
            *uow.session.scalars(select(Visit.advocate_id).where(Visit.program_id == program.id)),
            *uow.session.scalars(select(Lead.advocate_id).where(Lead.program_id == program.id)),
        }
        leads = uow.session.execute(
            select(Lead.status, Lead.review, Lead.created_at).where(Lead.program_id == program.id)
        ).all()
        conversions = uow.session.execute(
            select(
                Conversion.advocate_id,
                Conversion.amount,
                Conversion.currency,
                Conversion.created_at,
            ).where(
                Conversion.program_id == program.id, Conversion.status == ConversionStatus.VALID
            )
        ).all()
        ledger = uow.session.execute(
            select(RewardRow.currency, RewardEvent.amount)
            .join(RewardRow, RewardRow.id == RewardEvent.reward_id)
            .where(RewardRow.program_id == program.id, RewardEvent.amount != 0)
        ).all()
        committed = uow.session.execute(
            select(RewardRow.currency, RewardRow.amount).where(
                RewardRow.program_id == program.id,
                RewardRow.status.in_((RewardStatus.PENDING, RewardStatus.APPROVED)),
                RewardRow.currency.is_not(None),
                RewardRow.currency != "%",
            )
        ).all()
        eligible = _eligible(uow, program)
    counted = [
        row
        for row in leads
        if row.status != LeadStatus.DUPLICATE and row.review in (Review.NONE, Review.APPROVED)
    ]
    converted = sum(1 for row in counted if row.status in (LeadStatus.CONVERTED, LeadStatus.HIRED))
    cost: dict[str, Decimal] = defaultdict(Decimal)
    for currency, amount in ledger:
        if currency and currency != "%":
            cost[currency] += amount
    owed: dict[str, Decimal] = defaultdict(Decimal)
    for unit, owed_amount in committed:
        if unit is not None and owed_amount is not None:
            owed[unit] += owed_amount
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    for row in conversions:
        if row.amount is not None and row.currency:
            revenue[row.currency] += row.amount
    per_advocate = Counter(advocates.get(row.advocate_id, "?") for row in conversions)
    months = last_months(now)
    lead_months = Counter(month_of(row.created_at) for row in counted)
    conversion_months = Counter(month_of(row.created_at) for row in conversions)
    invites = _ratio(len(counted), len(advocates))
    rate = _ratio(converted, len(counted))
    return ProgramStats(
        program_id=program_id,
        eligible=eligible,
        advocates=len(advocates),
        sharing=len(sharing),
        leads=len(leads),
        counted_leads=len(counted),
        conversions=len(conversions),
        participation_rate=_ratio(len(advocates), eligible),
        share_rate=_ratio(len(sharing), len(advocates)),
        conversion_rate=rate,
        invites_per_advocate=invites,
        k_factor=round(invites.value * rate.value, 4)
        if invites.value is not None and rate.value is not None
        else None,
        reward_cost=dict(cost),
        committed_rewards=dict(owed),
        revenue=dict(revenue),
        per_advocate=per_advocate.most_common(10),
        months=months,
        leads_per_month=[lead_months[m] for m in months],
        conversions_per_month=[conversion_months[m] for m in months],
    )
