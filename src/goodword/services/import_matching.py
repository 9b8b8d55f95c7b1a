"""Recognising incoming people among the known ones and adding the new ones in bulk.

The identity rule: an email, a LinkedIn URL, a phone number or a card's UID names one
person. A row is the person who holds one of its keys; a row whose keys are all new is a
new person — whatever the name, so two namesakes at one company stay two people (name and
company alone are only a *suggestion*, in ``goodword duplicates``). A row with no such key
is found again by the key an earlier import of the same source gave it (name, company and
its place among same-named rows of the file); that key also finds a record an older, keyless
export created, when the row now brings a key of a kind that record lacks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, insert, select

from goodword.domain.strength import StrengthFacts, Touch, strength
from goodword.domain.vocabulary import Sentiment
from goodword.interop.identity import import_key, normalise_email, normalise_phone, normalise_url
from goodword.interop.incoming import IncomingPerson
from goodword.storage.base import table_of
from goodword.storage.tables import ContactPoint, Note, Organization, Person, Skill, Tag
from goodword.storage.unit_of_work import UnitOfWork

Progress = Callable[[int, int], None]


def _stored(kind: str, value: str) -> str:
    """How a recognised key is kept: links readable (https://…), the rest as matched."""
    return f"https://{value}" if kind == "url" else value


def _key_of(kind: str, value: str) -> tuple[str, str] | None:
    normal = {"email": normalise_email, "url": normalise_url, "phone": normalise_phone}
    if kind in normal:
        found = normal[kind](value)
        return (kind, found) if found else None
    return (kind, value)


#: Keys that name one person: a different one of these means a different person.
STRONG = ("email", "url", "phone", "uid")


def _strong(p: IncomingPerson) -> list[tuple[str, str]]:
    cached: list[tuple[str, str]] | None = getattr(p, "_strong", None)
    if cached is None:
        cached = [("email", e) for e in map(normalise_email, p.emails) if e]
        cached += [("url", u) for u in map(normalise_url, p.urls) if u]
        cached += [("phone", n) for n in map(normalise_phone, p.phones) if n]
        cached += [("uid", u.strip()) for u in p.uids if u.strip()]
        p._strong = cached  # type: ignore[attr-defined]
    return cached


def _import_key(p: IncomingPerson) -> tuple[str, str]:
    key = import_key(p.source, p.name, p.company)
    return ("import", key if p.occurrence <= 1 else f"{key}#{p.occurrence}")


def _keys(p: IncomingPerson) -> list[tuple[str, str]]:
    return [*_strong(p), _import_key(p)]


def number_namesakes(incoming: Iterable[IncomingPerson]) -> None:
    """Give each keyless row its place among the keyless rows of the same name and company
    in the file: two "Ana Silva, Acme" with nothing else are two people, found again as the
    first and the second on the next import."""
    seen: dict[str, int] = defaultdict(int)
    for p in incoming:
        if not _strong(p):
            key = import_key(p.source, p.name, p.company)
            seen[key] += 1
            p.occurrence = seen[key]


def _folded(name: str) -> str:
    return " ".join(name.lower().split())


def insert_with_ids(uow: UnitOfWork, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their new ids, in order. SQLite cannot promise the order of
    a many-row RETURNING, so there the ids are handed out here, inside the transaction
    that holds the write; PostgreSQL returns them from its sequence."""
    if not rows:
        return []
    connection = uow.session.connection()
    if connection.dialect.name == "sqlite":
        start = (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(start, start + len(rows)))
        connection.execute(
            insert(table), [row | {"id": i} for row, i in zip(rows, ids, strict=True)]
        )
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [row[0] for row in connection.execute(statement, rows)]


class Importer:
    def __init__(self, uow: UnitOfWork, now: datetime, batch_id: int | None = None) -> None:
        self.uow, self.now, self.ws = uow, now, uow.workspace_id
        self.batch = batch_id
        """Every row this import writes carries its batch, so the import can be undone."""
        self._strength_of: dict[datetime | None, int] = {}
        session = uow.session
        self.by_key: dict[tuple[str, str], int] = {}
        self.kinds_of: dict[int, set[str]] = defaultdict(set)
        """The kinds of strong key each person holds (a row never joins a person holding
        another key of the same kind)."""
        for pid, kind, value in session.execute(
            select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value).where(
                ContactPoint.workspace_id == self.ws
            )
        ):
            key = _key_of(kind, value)
            if key is not None:
                self.by_key.setdefault(key, pid)
                if kind in STRONG:
                    self.kinds_of[pid].add(kind)
        self.by_name: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
        for pid, name, org in session.execute(
            select(Person.id, Person.name, Person.organization_id).where(
                Person.workspace_id == self.ws
            )
        ):
            self.by_name[_folded(name)].append((pid, org))
        self.orgs = {
            name.lower(): oid
            for oid, name in session.execute(
                select(Organization.id, Organization.name).where(
                    Organization.workspace_id == self.ws
                )
            )
        }
        self.skills = {
            (pid, name.lower())
            for pid, name in session.execute(
                select(Skill.person_id, Skill.name).where(Skill.workspace_id == self.ws)
            )
        }
        self.tags = {
            (pid, name)
            for pid, name in session.execute(
                select(Tag.person_id, Tag.name).where(
                    Tag.workspace_id == self.ws, Tag.person_id.is_not(None)
                )
            )
        }
        self.point_rows: list[dict[str, Any]] = []
        self.skill_rows: list[dict[str, Any]] = []
        self.tag_rows: list[dict[str, Any]] = []
        self.note_rows: list[dict[str, Any]] = []
        self.created: set[int] = set()
        self.updated: set[int] = set()
        self.repeated = 0
        """Rows that turned out to be a person seen earlier in the same import."""
        self.found: dict[int, str] = {}
        """People known before the import whom a row recognised, and the kind of key that
        first did."""

    def org_ids(self, names: Iterable[str | None]) -> None:
        new = sorted({n.strip() for n in names if n and n.strip().lower() not in self.orgs})
        unique = {n.lower(): n for n in new}
        if unique:
            fresh = list(unique.values())
            rows: list[dict[str, Any]] = [
                {
                    "workspace_id": self.ws,
                    "name": n,
                    "created_at": self.now,
                    "updated_at": self.now,
                    "import_batch_id": self.batch,
                }
                for n in fresh
            ]
            ids = insert_with_ids(self.uow, table_of(Organization), rows)
            for oid, org in zip(ids, fresh, strict=True):
                self.orgs[org.lower()] = oid

    def match(self, p: IncomingPerson, by_name: bool = False) -> tuple[int, str] | None:
        """The known person this row is, and the kind of key that says so."""
        for key in _strong(p):
            if key in self.by_key:
                return self.by_key[key], key[0]
        key = _import_key(p)
        if key in self.by_key:
            pid = self.by_key[key]
            if not self.kinds_of[pid] & {kind for kind, _ in _strong(p)}:
                return pid, "import"
        if by_name and not _strong(p):
            return self._by_name(p)
        return None

    def _by_name(self, p: IncomingPerson) -> tuple[int, str] | None:
        """A name in a file that carries nothing else (LinkedIn's recommendations): the one
        person of that name, else the first of that name at that company (the one the first
        import matched, so every later import agrees with it)."""
        found = self.by_name.get(_folded(p.name), [])
        if len(found) == 1:
            return found[0][0], "name"
        org = self.orgs.get((p.company or "").strip().lower())
        at_org = [pid for pid, oid in found if org is not None and oid == org]
        if at_org:
            return min(at_org), "name"
        return None

    def people(
        self, incoming: list[IncomingPerson], progress: Progress | None, by_name: bool = False
    ) -> dict[int, int]:
        """Resolve every incoming person to an id (creating the new ones); by index."""
        self.org_ids(p.company for p in incoming)
        number_namesakes(incoming)
        resolved: dict[int, int] = {}
        fresh: list[tuple[int, IncomingPerson]] = []
        pending: dict[tuple[str, str], int] = {}
        for n, p in enumerate(incoming):
            found = self.match(p, by_name)
            if found is None:
                twin = next((pending[k] for k in _strong(p) if k in pending), None)
                if twin is None and not _strong(p):
                    twin = pending.get(_import_key(p))
                if twin is not None:
                    resolved[n] = -1 - twin  # same person twice in one file: joined later
                    self.repeated += 1
                    continue
                for key in _keys(p):
                    pending.setdefault(key, len(fresh))
                fresh.append((n, p))
            else:
                pid, kind = found
                resolved[n] = pid
                if pid not in self.created:
                    self.found.setdefault(pid, kind)
                self.enrich(pid, p)
            if progress and n % 500 == 0:
                progress(n, len(incoming))
        rows = [
            {
                "workspace_id": self.ws,
                "name": p.name,
                "title": p.title,
                "tier": "network",
                "organization_id": self.orgs.get((p.company or "").strip().lower()),
                "source": p.source,
                "created_at": self.now,
                "updated_at": self.now,
                "reciprocity_balance": 0,
                "last_interaction_at": p.connected_on,
                "strength": self._first_strength(p.connected_on),
                "strength_at": self.now,
                "import_batch_id": self.batch,
            }
            for _, p in fresh
        ]
        ids = insert_with_ids(self.uow, table_of(Person), rows)
        for (n, p), pid in zip(fresh, ids, strict=True):
            resolved[n] = pid
            self.created.add(pid)
            if p.note:
                self.note_rows.append(
                    {
                        "workspace_id": self.ws,
                        "person_id": pid,
                        "body": p.note,
                        "created_at": self.now,
                        "import_batch_id": self.batch,
                    }
                )
            self.by_name[_folded(p.name)].append(
                (pid, self.orgs.get((p.company or "").strip().lower()))
            )
            self.enrich(pid, p)
        for n, value in list(resolved.items()):
            if value < 0:
                resolved[n] = resolved[fresh[-1 - value][0]]
                self.enrich(resolved[n], incoming[n])
        if progress:
            progress(len(incoming), len(incoming))
        return resolved

    def _first_strength(self, connected: datetime | None) -> int:
        """A new person's strength: one (neutral) connection, nothing exchanged yet (the
        same few connection dates recur, so each is scored once)."""
        if connected not in self._strength_of:
            touches = [Touch(connected, Sentiment.NEUTRAL)] if connected else []
            facts = StrengthFacts(touches, 0, 0, None)
            self._strength_of[connected] = strength(facts, self.now).score
        return self._strength_of[connected]

    def enrich(self, pid: int, p: IncomingPerson) -> None:
        """Add what the person lacked: contact points, skills, tags (never overwrite)."""
        changed = False
        points = _keys(p)
        for kind, value in points:
            if (kind, value) not in self.by_key:
                self.by_key[(kind, value)] = pid
                if kind in STRONG:
                    self.kinds_of[pid].add(kind)
                if kind == "import" and len(points) > 1:
                    continue  # an email, link or phone recognises them; no key needed
                self.point_rows.append(
                    {
                        "workspace_id": self.ws,
                        "person_id": pid,
                        "kind": kind,
                        "value": _stored(kind, value),
                        "import_batch_id": self.batch,
                    }
                )
                changed = kind != "import"
        for skill in p.skills:
            if (pid, skill.lower()) not in self.skills:
                self.skills.add((pid, skill.lower()))
                self.skill_rows.append(
                    {
                        "workspace_id": self.ws,
                        "person_id": pid,
                        "name": skill,
                        "import_batch_id": self.batch,
                    }
                )
                changed = True
        for tag in (t.strip().lower() for t in p.tags if t.strip()):
            if (pid, tag) not in self.tags:
                self.tags.add((pid, tag))
                self.tag_rows.append(
                    {
                        "workspace_id": self.ws,
                        "person_id": pid,
                        "name": tag,
                        "import_batch_id": self.batch,
                    }
                )
                changed = True
        if changed and pid not in self.created:
            self.updated.add(pid)

    def flush(self) -> None:
        session = self.uow.session
        for model, rows in (
            (ContactPoint, self.point_rows),
            (Skill, self.skill_rows),
            (Tag, self.tag_rows),
            (Note, self.note_rows),
        ):
            if rows:
                session.connection().execute(insert(table_of(model)), rows)
