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

from sqlalchemy import Table, select

from goodword.domain.strength import StrengthFacts, Touch, strength
from goodword.domain.vocabulary import Sentiment
from goodword.interop.incoming import IncomingPerson
from goodword.services.import_additions import Additions, labels_of
from goodword.services.import_keys import (
    STRONG,
    all_keys,
    folded,
    import_key_of,
    key_of,
    number_namesakes,
    stored_form,
    strong_keys,
)
from goodword.storage.base import table_of
from goodword.storage.bulk_insert import bulk_insert, new_ids
from goodword.storage.network_tables import new_uid
from goodword.storage.tables import ContactPoint, Organization, Person
from goodword.storage.unit_of_work import UnitOfWork

Progress = Callable[[int, int], None]


def insert_with_ids(uow: UnitOfWork, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their new ids, in order (ids drawn first, then one
    ``executemany``: ``storage/bulk_insert``)."""
    connection = uow.session.connection()
    ids = new_ids(connection, table, len(rows))
    bulk_insert(connection, table, [row | {"id": i} for row, i in zip(rows, ids, strict=True)])
    return ids


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
            key = key_of(kind, value)
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
            self.by_name[folded(name)].append((pid, org))
        self.orgs = {
            name.lower(): oid
            for oid, name in session.execute(
                select(Organization.id, Organization.name).where(
                    Organization.workspace_id == self.ws
                )
            )
        }
        for pid, uid in session.execute(
            select(Person.id, Person.uid).where(Person.workspace_id == self.ws)
        ):
            if uid:
                self.by_key.setdefault(("uid", uid), pid)
        self.added = Additions(uow, now, batch_id)
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
        for key in strong_keys(p):
            if key in self.by_key:
                return self.by_key[key], key[0]
        key = import_key_of(p)
        if key in self.by_key:
            pid = self.by_key[key]
            if not self.kinds_of[pid] & {kind for kind, _ in strong_keys(p)}:
                return pid, "import"
        if by_name and not strong_keys(p):
            return self._by_name(p)
        return None

    def _by_name(self, p: IncomingPerson) -> tuple[int, str] | None:
        """A name in a file that carries nothing else (LinkedIn's recommendations): the one
        person of that name, else the first of that name at that company (the one the first
        import matched, so every later import agrees with it)."""
        found = self.by_name.get(folded(p.name), [])
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
                twin = next((pending[k] for k in strong_keys(p) if k in pending), None)
                if twin is None and not strong_keys(p):
                    twin = pending.get(import_key_of(p))
                if twin is not None:
                    resolved[n] = -1 - twin  # same person twice in one file: joined later
                    self.repeated += 1
                    continue
                for key in all_keys(p):
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
                "given_name": (p.given_name or "")[:200] or None,
                "family_name": (p.family_name or "")[:200] or None,
                "uid": self._uid(p),
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
                self.added.note(pid, p.note)
            for uid in p.uids[:1]:
                self.by_key.setdefault(("uid", uid.strip()), pid)
            self.by_name[folded(p.name)].append(
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

    def _uid(self, p: IncomingPerson) -> str:
        """A new person's UID: their card's, when it fits and is free; else a new one."""
        for uid in p.uids[:1]:
            if len(uid.strip()) <= 200 and ("uid", uid.strip()) not in self.by_key:
                return uid.strip()
        return new_uid()

    def enrich(self, pid: int, p: IncomingPerson) -> None:
        """Add what the person lacked: contact points, skills, tags, days (never overwrite)."""
        changed = False
        points = all_keys(p)
        labels = labels_of(p)
        for kind, value in points:
            if (kind, value) not in self.by_key:
                self.by_key[(kind, value)] = pid
                if kind in STRONG:
                    self.kinds_of[pid].add(kind)
                if kind == "import" and len(points) > 1:
                    continue  # an email, link or phone recognises them; no key needed
                self.added.point(pid, kind, stored_form(kind, value), labels.get((kind, value)))
                changed = kind != "import"
        changed = self.added.extras(pid, p) or changed
        if changed and pid not in self.created:
            self.updated.add(pid)

    def flush(self) -> None:
        self.added.flush()
