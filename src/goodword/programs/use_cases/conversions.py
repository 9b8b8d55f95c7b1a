"""Conversions from the business's own system, and the rewards they earn — exactly once.

Replaying a request (same Idempotency-Key, or the same external order id with the same body)
returns the first result and writes nothing. The store's unique constraints back this up when
two requests race: the loser's transaction rolls back and it answers with the winner's result.
Two *different* orders for one lead race on a conditional update of the lead (the first
write), so the lead converts once; an advocate's conversions are counted under a lock, so a
milestone is reached by exactly one of them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError

from goodword.domain.errors import Conflict, InvalidValue, NotFound, RuleViolation
from goodword.programs.rules.checks import Flag, check_conversion
from goodword.programs.rules.checks import normalise_email as email_key
from goodword.programs.rules.rewards import (
    EarnedReward,
    ProgramKind,
    RewardStatus,
    parse_milestones,
    parse_reward,
    rewards_for_conversion,
)
from goodword.programs.rules.states import ConversionStatus, LeadStatus, Review
from goodword.programs.store import conversion_queries as queries
from goodword.programs.use_cases import events as program_events
from goodword.programs.use_cases.leads import _dump, checks_of
from goodword.programs.use_cases.rewards import ledger_event, reward_public
from goodword.schemas.programs import ConversionCreate, ConversionPublic, RewardPublic
from goodword.services.lookup import not_found, storable
from goodword.storage.bulk_insert import insert_new
from goodword.storage.tables import Conversion, RewardRow
from goodword.storage.unit_of_work import UnitOfWork


def request_hash(data: ConversionCreate) -> str:
    return hashlib.sha256(data.model_dump_json().encode()).hexdigest()


def _public(conversion: Conversion | Row[Any], rewards: list[RewardPublic]) -> ConversionPublic:
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
        rewards=rewards,
    )


def conversion_public(uow: UnitOfWork, conversion: Conversion | Row[Any]) -> ConversionPublic:
    rows = queries.rewards_of(uow.session.connection(), conversion.id)
    return _public(conversion, [reward_public(r, r.advocate_name) for r in rows])


def _replayed(
    uow: UnitOfWork, program_id: int, data: ConversionCreate, key: str | None
) -> ConversionPublic | None:
    """The earlier result of this same request, or a refusal when the key or order id was
    used for a different one; None when the request is new."""
    digest = request_hash(data)
    order = data.external_id.strip()
    found = queries.earlier(uow.session.connection(), program_id, order, key)
    by_key = next((c for c in found if key is not None and c.idempotency_key == key), None)
    if by_key is not None:
        if by_key.request_hash != digest:
            raise Conflict(
                f"Idempotency-Key '{key}' was used for a different request (conversion "
                f"#{by_key.id}); send a new key for a new conversion"
            )
        return conversion_public(uow, by_key)
    same_order = next((c for c in found if c.external_id == order), None)
    if same_order is not None:
        if same_order.request_hash != digest or (key and same_order.idempotency_key != key):
            raise Conflict(f"order '{order}' is already recorded as conversion #{same_order.id}")
        return conversion_public(uow, same_order)
    return None


def _lead_for(uow: UnitOfWork, program: Row[Any], data: ConversionCreate) -> Row[Any]:
    connection = uow.session.connection()
    if data.lead_id is not None:
        lead = queries.lead(connection, data.lead_id)
        if lead is None or lead.program_id != program.id:
            raise NotFound(f"no lead #{data.lead_id} in program '{program.name}'")
    elif data.email:
        lead = queries.lead_by_email(connection, program.id, email_key(data.email))
        if lead is None:
            raise NotFound(
                f"nobody referred {data.email.strip()} to '{program.name}': no reward is owed "
                "(create the lead first if an advocate did refer them)"
            )
    else:
        raise InvalidValue("say who converted: give lead_id or email")
    if lead.status == LeadStatus.DUPLICATE:
        raise RuleViolation(f"lead #{lead.id} is a duplicate ({lead.duplicate_reason})")
    if lead.status in (LeadStatus.CONVERTED, LeadStatus.HIRED):
        raise Conflict(f"lead #{lead.id} has already converted; a repeat purchase earns no reward")
    if lead.status == LeadStatus.NOT_HIRED:
        raise RuleViolation(f"candidate #{lead.id} was marked not hired")
    return lead


def _denial(program: Row[Any], lead: Row[Any], earned: EarnedReward, now: datetime) -> str | None:
    if earned.capped:
        return f"the program's cap of {program.cap_per_advocate} rewards per advocate is reached"
    if lead.review == "denied":
        return "the referral was not accepted at review" + (
            f": {lead.review_note}" if lead.review_note else ""
        )
    if now > lead.created_at + timedelta(days=program.window_days):
        days = (now - lead.created_at).days
        return (
            f"the purchase came {days} days after the referral, beyond the program's "
            f"{program.window_days}-day window"
        )
    return None


def _reward_rows(
    program: Row[Any],
    lead: Row[Any],
    conversion: Conversion,
    counts: tuple[int, int],
    now: datetime,
) -> list[RewardRow]:
    earned = rewards_for_conversion(
        conversion.id,
        conversion.advocate_id,
        parse_reward(program.advocate_reward),
        parse_reward(program.friend_reward),
        parse_milestones(program.milestones),
        counts[0],
        counts[1],
        program.cap_per_advocate,
    )
    hold = program.tenure_days if program.kind == ProgramKind.HIRING else program.hold_days
    due = now + timedelta(days=hold or 0)
    held = conversion.review == Review.OPEN
    waiting = (
        f"the {hold}-day {'tenure' if program.kind == 'hiring' else 'refund window'} "
        f"runs until {due.date().isoformat()}"
    )
    if held:
        checks = ", ".join(c.check for c in checks_of(conversion.flags))
        waiting = f"waiting for review ({checks}); {waiting}"
    rows = []
    for item in earned:
        denied = _denial(program, lead, item, now)
        rows.append(
            RewardRow(
                workspace_id=conversion.workspace_id,
                program_id=program.id,
                advocate_id=conversion.advocate_id,
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
        )
    return rows


def _convert_once(
    uow: UnitOfWork, program_id: int, data: ConversionCreate, key: str | None, now: datetime
) -> tuple[ConversionPublic, bool]:
    with uow:
        connection = uow.session.connection()
        found = storable(program_id) and queries.program(connection, uow.workspace_id, program_id)
        if not found:
            raise not_found("program", program_id)
        program = found
        earlier = _replayed(uow, program.id, data, key)
        if earlier is not None:
            return earlier, False
        lead = _lead_for(uow, program, data)
        converted = LeadStatus.HIRED if program.kind == ProgramKind.HIRING else LeadStatus.CONVERTED
        # The first write, and the one that makes a lead convert once: a conditional update
        # (a racing repeat order finds the lead already taken and changes nothing).
        if not queries.take_lead(connection, lead.id, converted, now):
            raise Conflict(
                f"lead #{lead.id} has already converted; a repeat purchase earns no reward"
            )
        # This advocate's conversions are counted one at a time, so two at once cannot
        # both be "the 7th" and miss the bonus at 8.
        advocate = queries.locked_advocate(connection, lead.advocate_id)
        lead_flags = [Flag(c.check, c.detail) for c in checks_of(lead.flags)]
        flags = check_conversion(
            data.customer_id, advocate.customer_id, lead_flags if lead.review == Review.OPEN else []
        )
        counts = queries.counts(connection, advocate.id)
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
            review=Review.OPEN if flags else Review.NONE,
            status=ConversionStatus.VALID,
            created_at=now,
        )
        # Written with Core, not the ORM's flush (three flushes were most of a conversion's
        # time); the objects stay transient, read by the events and the answer below.
        insert_new(connection, [conversion])
        rows = _reward_rows(program, lead, conversion, counts, now)
        insert_new(connection, rows)
        events = []
        for row in rows:
            events.append(ledger_event(row, "created", now, row.reason, "goodword"))
            if row.status == RewardStatus.DENIED.value:
                events.append(ledger_event(row, "denied", now, row.reason, "goodword"))
        insert_new(connection, events, ids=False)
        program_events.conversion_created(
            uow.session, program, advocate, lead, conversion, rows, now
        )
        result = _public(conversion, [reward_public(r, advocate.name) for r in rows])
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
    for attempt in (1, 2):
        try:
            return _convert_once(uow, program_id, data, key, now)
        except (IntegrityError, Conflict) as error:
            # A concurrent request committed first: the same request (answer with its
            # result, even if this one already saw the lead converted), or another
            # conversion of this advocate that reached the same milestone (count again).
            with uow:
                earlier = _replayed(uow, program_id, data, key)
            if earlier is not None:
                return earlier, False
            if attempt == 2 or isinstance(error, Conflict):
                raise
    raise AssertionError("unreachable")
