"""Recognising incoming people among the known ones and adding the new ones in bulk:
by normalised email, LinkedIn URL, phone, or the key an earlier import gave them."""

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


def _keys(p: IncomingPerson) -> list[tuple[str, str]]:
    cached: list[tuple[str, str]] | None = getattr(p, "_keys", None)
    if cached is None:
        cached = _compute_keys(p)
        p._keys = cached  # type: ignore[attr-defined]
    return cached


def _compute_keys(p: IncomingPerson) -> list[tuple[str, str]]:
    keys = [("email", e) for e in map(normalise_email, p.emails) if e]
    keys += [("url", u) for u in map(normalise_url, p.urls) if u]
    keys += [("phone", n) for n in map(normalise_phone, p.phones) if n]
    keys.append(("import", import_key(p.source, p.name, p.company)))
    return keys


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
    def __init__(self, uow: UnitOfWork, now: datetime) -> None:
        self.uow, self.now, self.ws = uow, now, uow.workspace_id
        self._strength_of: dict[datetime | None, int] = {}
        session = uow.session
        self.by_key: dict[tuple[str, str], int] = {}
        for pid, kind, value in session.execute(
            select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value).where(
                ContactPoint.workspace_id == self.ws
            )
        ):
            key = _key_of(kind, value)
            if key is not None:
                self.by_key.setdefault(key, pid)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for pid, name in session.execute(
            select(Person.id, Person.name).where(Person.workspace_id == self.ws)
        ):
            self.by_name[" ".join(name.lower().split())].append(pid)
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
        self.merged = 0
        """Rows that turned out to be a person seen earlier in the same import."""

    def org_ids(self, names: Iterable[str | None]) -> None:
        new = sorted({n.strip() for n in names if n and n.strip().lower() not in self.orgs})
        unique = {n.lower(): n for n in new}
        if unique:
            fresh = list(unique.values())
            rows: list[dict[str, Any]] = [
                {"workspace_id": self.ws, "name": n, "created_at": self.now, "updated_at": self.now}
                for n in fresh
            ]
            ids = insert_with_ids(self.uow, table_of(Organization), rows)
            for oid, org in zip(ids, fresh, strict=True):
                self.orgs[org.lower()] = oid

    def match(self, p: IncomingPerson, by_name: bool = False) -> int | None:
        for key in _keys(p):
            if key in self.by_key:
                return self.by_key[key]
        if by_name:
            found = self.by_name.get(" ".join(p.name.lower().split()), [])
            if len(found) == 1:
                return found[0]
        return None

    def people(
        self, incoming: list[IncomingPerson], progress: Progress | None, by_name: bool = False
    ) -> dict[int, int]:
        """Resolve every incoming person to an id (creating the new ones); by index."""
        self.org_ids(p.company for p in incoming)
        resolved: dict[int, int] = {}
        fresh: list[tuple[int, IncomingPerson]] = []
        pending: dict[tuple[str, str], int] = {}
        for n, p in enumerate(incoming):
            pid = self.match(p, by_name)
            if pid is None:
                twin = next((pending[k] for k in _keys(p) if k in pending), None)
                if twin is not None:
                    resolved[n] = -1 - twin  # same person twice in one file: merged later
                    self.merged += 1
                    continue
                for key in _keys(p):
                    pending[key] = len(fresh)
                fresh.append((n, p))
            else:
                resolved[n] = pid
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
                    }
                )
            self.by_name[" ".join(p.name.lower().split())].append(pid)
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
                if kind == "import" and len(points) > 1:
                    continue  # an email, link or phone recognises them; no key needed
                self.point_rows.append(
                    {
                        "workspace_id": self.ws,
                        "person_id": pid,
                        "kind": kind,
                        "value": _stored(kind, value),
                    }
                )
                changed = kind != "import"
        for skill in p.skills:
            if (pid, skill.lower()) not in self.skills:
                self.skills.add((pid, skill.lower()))
                self.skill_rows.append({"workspace_id": self.ws, "person_id": pid, "name": skill})
                changed = True
        for tag in (t.strip().lower() for t in p.tags if t.strip()):
            if (pid, tag) not in self.tags:
                self.tags.add((pid, tag))
                self.tag_rows.append({"workspace_id": self.ws, "person_id": pid, "name": tag})
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
