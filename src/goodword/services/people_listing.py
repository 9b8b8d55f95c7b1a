"""Listing people at the size of a real network: a page at a time, or every one streamed.

Rows are read with Core queries (no ORM objects), in the order of the index on the folded
name, and each chunk's contact points, skills and tags come in three queries: the first
page of 100,000 people costs a sort-free index walk, and ``stream_people`` holds one chunk
in memory, never the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from goodword.domain.etiquette import Etiquette
from goodword.domain.person_dates import KeptDay
from goodword.domain.vocabulary import Tier
from goodword.schemas.network import PersonFilter, PersonPublic, Ref
from goodword.services.field_values import clean_tag
from goodword.services.workspaces import load_etiquette
from goodword.storage.tables import ContactPoint, Organization, Person, PersonDate, Skill, Tag
from goodword.storage.unit_of_work import UnitOfWork

CHUNK = 1000


def _conditions(uow: UnitOfWork, filters: PersonFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Person.workspace_id == uow.workspace_id]
    if filters.text and filters.text.strip():
        needle = filters.text.strip().lower()
        where.append(
            func.lower(Person.name).contains(needle, autoescape=True)
            | Person.id.in_(
                select(ContactPoint.person_id).where(
                    ContactPoint.workspace_id == uow.workspace_id,
                    func.lower(ContactPoint.value).contains(needle, autoescape=True),
                )
            )
            | func.lower(func.coalesce(Person.title, "")).contains(needle, autoescape=True)
        )
    if filters.company and filters.company.strip():
        where.append(
            Person.organization_id.in_(
                select(Organization.id).where(
                    Organization.workspace_id == uow.workspace_id,
                    func.lower(Organization.name).contains(
                        filters.company.strip().lower(), autoescape=True
                    ),
                )
            )
        )
    if filters.tag and filters.tag.strip():
        where.append(
            Person.id.in_(
                select(Tag.person_id).where(
                    Tag.workspace_id == uow.workspace_id, Tag.name == clean_tag(filters.tag)
                )
            )
        )
    if filters.skill and filters.skill.strip():
        where.append(
            Person.id.in_(
                select(Skill.person_id).where(
                    Skill.workspace_id == uow.workspace_id,
                    func.lower(Skill.name) == filters.skill.strip().lower(),
                )
            )
        )
    return where


def _rows(uow: UnitOfWork, filters: PersonFilter) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Person.id,
            Person.name,
            Person.organization_id,
            Organization.name.label("org_name"),
            Person.title,
            Person.how_met,
            Person.looking_for,
            Person.matching_opt_out,
            Person.tier,
            Person.cadence_days,
            Person.source,
            Person.last_interaction_at,
            Person.created_at,
            Person.updated_at,
        )
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .where(*_conditions(uow, filters))
        .order_by(func.lower(Person.name), Person.id)
    )


def count_people(uow: UnitOfWork, filters: PersonFilter) -> int:
    with uow:
        query = select(func.count()).select_from(Person).where(*_conditions(uow, filters))
        return int(uow.session.scalar(query) or 0)


def _publics(uow: UnitOfWork, rows: Sequence[Any], etiquette: Etiquette) -> list[PersonPublic]:
    ids = [row.id for row in rows]
    points: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for pid, kind, value in uow.session.execute(
        select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value)
        .where(ContactPoint.person_id.in_(ids))
        .order_by(ContactPoint.id)
    ):
        points[pid][kind].append(value)
    skills: dict[int, list[str]] = defaultdict(list)
    for pid, name in uow.session.execute(
        select(Skill.person_id, Skill.name).where(Skill.person_id.in_(ids)).order_by(Skill.name)
    ):
        skills[pid].append(name)
    days: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, kind, month, day, year in uow.session.execute(
        select(
            PersonDate.person_id, PersonDate.kind, PersonDate.month, PersonDate.day, PersonDate.year
        )
        .where(PersonDate.person_id.in_(ids))
        .order_by(PersonDate.kind, PersonDate.month, PersonDate.day)
    ):
        days[pid].append((kind, KeptDay(month, day, year).text()))
    tags: dict[int, list[str]] = defaultdict(list)
    for tagged, tag in uow.session.execute(
        select(Tag.person_id, Tag.name).where(Tag.person_id.in_(ids)).order_by(Tag.name)
    ):
        if tagged is not None:
            tags[tagged].append(tag)
    return [
        PersonPublic(
            id=row.id,
            name=row.name,
            company=Ref(id=int(row.organization_id), name=row.org_name) if row.org_name else None,
            title=row.title,
            emails=points[row.id]["email"],
            phones=points[row.id]["phone"],
            urls=points[row.id]["url"],
            skills=skills[row.id],
            tags=tags[row.id],
            how_met=row.how_met,
            looking_for=row.looking_for,
            matching=not row.matching_opt_out,
            tier=row.tier,
            cadence_days=row.cadence_days or etiquette.cadence_for(Tier(row.tier)),
            source=row.source,
            last_interaction_at=row.last_interaction_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            birthday=next((d for k, d in days[row.id] if k == "birthday"), None),
            anniversaries=[d for k, d in days[row.id] if k == "anniversary"],
        )
        for row in rows
    ]


def list_people(uow: UnitOfWork, filters: PersonFilter, offset: int = 0) -> list[PersonPublic]:
    """One page: ``filters.limit`` people (all when it is unset) after ``offset``."""
    with uow:
        query = _rows(uow, filters).offset(offset)
        if filters.limit:
            query = query.limit(filters.limit)
        return _publics(uow, uow.session.execute(query).all(), load_etiquette(uow))


def stream_people(
    uow: UnitOfWork, filters: PersonFilter, chunk: int = CHUNK
) -> Iterator[PersonPublic]:
    """Every matching person, in order, one chunk in memory at a time (a server-side
    cursor on PostgreSQL)."""
    with uow:
        etiquette = load_etiquette(uow)
        query = _rows(uow, filters).execution_options(yield_per=chunk)
        if filters.limit:
            query = query.limit(filters.limit)
        for part in uow.session.execute(query).partitions():
            yield from _publics(uow, part, etiquette)
