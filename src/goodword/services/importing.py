"""The import use case: whatever the source, people are recognised (email, LinkedIn URL,
phone, or what an earlier import keyed them by), new ones are added in bulk, known ones
only gain what they lacked — in one transaction, so an import lands whole or not at all,
and running it again changes nothing."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, insert, select

from goodword.interop.identity import import_key, normalise_email, normalise_phone, normalise_url
from goodword.interop.incoming import ImportBatch, IncomingPerson, Problem
from goodword.services.person_summaries import refresh_people
from goodword.storage.tables import (
    ContactPoint,
    Interaction,
    Organization,
    Person,
    Recommendation,
    Setting,
    Skill,
    Tag,
)
from goodword.storage.unit_of_work import UnitOfWork

Progress = Callable[[int, int], None]


class ProblemPublic(BaseModel):
    file: str
    line: int
    reason: str


class ImportReport(BaseModel):
    source: str
    files: dict[str, int]
    created: int
    updated: int
    unchanged: int
    recommendations: int
    interactions: int
    skipped: list[ProblemPublic]
    errors: list[ProblemPublic]
    unknown_files: list[str]


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
    keys = [("email", e) for e in map(normalise_email, p.emails) if e]
    keys += [("url", u) for u in map(normalise_url, p.urls) if u]
    keys += [("phone", n) for n in map(normalise_phone, p.phones) if n]
    keys.append(("import", import_key(p.source, p.name, p.company)))
    return keys


class _Importer:
    def __init__(self, uow: UnitOfWork, now: datetime) -> None:
        self.uow, self.now, self.ws = uow, now, uow.workspace_id
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
        self.created: set[int] = set()
        self.updated: set[int] = set()
        self.touched: set[int] = set()

    def org_ids(self, names: Iterable[str | None]) -> None:
        new = sorted({n.strip() for n in names if n and n.strip().lower() not in self.orgs})
        unique = {n.lower(): n for n in new}
        if unique:
            rows = [
                {"workspace_id": self.ws, "name": n, "created_at": self.now, "updated_at": self.now}
                for n in unique.values()
            ]
            for oid, name in self.uow.session.execute(
                insert(Organization).returning(
                    Organization.id, Organization.name, sort_by_parameter_order=True
                ),
                rows,
            ):
                self.orgs[name.lower()] = oid

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
            }
            for _, p in fresh
        ]
        ids = (
            [
                row[0]
                for row in self.uow.session.execute(
                    insert(Person).returning(Person.id, sort_by_parameter_order=True), rows
                )
            ]
            if rows
            else []
        )
        for (n, p), pid in zip(fresh, ids, strict=True):
            resolved[n] = pid
            self.created.add(pid)
            self.by_name[" ".join(p.name.lower().split())].append(pid)
            self.enrich(pid, p)
        for n, value in list(resolved.items()):
            if value < 0:
                resolved[n] = resolved[fresh[-1 - value][0]]
                self.enrich(resolved[n], incoming[n])
        if progress:
            progress(len(incoming), len(incoming))
        return resolved

    def enrich(self, pid: int, p: IncomingPerson) -> None:
        """Add what the person lacked: contact points, skills, tags (never overwrite)."""
        changed = False
        points = [(kind, value) for kind, value in _keys(p)]
        for kind, value in points:
            if (kind, value) not in self.by_key:
                self.by_key[(kind, value)] = pid
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

    point_rows: list[dict[str, Any]]
    skill_rows: list[dict[str, Any]]
    tag_rows: list[dict[str, Any]]

    def flush(self) -> None:
        session = self.uow.session
        for model, rows in (
            (ContactPoint, self.point_rows),
            (Skill, self.skill_rows),
            (Tag, self.tag_rows),
        ):
            if rows:
                session.execute(insert(model), rows)


#: What fits in a person's columns; a longer value makes its row an error, on every engine.
LIMITS = {"name": 300, "company": 300, "title": 300}


def _too_long(p: IncomingPerson) -> str | None:
    for field, limit in LIMITS.items():
        value = getattr(p, field)
        if value and len(value) > limit:
            return f"{field} is {len(value):,} characters long; at most {limit} fit"
    return None


def _drop_oversized(batch: ImportBatch) -> None:
    kept = []
    for p in batch.people:
        problem = _too_long(p)
        if problem:
            batch.errors.append(Problem(p.file or batch.source, p.line, problem))
        else:
            kept.append(p)
    batch.people = kept


def import_batch(
    uow: UnitOfWork, batch: ImportBatch, now: datetime, progress: Progress | None = None
) -> ImportReport:
    _drop_oversized(batch)
    with uow:
        importer = _Importer(uow, now)
        importer.point_rows, importer.skill_rows, importer.tag_rows = [], [], []
        ids = importer.people(batch.people, progress)
        connected = {
            (pid, at.date())
            for pid, at in uow.session.execute(
                select(Interaction.person_id, Interaction.occurred_at).where(
                    Interaction.workspace_id == uow.workspace_id, Interaction.kind == "connected"
                )
            )
        }
        interaction_rows: list[dict[str, Any]] = []
        for n, p in enumerate(batch.people):
            if p.connected_on and (ids[n], p.connected_on.date()) not in connected:
                connected.add((ids[n], p.connected_on.date()))
                interaction_rows.append(
                    {
                        "workspace_id": uow.workspace_id,
                        "person_id": ids[n],
                        "kind": "connected",
                        "sentiment": "neutral",
                        "occurred_at": p.connected_on,
                        "created_at": now,
                        "note": f"Connected on {batch.source}",
                    }
                )
        others = importer.people([r.person for r in batch.recommendations], None, by_name=True)
        seen_recs = {
            (pid, d, k, at.date(), s or "")
            for pid, d, k, at, s in uow.session.execute(
                select(
                    Recommendation.person_id,
                    Recommendation.direction,
                    Recommendation.kind,
                    Recommendation.written_at,
                    Recommendation.skill,
                ).where(Recommendation.workspace_id == uow.workspace_id)
            )
        }
        rec_rows: list[dict[str, Any]] = []
        for n, r in enumerate(batch.recommendations):
            key = (others[n], r.direction, r.kind, r.written_at.date(), r.skill or "")
            if key not in seen_recs:
                seen_recs.add(key)
                status = "published" if r.published else "sent"
                rec_rows.append(
                    {
                        "workspace_id": uow.workspace_id,
                        "person_id": others[n],
                        "direction": r.direction,
                        "kind": r.kind,
                        "text": r.text,
                        "skill": r.skill,
                        "platform": "linkedin",
                        "status": status,
                        "written_at": r.written_at,
                        "sent_at": r.written_at,
                        "published_at": r.written_at if r.published else None,
                    }
                )
        invited = importer.people([i.person for i in batch.interactions], None, by_name=True)
        seen_moments = {
            (pid, k, at)
            for pid, k, at in uow.session.execute(
                select(Interaction.person_id, Interaction.kind, Interaction.occurred_at).where(
                    Interaction.workspace_id == uow.workspace_id, Interaction.kind == "message"
                )
            )
        }
        for n, i in enumerate(batch.interactions):
            if (invited[n], i.kind, i.at) not in seen_moments:
                seen_moments.add((invited[n], i.kind, i.at))
                interaction_rows.append(
                    {
                        "workspace_id": uow.workspace_id,
                        "person_id": invited[n],
                        "kind": i.kind,
                        "sentiment": "neutral",
                        "occurred_at": i.at,
                        "created_at": now,
                        "note": i.note,
                    }
                )
        importer.flush()
        for model, rows in ((Interaction, interaction_rows), (Recommendation, rec_rows)):
            if rows:
                uow.session.execute(insert(model), rows)
        # New people were inserted with their summaries (connected date, zero balance); only
        # known people, and new ones who also got invitations or recommendations, change.
        extra = {int(r["person_id"]) for r in rec_rows} | set(invited.values())
        just_connected = {int(r["person_id"]) for r in interaction_rows} - extra
        for chunk in _chunks(sorted(extra | (just_connected - importer.created)), 500):
            refresh_people(uow, chunk)
        if batch.profile:
            _store_profile(uow, batch.profile)
        uow.commit()
        all_ids = set(ids.values())
        return ImportReport(
            source=batch.source,
            files=batch.files,
            created=len(importer.created),
            updated=len(importer.updated - importer.created),
            unchanged=len(all_ids - importer.created - importer.updated),
            recommendations=len(rec_rows),
            interactions=len(interaction_rows),
            skipped=[ProblemPublic(**vars(p)) for p in batch.skipped],
            errors=[ProblemPublic(**vars(p)) for p in batch.errors],
            unknown_files=batch.unknown_files,
        )


def _chunks(ids: Iterable[int], size: int) -> Iterable[list[int]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _store_profile(uow: UnitOfWork, profile: dict[str, object]) -> None:
    stored = uow.session.get(Setting, (uow.workspace_id, "linkedin_profile"))
    value = json.dumps(profile, ensure_ascii=False, sort_keys=True)
    if stored is None:
        uow.session.add(Setting(workspace_id=uow.workspace_id, key="linkedin_profile", value=value))
    else:
        stored.value = value


def count_people(uow: UnitOfWork) -> int:
    with uow:
        return (
            uow.session.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.workspace_id == uow.workspace_id)
            )
            or 0
        )
