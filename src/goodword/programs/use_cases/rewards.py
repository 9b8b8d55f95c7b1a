"""Rewards and their reasons, the review queue, and paying out by hand.

"Why didn't I get my reward?" is the question these programs hear most; every reward keeps
its current reason in words, and the ledger (``reward_events``) keeps every step.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Row, select, update

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.programs.rules.rewards import (
    Reward,
    RewardStatus,
    RewardType,
    check_reward_transition,
)
from goodword.programs.rules.states import Review
from goodword.programs.use_cases import events as program_events
from goodword.programs.use_cases.leads import checks_of
from goodword.schemas.programs import ReviewDecision, ReviewItem, RewardIssue, RewardPublic
from goodword.services.lookup import get_owned
from goodword.storage.tables import Advocate, Conversion, Lead, Program, RewardEvent, RewardRow
from goodword.storage.unit_of_work import UnitOfWork


def ledger_event(
    reward: RewardRow,
    kind: str,
    at: datetime,
    reason: str,
    actor: str,
    amount: Decimal = Decimal(0),
) -> RewardEvent:
    """One line of the reward ledger (not yet stored)."""
    return RewardEvent(
        workspace_id=reward.workspace_id,
        reward_id=reward.id,
        kind=kind,
        at=at,
        amount=amount,
        reason=reason,
        actor=actor,
    )


def ledger(
    uow: UnitOfWork,
    reward: RewardRow,
    kind: str,
    at: datetime,
    reason: str,
    actor: str,
    amount: Decimal = Decimal(0),
) -> None:
    uow.session.add(ledger_event(reward, kind, at, reason, actor, amount))


def reward_public(row: RewardRow | Row[Any], advocate_name: str) -> RewardPublic:
    stated = Reward(RewardType(row.reward_type), row.amount, row.currency, row.text)
    return RewardPublic(
        id=row.id,
        program_id=row.program_id,
        advocate_id=row.advocate_id,
        advocate=advocate_name,
        conversion_id=row.conversion_id,
        beneficiary=row.beneficiary,
        rule=row.rule,
        reward=stated.describe(),
        reward_type=row.reward_type,
        amount=row.amount,
        currency=row.currency,
        status=row.status,
        reason=row.reason,
        held_for_review=row.held_for_review,
        due_at=row.due_at,
        issued_at=row.issued_at,
        issue_ref=row.issue_ref,
    )


def list_rewards(
    uow: UnitOfWork, program_id: int, status: str | None = None, advocate_id: int | None = None
) -> list[RewardPublic]:
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        query = (
            select(RewardRow, Advocate.name)
            .join(Advocate, Advocate.id == RewardRow.advocate_id)
            .where(RewardRow.program_id == program.id)
            .order_by(RewardRow.id)
        )
        if status:
            query = query.where(RewardRow.status == status)
        if advocate_id:
            query = query.where(RewardRow.advocate_id == advocate_id)
        return [reward_public(r, name) for r, name in uow.session.execute(query)]


def review_queue(uow: UnitOfWork, program_id: int | None = None) -> list[ReviewItem]:
    """Flagged leads and conversions waiting for a person, oldest first, with the evidence."""
    with uow:
        items: list[ReviewItem] = []
        for model in (Lead, Conversion):
            query = (
                select(model, Advocate.name)
                .join(Advocate, Advocate.id == model.advocate_id)
                .where(model.workspace_id == uow.workspace_id, model.review == Review.OPEN)
            )
            if program_id is not None:
                query = query.where(model.program_id == program_id)
            items.extend(
                _item(cast(Lead | Conversion, row), advocate)
                for row, advocate in uow.session.execute(query)
            )
        return sorted(items, key=lambda i: (i.created_at, i.kind, i.id))


def _item(row: Lead | Conversion, advocate: str) -> ReviewItem:
    return ReviewItem(
        kind="lead" if isinstance(row, Lead) else "conversion",
        id=row.id,
        program_id=row.program_id,
        advocate=advocate,
        who=row.email if isinstance(row, Lead) else f"order {row.external_id}",
        flags=checks_of(row.flags),
        signals=checks_of(row.signals),
        created_at=row.created_at,
    )


def _held_rewards(uow: UnitOfWork, subject: Lead | Conversion) -> list[RewardRow]:
    query = select(RewardRow).where(RewardRow.status == RewardStatus.PENDING.value)
    if isinstance(subject, Lead):
        conversions = select(Conversion.id).where(Conversion.lead_id == subject.id)
        query = query.where(RewardRow.conversion_id.in_(conversions))
    else:
        query = query.where(RewardRow.conversion_id == subject.id)
    return list(uow.session.scalars(query.with_for_update()))


def decide_review(
    uow: UnitOfWork, kind: str, item_id: int, decision: ReviewDecision, now: datetime
) -> ReviewItem:
    """A reviewer's decision on a flagged lead or conversion, with a note. Approving lets its
    rewards continue (approved when the hold ends); denying denies them with the note."""
    with uow:
        model: type[Lead] | type[Conversion] = Lead if kind == "lead" else Conversion
        subject = get_owned(uow, model, item_id, kind)
        if subject.review != Review.OPEN:
            raise RuleViolation(f"{kind} #{item_id} is not waiting for review")
        subject.review = Review.APPROVED if decision.approve else Review.DENIED
        subject.reviewed_by, subject.reviewed_at = decision.by.strip(), now
        subject.review_note = (decision.note or "").strip() or None
        note = f": {subject.review_note}" if subject.review_note else ""
        for reward in _held_rewards(uow, subject):
            if decision.approve:
                reward.held_for_review = False
                reward.reason = (
                    f"approved at review by {subject.reviewed_by}{note}; due on "
                    f"{reward.due_at.date().isoformat()} when the hold ends"
                )
                ledger(uow, reward, "reviewed", now, reward.reason, subject.reviewed_by)
            else:
                reward.status, reward.closed_at = RewardStatus.DENIED.value, now
                reward.reason = f"not accepted at review by {subject.reviewed_by}{note}"
                reward.held_for_review = False
                ledger(uow, reward, "denied", now, reward.reason, subject.reviewed_by)
        advocate = uow.session.get(Advocate, subject.advocate_id)
        item = _item(subject, advocate.name if advocate else "")
        uow.commit()
        return item


def _move(uow: UnitOfWork, reward: RewardRow, new: RewardStatus, **values: object) -> None:
    """A person's step on a reward, as an update conditional on the status they saw: if the
    worker (or another click) moved it meanwhile, nothing is written and they are told."""
    check_reward_transition(reward.status, new)
    changed = uow.session.execute(
        update(RewardRow)
        .where(RewardRow.id == reward.id, RewardRow.status == reward.status)
        .values(status=new.value, **values)
        .execution_options(synchronize_session="fetch")
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise RuleViolation(f"reward #{reward.id} changed just now; look at it again")


def issue_reward(uow: UnitOfWork, reward_id: int, data: RewardIssue, now: datetime) -> RewardPublic:
    """Mark an approved reward paid (cash, gift card, donation), with its payment reference.
    The update is conditional on the status, so two clicks never pay twice."""
    with uow:
        reward = get_owned(uow, RewardRow, reward_id, "reward")
        reference = (data.reference or "").strip() or f"paid-{reward.id}"
        _move(
            uow,
            reward,
            RewardStatus.ISSUED,
            issued_at=now,
            issue_ref=reference,
            reason=f"issued on {now.date().isoformat()} ({reference})",
        )
        ledger(uow, reward, "issued", now, reward.reason, data.by, reward.amount or Decimal(0))
        program_events.rewards_moved(uow.session, [reward.id], "reward.issued", now)
        advocate = uow.session.get(Advocate, reward.advocate_id)
        result = reward_public(reward, advocate.name if advocate else "")
        uow.commit()
        return result


def deny_reward(
    uow: UnitOfWork, reward_id: int, reason: str, by: str, now: datetime
) -> RewardPublic:
    with uow:
        reward = get_owned(uow, RewardRow, reward_id, "reward")
        check_reward_transition(reward.status, RewardStatus.DENIED)
        if not reason.strip():
            raise InvalidValue("say why the reward is denied: the advocate will see it")
        why = f"denied by {by}: {reason.strip()}"
        _move(uow, reward, RewardStatus.DENIED, closed_at=now, held_for_review=False, reason=why)
        ledger(uow, reward, "denied", now, reward.reason, by)
        advocate = uow.session.get(Advocate, reward.advocate_id)
        result = reward_public(reward, advocate.name if advocate else "")
        uow.commit()
        return result
