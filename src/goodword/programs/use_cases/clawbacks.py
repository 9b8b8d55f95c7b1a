"""Clawbacks: a refund, or a hire that did not last, takes back the conversion's rewards.

Unpaid rewards simply close; one already issued is recorded as money to recover (a negative
ledger entry), so the ledger per advocate always sums to what they truly received.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from goodword.domain.errors import Conflict, InvalidValue, NotFound
from goodword.programs.rules.rewards import RewardStatus
from goodword.programs.rules.states import ConversionStatus
from goodword.programs.use_cases import events as program_events
from goodword.programs.use_cases.conversions import conversion_public
from goodword.programs.use_cases.rewards import ledger
from goodword.schemas.programs import ConversionPublic
from goodword.services.lookup import get_owned
from goodword.storage.tables import Conversion, Program, RewardRow
from goodword.storage.unit_of_work import UnitOfWork


def reverse_conversion(
    uow: UnitOfWork, program_id: int, conversion_id: int, reason: str, now: datetime, actor: str
) -> ConversionPublic:
    """A refund, or a hire that did not last: every reward of the conversion is clawed back.
    One already issued is recorded as money to recover (a negative ledger entry)."""
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        conversion = get_owned(uow, Conversion, conversion_id, "conversion")
        if conversion.program_id != program.id:
            raise NotFound(f"conversion #{conversion_id} is not in program '{program.name}'")
        if conversion.status == ConversionStatus.REVERSED:
            raise Conflict(f"conversion #{conversion.id} was already reversed")
        if not reason.strip():
            raise InvalidValue("say why (refund, hire left in probation, …)")
        conversion.status, conversion.reversed_at = ConversionStatus.REVERSED, now
        conversion.reversal_reason = reason.strip()
        rewards = uow.session.scalars(
            select(RewardRow).where(RewardRow.conversion_id == conversion.id).with_for_update()
        )
        clawed = []
        for reward in rewards:
            if reward.status in (RewardStatus.DENIED.value, RewardStatus.CLAWED_BACK.value):
                continue
            clawed.append(reward.id)
            was_paid = reward.status == RewardStatus.ISSUED.value
            amount = -(reward.amount or Decimal(0)) if was_paid else Decimal(0)
            why = f"clawed back: {reason.strip()}" + (
                " — paid out earlier, to recover" if was_paid else ""
            )
            reward.status, reward.reason, reward.closed_at = (
                RewardStatus.CLAWED_BACK.value,
                why,
                now,
            )
            ledger(uow, reward, "clawed-back", now, why, actor, amount)
        uow.session.flush()
        program_events.rewards_moved(uow.session, clawed, "reward.clawed_back", now)
        result = conversion_public(uow, conversion)
        uow.commit()
        return result
