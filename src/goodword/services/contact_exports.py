"""Export use cases: CSV files (people, referrals, asks, interactions) and a vCard file.
A confidential company name never appears in them (only the full backup keeps it)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from goodword.domain.person_dates import KeptDay
from goodword.interop.contact_export import Card, csv_text, vcard_text
from goodword.schemas.network import PersonFilter
from goodword.schemas.practice import ReferralFilter
from goodword.services.asks import list_asks
from goodword.services.interactions import list_interactions
from goodword.services.people_listing import stream_people
from goodword.services.referrals import list_referrals
from goodword.storage.tables import ContactPoint, Note, Organization, Person, PersonDate, Tag
from goodword.storage.unit_of_work import UnitOfWork


def csv_files(uow: UnitOfWork) -> dict[str, str]:
    people = stream_people(uow, PersonFilter())
    referrals = list_referrals(uow, ReferralFilter())
    asks = list_asks(uow)
    interactions = list_interactions(uow)
    return {
        "people.csv": csv_text(
            [
                "id",
                "name",
                "company",
                "title",
                "emails",
                "phones",
                "links",
                "skills",
                "tags",
                "tier",
                "cadence_days",
                "how_met",
                "source",
                "last_interaction_at",
            ],
            [
                [
                    p.id,
                    p.name,
                    p.company.name if p.company else None,
                    p.title,
                    "; ".join(p.emails),
                    "; ".join(p.phones),
                    "; ".join(p.urls),
                    "; ".join(p.skills),
                    "; ".join(p.tags),
                    p.tier,
                    p.cadence_days,
                    p.how_met,
                    p.source,
                    p.last_interaction_at.isoformat() if p.last_interaction_at else None,
                ]
                for p in people
            ],
        ),
        "referrals.csv": csv_text(
            [
                "id",
                "direction",
                "kind",
                "stage",
                "referrer",
                "referred",
                "recipient",
                "referred_at",
                "value",
                "outcome",
                "outcome_value",
                "outcome_reason",
            ],
            [
                [
                    r.id,
                    r.direction,
                    r.kind,
                    r.stage,
                    r.referrer.name if r.referrer else None,
                    r.referred,
                    r.recipient,
                    r.referred_at.isoformat(),
                    r.value,
                    r.outcome,
                    r.outcome_value,
                    r.outcome_reason,
                ]
                for r in referrals
            ],
        ),
        "asks.csv": csv_text(
            [
                "id",
                "person",
                "kind",
                "purpose",
                "channel",
                "asked_at",
                "status",
                "answered_at",
                "followed_up_at",
                "referral_id",
            ],
            [
                [
                    a.id,
                    a.person.name,
                    a.kind,
                    a.purpose,
                    a.channel,
                    a.asked_at.isoformat(),
                    a.status,
                    a.answered_at.isoformat() if a.answered_at else None,
                    a.followed_up_at.isoformat() if a.followed_up_at else None,
                    a.referral_id,
                ]
                for a in asks
            ],
        ),
        "interactions.csv": csv_text(
            ["id", "person", "kind", "sentiment", "occurred_at", "note"],
            [
                [i.id, i.person.name, i.kind, i.sentiment, i.occurred_at.isoformat(), i.note]
                for i in interactions
            ],
        ),
    }


def _cards(uow: UnitOfWork, rows: list[Any]) -> list[Card]:
    ids = [r.id for r in rows]
    points: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    for pid, kind, value, label in uow.session.execute(
        select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value, ContactPoint.label)
        .where(ContactPoint.person_id.in_(ids))
        .order_by(ContactPoint.id)
    ):
        points[pid].append((kind, value, label))
    tags: dict[int, list[str]] = defaultdict(list)
    for tagged, name in uow.session.execute(
        select(Tag.person_id, Tag.name).where(Tag.person_id.in_(ids)).order_by(Tag.name)
    ):
        if tagged is not None:
            tags[tagged].append(name)
    notes: dict[int, list[str]] = defaultdict(list)
    for noted, body in uow.session.execute(
        select(Note.person_id, Note.body).where(Note.person_id.in_(ids)).order_by(Note.created_at)
    ):
        if noted is not None:
            notes[noted].append(body)
    days: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, kind, month, day, year in uow.session.execute(
        select(
            PersonDate.person_id, PersonDate.kind, PersonDate.month, PersonDate.day, PersonDate.year
        ).where(PersonDate.person_id.in_(ids))
    ):
        days[pid].append((kind, KeptDay(month, day, year).text()))
    return [
        Card(
            uid=r.uid or f"goodword-{r.id}",
            name=r.name,
            given_name=r.given_name,
            family_name=r.family_name,
            company=r.org_name,
            title=r.title,
            emails=[(v, label) for k, v, label in points[r.id] if k == "email"],
            phones=[(v, label) for k, v, label in points[r.id] if k == "phone"],
            urls=[v for k, v, _ in points[r.id] if k == "url"],
            tags=tags[r.id],
            notes=notes[r.id],
            birthday=next((d for k, d in days[r.id] if k == "birthday"), None),
            anniversaries=[d for k, d in days[r.id] if k == "anniversary"],
            revised=r.updated_at,
        )
        for r in rows
    ]


def vcard_file(uow: UnitOfWork) -> tuple[str, int]:
    """Everyone as vCard 3.0, each card with the person's UID and when it last changed."""
    with uow:
        query = (
            select(
                Person.id,
                Person.uid,
                Person.name,
                Person.given_name,
                Person.family_name,
                Person.title,
                Person.updated_at,
                Organization.name.label("org_name"),
            )
            .outerjoin(Organization, Organization.id == Person.organization_id)
            .where(Person.workspace_id == uow.workspace_id)
            .order_by(Person.id)
            .execution_options(yield_per=1000)
        )
        parts, count = [], 0
        for chunk in uow.session.execute(query).partitions():
            cards = _cards(uow, list(chunk))
            parts.append(vcard_text(cards))
            count += len(cards)
        return "".join(parts), count
