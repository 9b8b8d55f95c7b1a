"""Use cases for people: add, edit, show, list/search, tag, note."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select

from goodword.domain.errors import InvalidValue
from goodword.domain.etiquette import Etiquette
from goodword.domain.person_dates import KeptDay, parse_day
from goodword.domain.vocabulary import Tier, parse_choice
from goodword.schemas.network import (
    NotePublic,
    PersonAdded,
    PersonCreate,
    PersonDetail,
    PersonPublic,
    PersonUpdate,
)
from goodword.services.field_values import clean_email, clean_phone, clean_tag, clean_url
from goodword.services.lookup import ref, resolve_person
from goodword.services.organizations import company_for
from goodword.services.record_links import add_note
from goodword.services.timeline import person_timeline
from goodword.services.workspaces import load_etiquette
from goodword.storage.tables import (
    ContactPoint,
    Interaction,
    Note,
    PastPosition,
    Person,
    PersonDate,
    Skill,
    Tag,
)
from goodword.storage.unit_of_work import UnitOfWork


def _add_contacts(uow: UnitOfWork, person: Person, kind: str, values: Iterable[str]) -> None:
    existing = {(c.kind, c.value) for c in person.contact_points}
    for value in values:
        if (kind, value) not in existing:
            existing.add((kind, value))
            person.contact_points.append(
                ContactPoint(workspace_id=uow.workspace_id, kind=kind, value=value)
            )


def _add_skills(uow: UnitOfWork, person: Person, names: Iterable[str]) -> None:
    existing = {s.name.lower() for s in person.skills}
    for raw in names:
        name = raw.strip()
        if name and name.lower() not in existing:
            existing.add(name.lower())
            person.skills.append(Skill(workspace_id=uow.workspace_id, name=name))


def _add_tags(uow: UnitOfWork, person: Person, names: Iterable[str]) -> None:
    existing = {t.name for t in person.tags}
    for raw in names:
        tag = clean_tag(raw)
        if tag not in existing:
            existing.add(tag)
            person.tags.append(Tag(workspace_id=uow.workspace_id, name=tag))


def last_interactions(uow: UnitOfWork, person_ids: Sequence[int]) -> dict[int, datetime]:
    if not person_ids:
        return {}
    rows = uow.session.execute(
        select(Interaction.person_id, func.max(Interaction.occurred_at))
        .where(Interaction.workspace_id == uow.workspace_id, Interaction.person_id.in_(person_ids))
        .group_by(Interaction.person_id)
    )
    return {row[0]: row[1] for row in rows}


def to_public(person: Person, etiquette: Etiquette, last_at: datetime | None) -> PersonPublic:
    points = person.contact_points
    return PersonPublic(
        id=person.id,
        name=person.name,
        company=ref(person.organization),
        title=person.title,
        emails=[c.value for c in points if c.kind == "email"],
        phones=[c.value for c in points if c.kind == "phone"],
        urls=[c.value for c in points if c.kind == "url"],
        skills=[s.name for s in person.skills],
        tags=[t.name for t in person.tags],
        how_met=person.how_met,
        looking_for=person.looking_for,
        matching=not person.matching_opt_out,
        tier=person.tier,
        cadence_days=person.cadence_days or etiquette.cadence_for(Tier(person.tier)),
        source=person.source,
        last_interaction_at=last_at,
        created_at=person.created_at,
        updated_at=person.updated_at,
        birthday=next((_text(d) for d in person.dates if d.kind == "birthday"), None),
        anniversaries=[_text(d) for d in person.dates if d.kind == "anniversary"],
    )


def _text(d: PersonDate) -> str:
    return KeptDay(d.month, d.day, d.year).text()


def _set_day(uow: UnitOfWork, person: Person, kind: str, text: str | None) -> None:
    """Set (or, with an empty text, forget) the person's birthday or their one anniversary."""
    if text is None:
        return
    person.dates = [d for d in person.dates if d.kind != kind]
    if text.strip():
        day = parse_day(text)
        person.dates.append(
            PersonDate(
                workspace_id=uow.workspace_id,
                kind=kind,
                month=day.month,
                day=day.day,
                year=day.year,
            )
        )


def public(uow: UnitOfWork, person: Person) -> PersonPublic:
    uow.session.flush()
    return to_public(
        person, load_etiquette(uow), last_interactions(uow, [person.id]).get(person.id)
    )


def _held_by_others(uow: UnitOfWork, person: Person) -> list[str]:
    """An email, link or phone of this person that someone else already has: worth a
    warning (they may be one person — see ``goodword duplicates``), never a refusal."""
    points = [(c.kind, c.value) for c in person.contact_points]
    if not points:
        return []
    rows = uow.session.execute(
        select(ContactPoint.kind, ContactPoint.value, Person.id, Person.name)
        .join(Person, Person.id == ContactPoint.person_id)
        .where(
            ContactPoint.workspace_id == uow.workspace_id,
            ContactPoint.person_id != person.id,
            ContactPoint.value.in_([value for _, value in points]),
        )
        .order_by(Person.id)
    )
    words = {"email": "the email", "url": "the link", "phone": "the phone"}
    return [
        f"{words.get(kind, kind)} {value} already belongs to {name} (#{pid}); if they are one "
        f'person, merge them: goodword merge "#{pid}" "#{person.id}"'
        for kind, value, pid, name in rows
        if (kind, value) in points
    ]


def add_person(uow: UnitOfWork, data: PersonCreate, now: datetime) -> PersonAdded:
    with uow:
        name = data.name.strip()
        if not name:
            raise InvalidValue("a person needs a name")
        person = Person(
            workspace_id=uow.workspace_id,
            name=name,
            organization=company_for(uow, data.company, now),
            title=data.title or None,
            how_met=data.how_met or None,
            looking_for=(data.looking_for or "").strip() or None,
            matching_opt_out=not data.matching,
            tier=parse_choice(Tier, data.tier, "tier").value,
            cadence_days=data.cadence_days,
            source=data.source,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(person)
        _add_contacts(uow, person, "email", [clean_email(e) for e in data.emails])
        _add_contacts(uow, person, "phone", [clean_phone(p) for p in data.phones])
        _add_contacts(uow, person, "url", [u for u in map(clean_url, data.urls) if u])
        _add_skills(uow, person, data.skills)
        _add_tags(uow, person, data.tags)
        _set_day(uow, person, "birthday", data.birthday)
        _set_day(uow, person, "anniversary", data.anniversary)
        uow.session.flush()
        warnings = _held_by_others(uow, person)
        if data.note and data.note.strip():
            uow.session.flush()
            uow.session.add(
                Note(
                    workspace_id=uow.workspace_id,
                    person_id=person.id,
                    body=data.note.strip(),
                    created_at=now,
                )
            )
        result = PersonAdded(**public(uow, person).model_dump(), warnings=warnings)
        uow.commit()
        return result


def edit_person(uow: UnitOfWork, query: str, changes: PersonUpdate, now: datetime) -> PersonPublic:
    with uow:
        if not changes.model_dump(exclude_defaults=True):
            raise InvalidValue("say what to change, e.g. --title or --add-skill (see --help)")
        person = resolve_person(uow, query)
        if changes.name is not None:
            if not changes.name.strip():
                raise InvalidValue("a person's name cannot be empty")
            person.name = changes.name.strip()
        if changes.company is not None:
            before = person.organization_id
            person.organization = company_for(uow, changes.company, now)
            uow.session.flush()
            if before is not None and before != person.organization_id:
                uow.session.add(
                    PastPosition(
                        workspace_id=uow.workspace_id,
                        person_id=person.id,
                        organization_id=before,
                        until=now,
                    )
                )
        if changes.title is not None:
            person.title = changes.title.strip() or None
        if changes.how_met is not None:
            person.how_met = changes.how_met.strip() or None
        if changes.looking_for is not None:
            person.looking_for = changes.looking_for.strip() or None
        if changes.matching is not None:
            person.matching_opt_out = not changes.matching
        if changes.tier is not None:
            person.tier = parse_choice(Tier, changes.tier, "tier").value
        if changes.cadence_days is not None:
            person.cadence_days = changes.cadence_days
        _add_contacts(uow, person, "email", [clean_email(e) for e in changes.add_emails])
        _add_contacts(uow, person, "phone", [clean_phone(p) for p in changes.add_phones])
        _add_contacts(uow, person, "url", [u for u in map(clean_url, changes.add_urls) if u])
        _add_skills(uow, person, changes.add_skills)
        drop = {s.strip().lower() for s in changes.remove_skills}
        person.skills = [s for s in person.skills if s.name.lower() not in drop]
        _set_day(uow, person, "birthday", changes.birthday)
        _set_day(uow, person, "anniversary", changes.anniversary)
        person.updated_at = now
        result = public(uow, person)
        uow.commit()
        return result


def show_person(uow: UnitOfWork, query: str) -> PersonDetail:
    with uow:
        person = resolve_person(uow, query)
        notes = uow.session.scalars(
            select(Note).where(Note.person_id == person.id).order_by(Note.created_at.desc())
        )
        return PersonDetail(
            **public(uow, person).model_dump(),
            notes=[NotePublic(id=n.id, body=n.body, created_at=n.created_at) for n in notes],
            timeline=person_timeline(uow, person),
        )


def tag_person(
    uow: UnitOfWork, query: str, tags: Sequence[str], *, remove: bool, now: datetime
) -> PersonPublic:
    with uow:
        person = resolve_person(uow, query)
        if remove:
            drop = {clean_tag(t) for t in tags}
            person.tags = [t for t in person.tags if t.name not in drop]
        else:
            _add_tags(uow, person, tags)
        person.updated_at = now
        result = public(uow, person)
        uow.commit()
        return result


def change_tags(
    uow: UnitOfWork, query: str, add: Sequence[str], remove: Sequence[str], now: datetime
) -> PersonPublic:
    """Add some tags and remove others, in one unit of work."""
    if not add and not remove:
        raise InvalidValue("add: give tags to add or to remove")
    with uow:
        result = tag_person(uow, query, add, remove=False, now=now) if add else None
        if remove:
            result = tag_person(uow, query, remove, remove=True, now=now)
        assert result is not None
        uow.commit()
        return result


def note_person(uow: UnitOfWork, query: str, body: str, now: datetime) -> NotePublic:
    with uow:
        note = add_note(uow, body, now, person_id=resolve_person(uow, query).id)
        uow.commit()
        return note
