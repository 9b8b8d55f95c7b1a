"""Conversions from the business's own system, and the rewards they earn — exactly once.

Replaying a request (same Idempotency-Key, or the same external order id with the same body)
returns the first result and writes nothing. The store's unique constraints back this up when
two requests race: the loser's transaction rolls back and it answers with the winner's result.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from goodword.domain.errors import Conflict, InvalidValue, NotFound, RuleViolation
from goodword.domain.programme_checks import Flag, check_conversion
from goodword.domain.programme_checks import normalise_email as email_key
from goodword.domain.programme_rules import (
    EarnedReward,
    RewardStatus,
    parse_milestones,
    parse_reward,
    rewards_for_conversion,
)
from goodword.schemas.programmes import ConversionCreate, ConversionPublic
from goodword.services.lookup import get_owned
from goodword.services.programme_leads import _dump, checks_of
from goodword.services.programme_rewards import ledger, reward_public
from goodword.storage.tables import Advocate, Conversion, Lead, Program, RewardRow
from goodword.storage.unit_of_work import UnitOfWork


def request_hash(data: ConversionCreate) -> str:
    return hashlib.sha256(data.model_dump_json().encode()).hexdigest()


def conversion_public(uow: UnitOfWork, conversion: Conversion) -> ConversionPublic:
    rows = uow.session.execute(
        select(RewardRow, Advocate.name)
        .join(Advocate, Advocate.id == RewardRow.advocate_id)
        .where(RewardRow.conversion_id == conversion.id)
        .order_by(RewardRow.id)
    )
    return ConversionPublic(
        id=conversion.id,
        program_id=conversion.program_id,
        lead_id=conversion.lead_id,
        advocate_id=conversion.advocate_id,
        external_id=conversion.external_id,
        amount=conversion.amount,
        currency=conversion.currency,
        status=conversion.status,
        flags=checks_of(conversion.flags),
        review=conversion.review,
        created_at=conversion.created_at,
        rewards=[reward_public(r, name) for r, name in rows],
    )


def _replayed(
    uow: UnitOfWork, program_id: int, data: ConversionCreate, key: str | None
) -> ConversionPublic | None:
    """The earlier result of this same request, or a refusal when the key or order id was
    used for a different one; None when the request is new."""
    digest = request_hash(data)
    if key is not None:
        earlier = uow.session.scalar(
            select(Conversion).where(
                Conversion.program_id == program_id, Conversion.idempotency_key == key
            )
        )
        if earlier is not None:
            if earlier.request_hash != digest:
                raise Conflict(
                    f"Idempotency-Key '{key}' was used for a different request (conversion "
                    f"#{earlier.id}); send a new key for a new conversion"
                )
            return conversion_public(uow, earlier)
    same_order = uow.session.scalar(
        select(Conversion).where(
            Conversion.program_id == program_id, Conversion.external_id == data.external_id
        )
    )
    if same_order is not None:
        if same_order.request_hash != digest or (key and same_order.idempotency_key != key):
            raise Conflict(
                f"order '{data.external_id}' is already recorded as conversion #{same_order.id}"
            )
        return conversion_public(uow, same_order)
    return None


def _lead_for(uow: UnitOfWork, program: Program, data: ConversionCreate) -> Lead:
    if data.lead_id is not None:
        lead = uow.session.get(Lead, data.lead_id)
        if lead is None or lead.program_id != program.id:
            raise NotFound(f"no lead #{data.lead_id} in programme '{program.name}'")
    elif data.email:
        lead = uow.session.scalar(
            select(Lead).where(
                Lead.program_id == program.id, Lead.attributed_key == email_key(data.email)
            )
        )
        if lead is None:
            raise NotFound(
                f"nobody referred {data.email.strip()} to '{program.name}': no reward is owed "
                "(create the lead first if an advocate did refer them)"
            )
    else:
        raise InvalidValue("say who converted: give lead_id or email")
    if lead.status == "duplicate":
        raise RuleViolation(f"lead #{lead.id} is a duplicate ({lead.duplicate_reason})")
    if lead.status in ("converted", "hired"):
        raise Conflict(f"lead #{lead.id} has already converted; a repeat purchase earns no reward")
    if lead.status == "not-hired":
        raise RuleViolation(f"candidate #{lead.id} was marked not hired")
    return lead


def _denial(program: Program, lead: Lead, earned: EarnedReward, now: datetime) -> str | None:
    if earned.capped:
        return f"the programme's cap of {program.cap_per_advocate} rewards per advocate is reached"
    if lead.review == "denied":
        return "the referral was not accepted at review" + (
            f": {lead.review_note}" if lead.review_note else ""
        )
    if now > lead.created_at + timedelta(days=program.window_days):
        days = (now - lead.created_at).days
        return (
            f"the purchase came {days} days after the referral, beyond the programme's "
            f"{program.window_days}-day window"
        )
    return None


def _create_rewards(
    uow: UnitOfWork,
    program: Program,
    advocate: Advocate,
    conversion: Conversion,
    lead: Lead,
    now: datetime,
) -> None:
    before = uow.session.scalar(
        select(func.count())
        .select_from(Conversion)
        .where(
            Conversion.advocate_id == advocate.id,
            Conversion.status == "valid",
            Conversion.id != conversion.id,
        )
    )
    rewarded = uow.session.scalar(
        select(func.count())
        .select_from(RewardRow)
        .where(
            RewardRow.advocate_id == advocate.id,
            RewardRow.rule.like("conversion:%"),
            RewardRow.status != RewardStatus.DENIED.value,
        )
    )
    earned = rewards_for_conversion(
        conversion.id,
        advocate.id,
        parse_reward(program.advocate_reward),
        parse_reward(program.friend_reward),
        parse_milestones(program.milestones),
        int(before or 0),
        int(rewarded or 0),
        program.cap_per_advocate,
    )
    hold = program.tenure_days if program.kind == "hiring" else program.hold_days
    due = now + timedelta(days=hold or 0)
    held = conversion.review == "open"
    for item in earned:
        denied = _denial(program, lead, item, now)
        waiting = (
            f"the {hold}-day {'tenure' if program.kind == 'hiring' else 'refund window'} "
            f"runs until {due.date().isoformat()}"
        )
        if held:
            waiting = (
                "waiting for review ("
                + ", ".join(c.check for c in checks_of(conversion.flags))
                + f"); {waiting}"
            )
        row = RewardRow(
            workspace_id=uow.workspace_id,
            program_id=program.id,
            advocate_id=advocate.id,
            conversion_id=conversion.id,
            beneficiary=item.beneficiary,
            rule=item.rule,
            reward_type=item.reward.type.value,
            amount=item.reward.amount,
            currency=item.reward.currency,
            text=item.reward.text,
            status=RewardStatus.DENIED.value if denied else RewardStatus.PENDING.value,
            reason=denied or waiting,
            held_for_review=held and not denied,
            due_at=due,
            created_at=now,
            closed_at=now if denied else None,
        )
        uow.session.add(row)
        uow.session.flush()
        ledger(uow, row, "created", now, row.reason, "goodword")
        if denied:
            ledger(uow, row, "denied", now, denied, "goodword")


def _convert_once(
    uow: UnitOfWork, program_id: int, data: ConversionCreate, key: str | None, now: datetime
) -> tuple[ConversionPublic, bool]:
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        earlier = _replayed(uow, program.id, data, key)
        if earlier is not None:
            return earlier, False
        lead = _lead_for(uow, program, data)
        advocate = uow.session.get(Advocate, lead.advocate_id)
        assert advocate is not None
        flags = check_conversion(
            data.customer_id,
            advocate.customer_id,
            [Flag(c.check, c.detail) for c in checks_of(lead.flags)]
            if lead.review == "open"
            else [],
        )
        conversion = Conversion(
            workspace_id=uow.workspace_id,
            program_id=program.id,
            lead_id=lead.id,
            advocate_id=advocate.id,
            external_id=data.external_id.strip(),
            amount=data.amount.quantize(Decimal("0.01")) if data.amount is not None else None,
            currency=data.currency.upper() if data.currency else None,
            customer_id=(data.customer_id or "").strip() or None,
            idempotency_key=key,
            request_hash=request_hash(data),
            flags=_dump(flags),
            review="open" if flags else "none",
            created_at=now,
        )
        uow.session.add(conversion)
        uow.session.flush()
        lead.status = "hired" if program.kind == "hiring" else "converted"
        lead.stage_at = now
        _create_rewards(uow, program, advocate, conversion, lead, now)
        result = conversion_public(uow, conversion)
        uow.commit()
        return result, True


def record_conversion(
    uow: UnitOfWork,
    program_id: int,
    data: ConversionCreate,
    now: datetime,
    idempotency_key: str | None = None,
) -> tuple[ConversionPublic, bool]:
    """The conversion and whether this call created it (False: a replay of an earlier one)."""
    key = idempotency_key.strip() if idempotency_key else None
    if key is not None and not 0 < len(key) <= 200:
        raise InvalidValue("Idempotency-Key must be 1 to 200 characters")
    if data.amount is not None and data.currency is None:
        raise InvalidValue("currency: give the amount's currency code (e.g. USD)")
    try:
        return _convert_once(uow, program_id, data, key, now)
    except IntegrityError:
        # A concurrent request with the same key or order id committed first.
        with uow:
            earlier = _replayed(uow, program_id, data, key)
        if earlier is None:
            raise
        return earlier, False
