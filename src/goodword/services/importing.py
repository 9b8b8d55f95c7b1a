"""The import use case: whatever the source, people are recognised (email, LinkedIn URL,
phone, or what an earlier import keyed them by), new ones are added in bulk, known ones
only gain what they lacked — in one transaction, so an import lands whole or not at all,
and running it again changes nothing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select

from goodword.interop.incoming import ImportBatch, IncomingPerson, Problem
from goodword.services.collector_pause import collector_paused
from goodword.services.import_batches import Journal, close_batch, open_batch
from goodword.services.import_matching import Importer, Progress
from goodword.services.person_summaries import refresh_people
from goodword.services.workspaces import text_setting
from goodword.storage.base import table_of
from goodword.storage.bulk_insert import bulk_insert
from goodword.storage.tables import (
    Interaction,
    Recommendation,
    Setting,
)
from goodword.storage.unit_of_work import UnitOfWork


class ProblemPublic(BaseModel):
    file: str
    line: int
    reason: str


#: How the report names each kind of key.
KEY_WORDS = {
    "email": "email",
    "url": "link",
    "phone": "phone",
    "uid": "card UID",
    "import": "earlier import",
    "name": "name",
}


class ImportReport(BaseModel):
    batch: int | None
    """The import's batch: ``goodword import undo BATCH`` takes it back (none when the
    import changed nothing)."""
    source: str
    files: dict[str, int]
    created: int
    updated: int
    unchanged: int
    matched: int
    """People known before the import whom its rows recognised (updated or unchanged)."""
    repeated: int
    """Rows that repeated a person seen earlier in the same file (joined to them)."""
    matched_by: dict[str, int]
    """The known people, by what recognised them: ``email``,
    ``url``, ``phone``, ``uid``, ``import`` (the key an earlier import gave a row without
    those) or ``name`` (a recommendation naming the one person of that name)."""
    recommendations: int
    interactions: int
    skipped: list[ProblemPublic]
    errors: list[ProblemPublic]
    unknown_files: list[str]


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
    with collector_paused(), uow:
        record = open_batch(uow, batch.source, batch.files, now)
        importer = Importer(uow, now, record.id)
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
                        "import_batch_id": record.id,
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
                        "imported_at": now,
                        "import_batch_id": record.id,
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
                        "import_batch_id": record.id,
                    }
                )
        importer.flush()
        for model, rows in ((Interaction, interaction_rows), (Recommendation, rec_rows)):
            if rows:
                bulk_insert(uow.session.connection(), table_of(model), rows)
        # New people were inserted with their summaries (connected date, zero balance, the
        # strength of that one connection); only
        # known people, and new ones who also got invitations or recommendations, change.
        extra = {int(r["person_id"]) for r in rec_rows} | set(invited.values())
        just_connected = {int(r["person_id"]) for r in interaction_rows} - extra
        journal = Journal()
        touched = sorted(extra | (just_connected - importer.created))
        journal.people_before(uow, [pid for pid in touched if pid not in importer.created])
        for chunk in _chunks(touched, 500):
            refresh_people(uow, chunk, now)
        journal.people_after(uow)
        if batch.profile and _profile_text(batch.profile) != text_setting(uow, PROFILE):
            journal.setting_before(uow, PROFILE)
            _store_profile(uow, batch.profile)
        matched_by = Counter(importer.found.values())
        updated = len(importer.updated - importer.created)
        report = ImportReport(
            batch=record.id,
            source=batch.source,
            files=batch.files,
            created=len(importer.created),
            updated=updated,
            unchanged=len(importer.found) - updated,
            matched=len(importer.found),
            repeated=importer.repeated,
            matched_by=dict(sorted(matched_by.items())),
            recommendations=len(rec_rows),
            interactions=len(interaction_rows),
            skipped=[ProblemPublic(**vars(p)) for p in batch.skipped],
            errors=[ProblemPublic(**vars(p)) for p in batch.errors],
            unknown_files=batch.unknown_files,
        )
        if importer.created or importer.updated or rec_rows or interaction_rows or journal.settings:
            close_batch(record, report, journal)
        else:  # an import that changed nothing leaves nothing behind, not even itself
            uow.session.delete(record)
            report.batch = None
        uow.commit()
        return report


def matched_words(report: ImportReport) -> str:
    """``812 by link, 60 by email``: how the known people were recognised."""
    return ", ".join(
        f"{n:,} by {KEY_WORDS.get(kind, kind)}"
        for kind, n in sorted(report.matched_by.items(), key=lambda pair: -pair[1])
    )


def _chunks(ids: Iterable[int], size: int) -> Iterable[list[int]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]


PROFILE = "linkedin_profile"


def _profile_text(profile: dict[str, object]) -> str:
    return json.dumps(profile, ensure_ascii=False, sort_keys=True)


def _store_profile(uow: UnitOfWork, profile: dict[str, object]) -> None:
    stored = uow.session.get(Setting, (uow.workspace_id, PROFILE))
    value = _profile_text(profile)
    if stored is None:
        uow.session.add(Setting(workspace_id=uow.workspace_id, key=PROFILE, value=value))
    else:
        stored.value = value
