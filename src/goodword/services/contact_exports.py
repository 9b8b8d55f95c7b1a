"""Export use cases: CSV files (people, referrals, asks, interactions) and a vCard file.
A confidential company name never appears in them (only the full backup keeps it)."""

from __future__ import annotations

from sqlalchemy import select

from goodword.interop.contact_export import csv_text, vcard_text
from goodword.schemas.network import PersonFilter
from goodword.schemas.practice import ReferralFilter
from goodword.services.asks import list_asks
from goodword.services.interactions import list_interactions
from goodword.services.people_listing import list_people
from goodword.services.referrals import list_referrals
from goodword.storage.tables import Note
from goodword.storage.unit_of_work import UnitOfWork


def csv_files(uow: UnitOfWork) -> dict[str, str]:
    people = list_people(uow, PersonFilter())
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


def vcard_file(uow: UnitOfWork) -> tuple[str, int]:
    people = list_people(uow, PersonFilter())
    with uow:
        notes: dict[int, list[str]] = {}
        for person_id, body in uow.session.execute(
            select(Note.person_id, Note.body)
            .where(Note.workspace_id == uow.workspace_id, Note.person_id.is_not(None))
            .order_by(Note.created_at)
        ):
            if person_id is not None:
                notes.setdefault(person_id, []).append(body)
    return vcard_text(people, notes), len(people)
