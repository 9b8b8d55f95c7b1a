"""Merging two person records into one, and deleting a person (after showing the impact)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import or_, select

from goodword.domain.errors import InvalidValue
from goodword.schemas.network import DeletionImpact, MergeResult
from goodword.services import deletions
from goodword.services.deletions import TrashedPublic
from goodword.services.lookup import resolve_person
from goodword.services.people import _add_contacts, _add_skills, _add_tags, public
from goodword.services.person_summaries import refresh_people
from goodword.services.record_links import Links, count_links, move_links
from goodword.storage.tables import (
    Ask,
    Gratitude,
    Interaction,
    Knows,
    MergeRecord,
    Note,
    Opportunity,
    PastPosition,
    Recommendation,
    ReferenceRequest,
    Referral,
)
from goodword.storage.unit_of_work import UnitOfWork

#: Every column that points at a person, by what it holds. A merge moves all of them.
PERSON_LINKS: Links = {
    "interactions": Interaction.person_id,
    "referrals made": Referral.referrer_id,
    "referrals about them": Referral.referred_person_id,
    "referrals to them": Referral.recipient_person_id,
    "gratitude": Gratitude.person_id,
    "asks": Ask.person_id,
    "recommendations": Recommendation.person_id,
    "reference requests": ReferenceRequest.requested_by_id,
    "opportunities": Opportunity.contact_person_id,
    "notes": Note.person_id,
    "past positions": PastPosition.person_id,
}

#: What disappears with a deleted person (the rest is kept and unlinked).
DELETED_WITH_PERSON = (
    "interactions",
    "referrals made",
    "gratitude",
    "asks",
    "recommendations",
    "notes",
    "past positions",
)


def merge_people(uow: UnitOfWork, keep: str, other: str, now: datetime) -> MergeResult:
    """Fold ``other`` into ``keep``: history moves over, empty fields are filled, contact
    points, skills and tags are united, then ``other`` is deleted — all in one transaction."""
    with uow:
        kept, gone = resolve_person(uow, keep), resolve_person(uow, other)
        if kept.id == gone.id:
            raise InvalidValue("cannot merge a person with themselves")
        moved = move_links(uow, PERSON_LINKS, gone.id, kept.id)
        for kind in ("email", "phone", "url"):
            _add_contacts(uow, kept, kind, [c.value for c in gone.contact_points if c.kind == kind])
        _add_skills(uow, kept, [s.name for s in gone.skills])
        _add_tags(uow, kept, [t.name for t in gone.tags])
        kept.organization = kept.organization or gone.organization
        kept.title = kept.title or gone.title
        kept.how_met = kept.how_met or gone.how_met
        kept.cadence_days = kept.cadence_days or gone.cadence_days
        kept.updated_at = now
        moved["knows"] = _move_knows(uow, gone.id, kept.id)
        uow.session.add(
            MergeRecord(
                workspace_id=uow.workspace_id,
                kept_id=kept.id,
                kept_name=kept.name,
                merged_id=gone.id,
                merged_name=gone.name,
                moved=json.dumps({k: v for k, v in moved.items() if v}),
                merged_at=now,
            )
        )
        uow.session.delete(gone)
        uow.session.flush()
        uow.session.expire_all()
        refresh_people(uow, [kept.id], now)
        result = MergeResult(kept=public(uow, kept), merged_id=gone.id, moved=moved)
        uow.commit()
        return result


def _move_knows(uow: UnitOfWork, gone: int, kept: int) -> int:
    """Links of the merged record become the kept one's (pairs stay ordered and unique)."""
    rows = list(
        uow.session.scalars(
            select(Knows).where(or_(Knows.person_a_id == gone, Knows.person_b_id == gone))
        )
    )
    existing = {
        (r.person_a_id, r.person_b_id): r
        for r in uow.session.scalars(
            select(Knows).where(or_(Knows.person_a_id == kept, Knows.person_b_id == kept))
        )
    }
    moved = 0
    for row in rows:
        other = row.person_b_id if row.person_a_id == gone else row.person_a_id
        if other != kept:
            pair = (min(other, kept), max(other, kept))
            if pair in existing:
                existing[pair].strength = max(existing[pair].strength, row.strength)
            else:
                existing[pair] = Knows(
                    workspace_id=uow.workspace_id,
                    person_a_id=pair[0],
                    person_b_id=pair[1],
                    strength=row.strength,
                    note=row.note,
                    recorded_at=row.recorded_at,
                )
                uow.session.add(existing[pair])
                moved += 1
        uow.session.delete(row)
    uow.session.flush()
    return moved


def person_deletion_impact(uow: UnitOfWork, query: str) -> DeletionImpact:
    with uow:
        person = resolve_person(uow, query)
        links = {label: PERSON_LINKS[label] for label in DELETED_WITH_PERSON}
        removes = count_links(uow, links, person.id)
        return DeletionImpact(id=person.id, name=person.name, removes=removes)


def delete_person(uow: UnitOfWork, person_id: int, now: datetime) -> TrashedPublic:
    """Move the person to the trash with what hangs off them (30 days to restore);
    referrals about them stay, described by name."""
    return deletions.delete_record(uow, "person", person_id, now)
