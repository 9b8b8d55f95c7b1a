"""Use cases for organizations: add, edit, show, list, tag, note, merge, delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select

from goodword.domain.errors import Conflict, InvalidValue
from goodword.schemas.network import (
    DeletionImpact,
    NotePublic,
    OrganizationCreate,
    OrganizationDetail,
    OrganizationMergeResult,
    OrganizationPublic,
    OrganizationUpdate,
    Ref,
)
from goodword.services import deletions
from goodword.services.deletions import TrashedPublic
from goodword.services.field_values import clean_tag
from goodword.services.lookup import find_org_by_name, resolve_org
from goodword.services.record_links import Links, add_note, count_links, move_links
from goodword.storage.tables import (
    Note,
    Opportunity,
    Organization,
    PastPosition,
    Person,
    Referral,
    Tag,
)
from goodword.storage.unit_of_work import UnitOfWork


def company_for(uow: UnitOfWork, name: str | None, now: datetime) -> Organization | None:
    """The organization called ``name``, created when new; an empty name means none."""
    if name is None or not name.strip():
        return None
    found = find_org_by_name(uow, name)
    if found is not None:
        return found
    org = Organization(
        workspace_id=uow.workspace_id, name=name.strip(), created_at=now, updated_at=now
    )
    uow.session.add(org)
    return org


def _tags(uow: UnitOfWork, org_id: int) -> list[str]:
    return list(
        uow.session.scalars(
            select(Tag.name).where(Tag.organization_id == org_id).order_by(Tag.name)
        )
    )


def _to_public(org: Organization, people: int, tags: list[str]) -> OrganizationPublic:
    return OrganizationPublic(
        id=org.id,
        name=org.name,
        website=org.website,
        industry=org.industry,
        tags=tags,
        people_count=people,
        created_at=org.created_at,
    )


def _public(uow: UnitOfWork, org: Organization) -> OrganizationPublic:
    uow.session.flush()
    count = uow.session.scalar(
        select(func.count()).select_from(Person).where(Person.organization_id == org.id)
    )
    return _to_public(org, count or 0, _tags(uow, org.id))


def _set_tags(uow: UnitOfWork, org: Organization, tags: Sequence[str]) -> None:
    existing = set(_tags(uow, org.id))
    for raw in tags:
        tag = clean_tag(raw)
        if tag not in existing:
            existing.add(tag)
            uow.session.add(Tag(workspace_id=uow.workspace_id, organization_id=org.id, name=tag))


def add_org(uow: UnitOfWork, data: OrganizationCreate, now: datetime) -> OrganizationPublic:
    with uow:
        if find_org_by_name(uow, data.name) is not None:
            raise Conflict(f"an organization named '{data.name.strip()}' already exists")
        org = company_for(uow, data.name, now)
        if org is None:
            raise InvalidValue("an organization needs a name")
        org.website, org.industry = data.website or None, data.industry or None
        uow.session.flush()
        _set_tags(uow, org, data.tags)
        if data.note:
            uow.session.add(
                Note(
                    workspace_id=uow.workspace_id,
                    organization_id=org.id,
                    body=data.note,
                    created_at=now,
                )
            )
        result = _public(uow, org)
        uow.commit()
        return result


def edit_org(
    uow: UnitOfWork, query: str, changes: OrganizationUpdate, now: datetime
) -> OrganizationPublic:
    with uow:
        if not changes.model_dump(exclude_defaults=True):
            raise InvalidValue("say what to change: --name, --website or --industry")
        org = resolve_org(uow, query)
        if changes.name is not None:
            clash = find_org_by_name(uow, changes.name)
            if not changes.name.strip():
                raise InvalidValue("an organization's name cannot be empty")
            if clash is not None and clash.id != org.id:
                raise Conflict(
                    f"'{changes.name}' is already #{clash.id}: merge them with "
                    f"`goodword orgs merge {clash.id} {org.id}`"
                )
            org.name = changes.name.strip()
        if changes.website is not None:
            org.website = changes.website.strip() or None
        if changes.industry is not None:
            org.industry = changes.industry.strip() or None
        org.updated_at = now
        result = _public(uow, org)
        uow.commit()
        return result


def show_org(uow: UnitOfWork, query: str) -> OrganizationDetail:
    with uow:
        org = resolve_org(uow, query)
        people = uow.session.scalars(
            select(Person).where(Person.organization_id == org.id).order_by(Person.name)
        ).unique()
        notes = uow.session.scalars(
            select(Note).where(Note.organization_id == org.id).order_by(Note.created_at.desc())
        )
        return OrganizationDetail(
            **_public(uow, org).model_dump(),
            people=[Ref(id=p.id, name=p.name) for p in people],
            notes=[NotePublic(id=n.id, body=n.body, created_at=n.created_at) for n in notes],
        )


def list_orgs(
    uow: UnitOfWork, text: str | None = None, tag: str | None = None
) -> list[OrganizationPublic]:
    with uow:
        query = select(Organization).where(Organization.workspace_id == uow.workspace_id)
        if text:
            query = query.where(
                func.lower(Organization.name).contains(text.lower(), autoescape=True)
            )
        if tag:
            query = query.where(
                Organization.id.in_(
                    select(Tag.organization_id).where(Tag.name == tag.strip().lower())
                )
            )
        orgs = list(uow.session.scalars(query.order_by(func.lower(Organization.name))))
        ids = [org.id for org in orgs]
        people = {
            row[0]: row[1]
            for row in uow.session.execute(
                select(Person.organization_id, func.count())
                .where(Person.organization_id.in_(ids))
                .group_by(Person.organization_id)
            )
        }
        tags: dict[int | None, list[str]] = {}
        for org_id, name in uow.session.execute(
            select(Tag.organization_id, Tag.name)
            .where(Tag.organization_id.in_(ids))
            .order_by(Tag.name)
        ):
            tags.setdefault(org_id, []).append(name)
        return [_to_public(org, people.get(org.id, 0), tags.get(org.id, [])) for org in orgs]


def tag_org(
    uow: UnitOfWork, query: str, tags: Sequence[str], *, remove: bool, now: datetime
) -> OrganizationPublic:
    with uow:
        org = resolve_org(uow, query)
        if remove:
            uow.session.execute(
                delete(Tag).where(
                    Tag.organization_id == org.id, Tag.name.in_([t.strip().lower() for t in tags])
                )
            )
        else:
            _set_tags(uow, org, tags)
        org.updated_at = now
        result = _public(uow, org)
        uow.commit()
        return result


def note_org(uow: UnitOfWork, query: str, body: str, now: datetime) -> NotePublic:
    with uow:
        note = add_note(uow, body, now, organization_id=resolve_org(uow, query).id)
        uow.commit()
        return note


ORG_LINKS: Links = {
    "people": Person.organization_id,
    "referrals (referred)": Referral.referred_organization_id,
    "referrals (recipient)": Referral.recipient_organization_id,
    "opportunities": Opportunity.organization_id,
    "notes": Note.organization_id,
    "past positions": PastPosition.organization_id,
}


def merge_orgs(uow: UnitOfWork, keep: str, other: str, now: datetime) -> OrganizationMergeResult:
    """Fold ``other`` into ``keep``: every reference moves, then ``other`` is deleted."""
    with uow:
        kept, gone = resolve_org(uow, keep), resolve_org(uow, other)
        if kept.id == gone.id:
            raise InvalidValue("cannot merge an organization with itself")
        moved = move_links(uow, ORG_LINKS, gone.id, kept.id)
        _set_tags(uow, kept, _tags(uow, gone.id))
        kept.website = kept.website or gone.website
        kept.industry = kept.industry or gone.industry
        kept.updated_at = now
        uow.session.delete(gone)
        uow.session.flush()
        uow.session.expire_all()
        result = OrganizationMergeResult(kept=_public(uow, kept), merged_id=gone.id, moved=moved)
        uow.commit()
        return result


def org_deletion_impact(uow: UnitOfWork, query: str) -> DeletionImpact:
    with uow:
        org = resolve_org(uow, query)
        counts = count_links(uow, ORG_LINKS, org.id)
        return DeletionImpact(
            id=org.id,
            name=org.name,
            removes={
                "notes": counts["notes"],
                "links from people, referrals and opportunities (kept, unlinked)": sum(
                    v for k, v in counts.items() if k != "notes"
                ),
            },
        )


def delete_org(uow: UnitOfWork, org_id: int, now: datetime) -> TrashedPublic:
    """Move the organization to the trash (30 days to restore); its people, referrals and
    opportunities stay, unlinked (referrals keep its name)."""
    return deletions.delete_record(uow, "organization", org_id, now)
