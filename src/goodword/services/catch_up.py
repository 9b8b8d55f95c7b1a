"""Catching up with history: see what it left unsettled, draft thanks for the few most
recent, and file the rest as history in one step (they keep counting in the ledger and in
strength; they are never called late again)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select, update

from goodword.domain.agenda_facts import HistoryAct
from goodword.domain.errors import DomainError
from goodword.domain.history import RECENT, THANKED
from goodword.schemas.network import Ref
from goodword.services import agenda_history
from goodword.services.drafting import DraftPublic, draft
from goodword.services.time_zones import as_of
from goodword.services.workspaces import load_etiquette
from goodword.storage.tables import Ask, Recommendation, Referral
from goodword.storage.unit_of_work import UnitOfWork

MAX_KEEP = 100


class HistoryCountPublic(BaseModel):
    kind: str
    count: int
    first: datetime
    last: datetime


class HistoryActPublic(BaseModel):
    kind: str
    id: int
    person: Ref
    at: datetime
    draft: DraftPublic | None = None
    """A thank-you (or, for an ask, a gracious close) ready to send."""


class CatchUpPublic(BaseModel):
    counts: list[HistoryCountPublic]
    recent: list[HistoryActPublic]


class FiledPublic(BaseModel):
    filed: dict[str, int]
    kept: int


def _public(uow: UnitOfWork, act: HistoryAct, now: datetime) -> HistoryActPublic:
    record = (
        "ask" if act.kind == "ask" else "referral" if act.kind == "referral" else "recommendation"
    )
    kind = "acknowledgement" if act.kind == "ask" else "thank-you"
    try:
        message: DraftPublic | None = draft(uow, kind, now, targets={record: act.id})
    except DomainError:
        message = None
    return HistoryActPublic(
        kind=act.kind,
        id=act.id,
        person=Ref(id=act.person.id, name=act.person.name),
        at=act.at,
        draft=message,
    )


def show_catch_up(uow: UnitOfWork, now: datetime, recent: int = RECENT) -> CatchUpPublic:
    with uow:
        on = as_of(uow, None, now)
        found = agenda_history.backlog(uow, on, load_etiquette(uow), recent)
        return CatchUpPublic(
            counts=[HistoryCountPublic(**vars(c)) for c in found.counts],
            recent=[_public(uow, a, now) for a in found.recent[:recent]],
        )


def file_history(uow: UnitOfWork, now: datetime, keep_recent: int = 0) -> FiledPublic:
    """File every unsettled act from history, but the ``keep_recent`` most recent thanks
    still owed; an ask filed is closed as no-response. One unit of work."""
    keep_recent = max(0, min(keep_recent, MAX_KEEP))
    with uow:
        on = as_of(uow, None, now)
        e = load_etiquette(uow)
        kept = [
            a for a in agenda_history.backlog(uow, on, e, keep_recent).recent if a.kind in THANKED
        ][:keep_recent]
        keep = {(("referral" if a.kind == "referral" else "recommendation"), a.id) for a in kept}
        where = agenda_history.unsettled(uow, on, e)
        filed: dict[str, int] = {}
        for kind, model in (("recommendation", Recommendation), ("referral", Referral)):
            spared = [rid for k, rid in keep if k == kind]
            ids = list(
                uow.session.scalars(
                    select(model.id).where(where[kind], model.id.not_in(spared or [0]))
                )
            )
            for start in range(0, len(ids), 500):
                uow.session.execute(
                    update(model)
                    .where(model.id.in_(ids[start : start + 500]), model.history_at.is_(None))
                    .values(history_at=now)
                )
            filed[kind] = len(ids)
        asks = list(uow.session.scalars(select(Ask.id).where(where["ask"])))
        for start in range(0, len(asks), 500):
            uow.session.execute(
                update(Ask)
                .where(Ask.id.in_(asks[start : start + 500]), Ask.status == "pending")
                .values(status="no-response", answered_at=now, history_at=now)
            )
        filed["ask"] = len(asks)
        uow.commit()
        return FiledPublic(filed={k: v for k, v in filed.items() if v}, kept=len(kept))
