"""Finding records the way people name them: ``#12``, ``12``, a name, or an email."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import ColumnElement, Engine, func, or_, select
from sqlalchemy.orm import Session

from goodword.domain.errors import Ambiguous, NotFound
from goodword.domain.limits import MAX_ID, digits
from goodword.schemas.network import Ref
from goodword.storage.base import WorkspaceOwned
from goodword.storage.tables import ContactPoint, Organization, Person
from goodword.storage.unit_of_work import UnitOfWork

T = TypeVar("T", bound=WorkspaceOwned)


def parse_id(query: str) -> int | None:
    text = query.strip().removeprefix("#")
    return int(text) if digits(text) and len(text) < 18 else None


def not_found(what: str, record_id: int) -> NotFound:
    """The refusal for an id that names nothing of this workspace's."""
    return NotFound(f"no {what} #{record_id}: see `goodword {_listing(what)} list`")


def storable(record_id: int) -> bool:
    """Whether an id is one any engine can hold (beyond that, it cannot exist: not asked)."""
    return 0 < record_id <= MAX_ID


def get_owned(uow: UnitOfWork, model: type[T], record_id: int, what: str) -> T:
    if not storable(record_id):
        raise not_found(what, record_id)
    row = uow.session.scalar(
        select(model).where(model.id == record_id, model.workspace_id == uow.workspace_id)
    )
    if row is None:
        raise not_found(what, record_id)
    return row


def _listing(what: str) -> str:
    return {
        "person": "people",
        "organization": "orgs",
        "referral": "referrals",
        "ask": "asks",
        "recommendation": "recs",
        "reference request": "references",
        "opportunity": "opportunities",
        "program": "program",
        "advocate": "program",
        "lead": "program",
        "conversion": "program",
        "reward": "program",
        "webhook": "webhooks",
    }.get(what, what + "s")


def resolve_person(uow: UnitOfWork, query: str) -> Person:
    record_id = parse_id(query)
    if record_id is not None:
        return get_owned(uow, Person, record_id, "person")
    text = query.strip()
    if not text:
        raise NotFound("a person is needed: give a name or an id like #12")
    scope = select(Person).where(Person.workspace_id == uow.workspace_id)
    for condition in (
        func.lower(Person.name) == text.lower(),
        Person.id.in_(
            select(ContactPoint.person_id).where(
                ContactPoint.workspace_id == uow.workspace_id,
                func.lower(ContactPoint.value) == text.lower(),
            )
        ),
        func.lower(Person.name).contains(text.lower(), autoescape=True),
    ):
        matches = list(uow.session.scalars(scope.where(condition).order_by(Person.id)).unique())
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise Ambiguous("people", text, [_describe_person(p) for p in matches[:10]])
    raise NotFound(f"no person matches '{text}': add them with `goodword people add \"{text}\"`")


def _describe_person(person: Person) -> str:
    company = f", {person.organization.name}" if person.organization else ""
    return f"#{person.id} {person.name}{company}"


def resolve_org(uow: UnitOfWork, query: str) -> Organization:
    record_id = parse_id(query)
    if record_id is not None:
        return get_owned(uow, Organization, record_id, "organization")
    text = query.strip()
    scope = select(Organization).where(Organization.workspace_id == uow.workspace_id)
    for condition in (
        func.lower(Organization.name) == text.lower(),
        func.lower(Organization.name).contains(text.lower(), autoescape=True),
    ):
        matches = list(uow.session.scalars(scope.where(condition).order_by(Organization.id)))
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise Ambiguous("organizations", text, [f"#{o.id} {o.name}" for o in matches[:10]])
    raise NotFound(f"no organization matches '{text}': add it with `goodword orgs add \"{text}\"`")


def find_org_by_name(uow: UnitOfWork, name: str) -> Organization | None:
    """The organization of that name, ignoring case. SQLite folds only ASCII case, so the
    exact spelling is always tried too (``Économie`` must find ``Économie``)."""
    wanted = name.strip()
    return uow.session.scalars(
        select(Organization)
        .where(
            Organization.workspace_id == uow.workspace_id,
            or_(Organization.name == wanted, func.lower(Organization.name) == wanted.lower()),
        )
        .order_by((Organization.name == wanted).desc(), Organization.id)
    ).first()


def ref(row: Person | Organization | None) -> Ref | None:
    return None if row is None else Ref(id=row.id, name=row.name)


def by_secret(
    engine: Engine, model: type[T], condition: ColumnElement[bool], missing: str
) -> tuple[UnitOfWork, int]:
    """A record found by a public secret (a link's token) and a unit of work on its own
    workspace: the visitor has no account, so the secret is what scopes the request."""
    with Session(engine) as session:
        row = session.execute(select(model.workspace_id, model.id).where(condition)).first()
    if row is None:
        raise NotFound(missing)
    return UnitOfWork(engine, row[0]), int(row[1])
