"""The reciprocity ledger per person, gathered from referrals, recommendations and gratitude."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from goodword.domain.ledger import LedgerEvent, LedgerItem, PersonLedger, build_ledgers
from goodword.domain.vocabulary import Direction, RecommendationKind, ReferralKind
from goodword.schemas.network import Ref
from goodword.schemas.practice import LedgerRow
from goodword.services.lookup import resolve_person
from goodword.storage.tables import Gratitude, Person, Recommendation, Referral
from goodword.storage.unit_of_work import UnitOfWork


def _referral_item(kind: str) -> LedgerItem:
    return LedgerItem.INTRODUCTION if kind == ReferralKind.INTRODUCTION else LedgerItem.REFERRAL


def ledger_events(uow: UnitOfWork) -> Iterator[LedgerEvent]:
    ws = uow.workspace_id
    for r in uow.session.scalars(select(Referral).where(Referral.workspace_id == ws)):
        item = _referral_item(r.kind)
        if r.direction == Direction.RECEIVED and r.referrer_id is not None:
            yield LedgerEvent(r.referrer_id, item, True, r.referred_at)
        elif r.direction == Direction.GIVEN:
            # Referring A to B helps both: A gets the opportunity, B gets the prospect.
            for pid in {r.referred_person_id, r.recipient_person_id} - {None}:
                assert pid is not None
                yield LedgerEvent(pid, item, False, r.referred_at)
    for rec in uow.session.scalars(select(Recommendation).where(Recommendation.workspace_id == ws)):
        if rec.direction == Direction.GIVEN and rec.status == "draft":
            continue  # a draft has not been given yet
        item = (
            LedgerItem.ENDORSEMENT
            if rec.kind == RecommendationKind.ENDORSEMENT
            else LedgerItem.RECOMMENDATION
        )
        yield LedgerEvent(rec.person_id, item, rec.direction == Direction.RECEIVED, rec.written_at)
    for g in uow.session.scalars(select(Gratitude).where(Gratitude.workspace_id == ws)):
        yield LedgerEvent(g.person_id, LedgerItem.GRATITUDE, False, g.at)


def verdict(ledger: PersonLedger) -> str:
    if ledger.balance > 0:
        return f"you owe them: they are {ledger.balance} points ahead — return the favour"
    if ledger.balance < 0:
        return f"you are {-ledger.balance} points ahead: nothing owed"
    return "balanced"


def balance(
    uow: UnitOfWork, person: str | None = None, limit: int | None = None
) -> list[LedgerRow]:
    with uow:
        ledgers = build_ledgers(ledger_events(uow))
        if person:
            pid = resolve_person(uow, person).id
            ledgers = [lg for lg in ledgers if lg.person_id == pid] or [PersonLedger(pid)]
        if limit:
            ledgers = ledgers[:limit]
        rows = uow.session.execute(
            select(Person.id, Person.name).where(Person.id.in_([lg.person_id for lg in ledgers]))
        )
        names: dict[int, str] = {row[0]: row[1] for row in rows}
        return [
            LedgerRow(
                person=Ref(id=lg.person_id, name=names.get(lg.person_id, "?")),
                they_gave={k.value: v for k, v in lg.received.items()},
                you_gave={k.value: v for k, v in lg.given.items()},
                they_gave_points=lg.received_points,
                you_gave_points=lg.given_points,
                balance=lg.balance,
                verdict=verdict(lg),
                last_exchange_at=lg.last_event_at,
            )
            for lg in ledgers
        ]
