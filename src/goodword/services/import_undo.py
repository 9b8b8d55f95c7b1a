"""Taking an import back: the database as it was before it, exactly — or, when something
recorded since depends on what it brought, nothing at all and a list of what stands in the
way.

What an import brought carries its batch (``import_batch_id``); what it changed on rows
it did not create is in the batch's journal. A row *depends* on the import when it points
at a row the import brought and did not come with that same import: a referral from a
person it created, a thank-you for a recommendation it brought, an email a later import
added to one of its people. Found through the schema's foreign keys, so a table added
later is covered without a change here.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Table, delete, func, or_, select, update

from goodword.domain.errors import Conflict
from goodword.services.import_batches import SUMMARY, read_journal
from goodword.services.lookup import get_owned
from goodword.services.person_summaries import refresh_people
from goodword.services.workspaces import drop_setting, store_setting
from goodword.storage.base import table_of
from goodword.storage.tables import Base, ImportBatch, Person
from goodword.storage.unit_of_work import UnitOfWork

#: Caches recomputed from the rows themselves: they never stand in the way.
DERIVED = {"profile_embeddings", "import_batches"}
#: How rows of each table are named to people: one, several.
NAMES = {
    "interactions": ("interaction", "interactions"),
    "referrals": ("referral", "referrals"),
    "gratitude": ("thank-you", "thank-yous"),
    "asks": ("ask", "asks"),
    "recommendations": ("recommendation", "recommendations"),
    "reference_requests": ("reference request", "reference requests"),
    "opportunities": ("opportunity", "opportunities"),
    "notes": ("note", "notes"),
    "tags": ("tag", "tags"),
    "skills": ("skill", "skills"),
    "contact_points": ("email, link or phone", "emails, links and phones"),
    "knows": ("who-knows-whom link", "who-knows-whom links"),
    "past_positions": ("past position", "past positions"),
    "people": ("person", "people"),
    "organizations": ("organization", "organizations"),
    "merges": ("merge", "merges"),
    "person_dates": ("birthday or anniversary", "birthdays and anniversaries"),
    "referral_milestones": ("milestone", "milestones"),
    "profile_embeddings": ("matching profile", "matching profiles"),
    "opportunity_skills": ("skill wanted", "skills wanted"),
    "advocates": ("program advocate", "program advocates"),
    "leads": ("program lead", "program leads"),
}


def counted(table: str, n: int) -> str:
    """``1 person``, ``3 emails, links and phones``."""
    one, many = NAMES.get(table, (table.replace("_", " "), table.replace("_", " ")))
    return f"{n:,} {one if n == 1 else many}"


class UndoReport(BaseModel):
    batch: int
    source: str
    removed: dict[str, int]
    restored: int
    """People whose summaries (last contact, balance, strength) went back to before."""


def _imported_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if "import_batch_id" in t.columns]


def _brought(uow: UnitOfWork, batch_id: int) -> dict[str, int]:
    counts = {}
    for table in _imported_tables():
        n = uow.session.scalar(
            select(func.count()).select_from(table).where(table.c.import_batch_id == batch_id)
        )
        if n:
            counts[table.name] = int(n)
    return counts


def _dependents(uow: UnitOfWork, batch_id: int, since: datetime) -> Counter[str]:
    """Rows recorded outside this import that point at rows it brought."""
    found: Counter[str] = Counter()
    brought = {t.name for t in _imported_tables()}
    for table in Base.metadata.sorted_tables:
        if table.name in DERIVED or "workspace_id" not in table.columns:
            continue
        for fk in table.foreign_keys:
            target = fk.column.table
            if target.name not in brought or fk.column.name != "id":
                continue
            ours = select(target.c.id).where(target.c.import_batch_id == batch_id)
            query = select(func.count()).select_from(table).where(fk.parent.in_(ours))
            if "import_batch_id" in table.columns:
                outside = or_(
                    table.c.import_batch_id.is_(None), table.c.import_batch_id != batch_id
                )
                query = query.where(outside)
            n = uow.session.scalar(query)
            if n:
                found[table.name] += int(n)
    edited = uow.session.scalar(
        select(func.count())
        .select_from(Person)
        .where(Person.import_batch_id == batch_id, Person.updated_at > since)
    )
    if edited:
        found["edited people"] += int(edited)
    return found


def _words(counts: Counter[str]) -> str:
    parts = []
    for name, n in counts.most_common():
        if name == "edited people":
            parts.append(f"{n} of its people edited since")
            continue
        parts.append(counted(name, n))
    return ", ".join(parts)


def undo_impact(uow: UnitOfWork, batch_id: int) -> dict[str, int]:
    """What undoing the import would remove, by table (refused if something depends on it)."""
    with uow:
        record = get_owned(uow, ImportBatch, batch_id, "import")
        _refuse_if_depended_on(uow, record)
        return _brought(uow, record.id)


def _refuse_if_depended_on(uow: UnitOfWork, record: ImportBatch) -> None:
    blocking = _dependents(uow, record.id, record.created_at)
    if blocking:
        raise Conflict(
            f"import #{record.id} ({record.source}) cannot be undone: {_words(blocking)} "
            "recorded since depend on what it brought; delete those first (or undo later "
            "imports first) — nothing was changed"
        )


def undo_import(uow: UnitOfWork, batch_id: int, now: datetime) -> UndoReport:
    with uow:
        record = get_owned(uow, ImportBatch, batch_id, "import")
        _refuse_if_depended_on(uow, record)
        removed = _brought(uow, record.id)
        for table in reversed(_imported_tables()):
            uow.session.execute(delete(table).where(table.c.import_batch_id == record.id))
        people, settings = read_journal(record.journal)
        restored = _restore_people(uow, people, now)
        for key, value in settings.items():
            if value is None:
                drop_setting(uow, key)
            else:
                store_setting(uow, key, value)
        report = UndoReport(
            batch=record.id, source=record.source, removed=removed, restored=restored
        )
        uow.session.delete(record)
        uow.commit()
        return report


def _restore_people(
    uow: UnitOfWork, journal: dict[int, tuple[list[Any], list[Any]]], now: datetime
) -> int:
    """Put back the summaries the import recomputed; a person who changed since (a new
    interaction after the import) is recomputed from their rows instead."""
    if not journal:
        return 0
    people = table_of(Person)
    current = {
        row[0]: list(row[1:])
        for row in uow.session.execute(
            select(people.c.id, *(people.c[c] for c in SUMMARY)).where(
                people.c.id.in_(list(journal))
            )
        )
    }
    changed = []
    restored = 0
    for pid, (before, after) in journal.items():
        if pid not in current:
            continue
        if current[pid] != after:
            changed.append(pid)
            continue
        uow.session.execute(
            update(people).where(people.c.id == pid).values(dict(zip(SUMMARY, before, strict=True)))
        )
        restored += 1
    refresh_people(uow, changed, now)
    return restored + len(changed)
