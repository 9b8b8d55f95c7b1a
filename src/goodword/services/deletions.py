"""Deleting any record of the network or the practice, and bringing it back from the trash.

One use case for every kind (people, organizations, interactions, referrals, asks,
thank-yous, recommendations, vendor references, opportunities): the record and what its
deletion takes along go to the trash in one unit of work; the ledger, strength and the
agenda reflect it at once (the summaries of the people it touched are recomputed).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select, update

from goodword.domain.errors import InvalidValue
from goodword.domain.milestones import settled_at
from goodword.domain.vocabulary import Direction
from goodword.services.lookup import get_owned
from goodword.services.person_summaries import refresh_people
from goodword.services.referrals import domain_milestones
from goodword.services.trash import KEEP_DAYS, Removal, bring_back, collect, throw_away
from goodword.storage.tables import (
    Ask,
    Base,
    Gratitude,
    Interaction,
    Opportunity,
    Organization,
    Person,
    Recommendation,
    ReferenceRequest,
    Referral,
    ReferralMilestone,
    TrashEntry,
)
from goodword.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Kind:
    model: type[Any]
    label: Callable[[Any], str]


def _name(person: Person | None) -> str:
    return person.name if person is not None else "someone"


KINDS: dict[str, Kind] = {
    "person": Kind(Person, lambda p: p.name),
    "organization": Kind(Organization, lambda o: o.name),
    "interaction": Kind(Interaction, lambda i: f"{i.kind} on {i.occurred_at.date()}"),
    "referral": Kind(
        Referral,
        lambda r: (
            f"referral from {_name(r.referrer)}"
            if r.direction == "received"
            else f"referral you gave on {r.referred_at.date()}"
        ),
    ),
    "ask": Kind(Ask, lambda a: f"ask to {_name(a.person)} for {a.kind}"),
    "gratitude": Kind(Gratitude, lambda g: f"{g.kind} for {_name(g.person)}"),
    "recommendation": Kind(
        Recommendation,
        lambda r: f"{r.kind} {'from' if r.direction == 'received' else 'for'} {_name(r.person)}",
    ),
    "reference": Kind(ReferenceRequest, lambda r: f"reference request from {r.vendor}"),
    "opportunity": Kind(Opportunity, lambda o: o.title),
}
WHAT = {"gratitude": "thank-you", "reference": "reference request"}


class TrashedPublic(BaseModel):
    id: int
    """The trash entry: ``goodword trash restore ID`` brings it back."""
    kind: str
    record_id: int
    label: str
    removed: dict[str, int]
    """Rows that went with it, by table (the record itself included)."""
    deleted_at: datetime
    keep_until: datetime


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise InvalidValue(f"kind: '{kind}' is not one of {', '.join(KINDS)}")
    return KINDS[kind]


def _people_touched(rows: dict[str, Any], patches: list[Any]) -> set[int]:
    """People whose summaries the removed (or restored) rows count in."""
    found: set[int] = set()
    for name, by_id in rows.items():
        values = by_id.values() if isinstance(by_id, dict) else by_id
        for fk in Base.metadata.tables[name].foreign_keys:
            if fk.column.table.name == "people":
                found |= {r[fk.parent.name] for r in values if r.get(fk.parent.name)}
    found |= {p[3] for p in patches if p[2].endswith("person_id") and p[3]}
    return found


def _settle(uow: UnitOfWork, referral_ids: set[int]) -> None:
    """Recompute when these referrals stopped owing anything (their milestones changed)."""
    for referral in uow.session.scalars(select(Referral).where(Referral.id.in_(referral_ids))):
        uow.session.refresh(referral, ["milestones"])
        referral.settled_at = settled_at(Direction(referral.direction), domain_milestones(referral))


def _referrals_in(rows: dict[str, Any]) -> set[int]:
    milestones = rows.get("referral_milestones", {})
    values = milestones.values() if isinstance(milestones, dict) else milestones
    return {m["referral_id"] for m in values}


class ImpactPublic(BaseModel):
    kind: str
    record_id: int
    label: str
    removed: dict[str, int]


def deletion_impact(uow: UnitOfWork, kind: str, record_id: int) -> ImpactPublic:
    """What deleting the record would take along (nothing is written)."""
    spec = _kind(kind)
    with uow:
        record = get_owned(uow, spec.model, record_id, WHAT.get(kind, kind))
        removal = collect(uow, spec.model.__tablename__, [record.id])
        _before_rows(uow, kind, record, removal)
        return ImpactPublic(
            kind=kind,
            record_id=record.id,
            label=spec.label(record),
            removed={name: len(rows) for name, rows in removal.rows.items() if rows},
        )


def delete_record(uow: UnitOfWork, kind: str, record_id: int, now: datetime) -> TrashedPublic:
    spec = _kind(kind)
    with uow:
        record = get_owned(uow, spec.model, record_id, WHAT.get(kind, kind))
        label = spec.label(record)
        table = spec.model.__tablename__
        removal = collect(uow, table, [record.id])
        extra = _before(uow, kind, record, removal)
        touched = _people_touched(removal.rows, removal.patches) - set(
            removal.rows.get("people", {})
        )
        referrals = _referrals_in(removal.rows) - set(removal.rows.get("referrals", {}))
        uow.session.expunge_all()
        entry = throw_away(uow, kind, table, record_id, label, now, removal, extra)
        _settle(uow, referrals)
        refresh_people(uow, touched, now)
        result = _public(entry, removal)
        uow.commit()
        return result


def _before_rows(uow: UnitOfWork, kind: str, record: Any, removal: Removal) -> None:
    """Rows a deletion takes besides those the schema cascades to."""
    if kind == "gratitude":
        # A thank-you gone takes its "thanked" milestone with it: the referral is owed again.
        tied = list(
            uow.session.scalars(
                select(ReferralMilestone.id).where(ReferralMilestone.gratitude_id == record.id)
            )
        )
        if tied:
            collect(uow, "referral_milestones", tied, removal)
            removal.patches = [p for p in removal.patches if not removal.has(p[0], p[1])]


def _before(uow: UnitOfWork, kind: str, record: Any, removal: Removal) -> list[Any]:
    """What a deletion changes besides the links the schema unsets."""
    _before_rows(uow, kind, record, removal)
    extra: list[Any] = []
    if kind in ("person", "organization"):
        # Referrals about them stay readable, described by name instead of a link.
        column = (
            Referral.referred_person_id if kind == "person" else Referral.referred_organization_id
        )
        about = list(
            uow.session.scalars(
                select(Referral.id).where(column == record.id, Referral.referred_text.is_(None))
            )
        )
        if about:
            uow.session.execute(
                update(Referral).where(Referral.id.in_(about)).values(referred_text=record.name)
            )
            extra = [("referrals", rid, "referred_text", None) for rid in about]
    return extra


def _public(entry: TrashEntry, removal: Removal | None = None) -> TrashedPublic:
    if removal is not None:
        removed = {name: len(rows) for name, rows in removal.rows.items() if rows}
    else:
        removed = {name: len(data["rows"]) for name, data in json.loads(entry.rows).items()}
    return TrashedPublic(
        id=entry.id,
        kind=entry.kind,
        record_id=entry.record_id,
        label=entry.label,
        removed=removed,
        deleted_at=entry.deleted_at,
        keep_until=entry.deleted_at + timedelta(days=KEEP_DAYS),
    )


def list_trash(uow: UnitOfWork, limit: int | None = None) -> list[TrashedPublic]:
    with uow:
        query = (
            select(TrashEntry)
            .where(TrashEntry.workspace_id == uow.workspace_id)
            .order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc())
        )
        if limit:
            query = query.limit(limit)
        return [_public(e) for e in uow.session.scalars(query)]


def restore(uow: UnitOfWork, entry_id: int, now: datetime) -> TrashedPublic:
    with uow:
        entry = get_owned(uow, TrashEntry, entry_id, "trash entry")
        result = _public(entry)
        rows = bring_back(uow, entry)
        patches = json.loads(entry.patches)
        _settle(uow, _referrals_in(rows) | {p[1] for p in patches if p[0] == "referrals"})
        refresh_people(
            uow, _people_touched(rows, patches) | {r["id"] for r in rows.get("people", [])}, now
        )
        uow.session.delete(entry)
        uow.commit()
        return result


def empty_trash(uow: UnitOfWork) -> int:
    """Delete for good everything in the trash; how many entries went."""
    with uow:
        entries = list(
            uow.session.scalars(
                select(TrashEntry).where(TrashEntry.workspace_id == uow.workspace_id)
            )
        )
        for entry in entries:
            uow.session.delete(entry)
        uow.commit()
        return len(entries)
