"""Use cases for asks: ask well (timing rules), record the answer, one follow-up at most."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.domain.asking import (
    Moment,
    assess_ask_timing,
    check_acknowledgement,
    check_answer,
    check_follow_up,
)
from goodword.domain.errors import RuleViolation
from goodword.domain.vocabulary import AskKind, AskStatus, Channel, Sentiment, parse_choice
from goodword.schemas.practice import AskCreate, AskCreated, AskPublic
from goodword.services.lookup import get_owned, ref, resolve_person
from goodword.services.time_zones import moment
from goodword.services.workspaces import load_etiquette
from goodword.storage.tables import Ask, Interaction, Referral
from goodword.storage.unit_of_work import UnitOfWork


def to_public(ask: Ask) -> AskPublic:
    person = ref(ask.person)
    assert person is not None
    return AskPublic(
        id=ask.id,
        person=person,
        kind=ask.kind,
        purpose=ask.purpose,
        channel=ask.channel,
        asked_at=ask.asked_at,
        status=ask.status,
        answered_at=ask.answered_at,
        followed_up_at=ask.followed_up_at,
        acknowledged_at=ask.acknowledged_at,
        referral_id=ask.referral_id,
        forced=ask.forced,
        note=ask.note,
    )


def create_ask(uow: UnitOfWork, data: AskCreate, now: datetime) -> AskCreated:
    """Record an ask. Too soon after the last ask, or right after a negative interaction, is
    refused unless forced; no recent positive moment only warns."""
    with uow:
        kind = parse_choice(AskKind, data.kind, "ask kind")
        channel = parse_choice(Channel, data.channel, "channel")
        at = moment(uow, data.when, now)
        if at > now:
            raise RuleViolation(f"the ask on {at.date().isoformat()} is in the future")
        person = resolve_person(uow, data.person)
        moments = [
            Moment(i.occurred_at, Sentiment(i.sentiment), i.kind)
            for i in uow.session.scalars(
                select(Interaction).where(Interaction.person_id == person.id)
            )
        ]
        previous = list(uow.session.scalars(select(Ask.asked_at).where(Ask.person_id == person.id)))
        timing = assess_ask_timing(person.name, moments, previous, at, load_etiquette(uow))
        if timing.refusals and not data.force:
            raise RuleViolation("; ".join(timing.refusals) + " (add --force to ask anyway)")
        ask = Ask(
            workspace_id=uow.workspace_id,
            person=person,
            kind=kind.value,
            purpose=data.purpose or None,
            channel=channel.value,
            asked_at=at,
            status=AskStatus.PENDING.value,
            forced=bool(timing.refusals),
            note=data.note or None,
            created_at=now,
        )
        uow.session.add(ask)
        uow.session.flush()
        result = AskCreated(
            ask=to_public(ask), warnings=timing.warnings, overridden=timing.refusals
        )
        uow.commit()
        return result


def answer_ask(
    uow: UnitOfWork,
    ask_id: int,
    answer: str,
    now: datetime,
    *,
    when: str | None = None,
    referral_id: int | None = None,
    note: str | None = None,
) -> AskPublic:
    with uow:
        status = parse_choice(AskStatus, answer, "answer")
        ask = get_owned(uow, Ask, ask_id, "ask")
        at = moment(uow, when, now)
        check_answer(AskStatus(ask.status), ask.asked_at, status, at, now)
        if referral_id is not None:
            if status is not AskStatus.ACCEPTED:
                raise RuleViolation(
                    "only an accepted ask can be linked to the referral it produced"
                )
            referral = get_owned(uow, Referral, referral_id, "referral")
            if referral.referrer_id != ask.person_id:
                raise RuleViolation(f"referral #{referral_id} did not come from {ask.person.name}")
            ask.referral_id = referral.id
        ask.status, ask.answered_at = status.value, at
        if note:
            ask.note = f"{ask.note}\n{note}" if ask.note else note
        result = to_public(ask)
        uow.commit()
        return result


def follow_up_ask(
    uow: UnitOfWork, ask_id: int, now: datetime, when: str | None = None
) -> AskPublic:
    with uow:
        ask = get_owned(uow, Ask, ask_id, "ask")
        at = moment(uow, when, now)
        check_follow_up(AskStatus(ask.status), ask.asked_at, ask.followed_up_at, at, now)
        ask.followed_up_at = at
        result = to_public(ask)
        uow.commit()
        return result


def acknowledge_ask(
    uow: UnitOfWork, ask_id: int, now: datetime, when: str | None = None
) -> AskPublic:
    """The decline was acknowledged (seed 004); the relationship goes on, asks stay spaced."""
    with uow:
        ask = get_owned(uow, Ask, ask_id, "ask")
        at = moment(uow, when, now)
        check_acknowledgement(AskStatus(ask.status), ask.answered_at, ask.acknowledged_at, at, now)
        ask.acknowledged_at = at
        result = to_public(ask)
        uow.commit()
        return result


def show_ask(uow: UnitOfWork, ask_id: int) -> AskPublic:
    with uow:
        return to_public(get_owned(uow, Ask, ask_id, "ask"))


def list_asks(
    uow: UnitOfWork, status: str | None = None, person: str | None = None
) -> list[AskPublic]:
    with uow:
        query = select(Ask).where(Ask.workspace_id == uow.workspace_id)
        if status:
            query = query.where(Ask.status == parse_choice(AskStatus, status, "ask status").value)
        if person:
            query = query.where(Ask.person_id == resolve_person(uow, person).id)
        rows = uow.session.scalars(query.order_by(Ask.asked_at.desc(), Ask.id.desc()))
        return [to_public(a) for a in rows]
