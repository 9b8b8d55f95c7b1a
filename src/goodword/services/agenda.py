"""The agenda use case: gather the facts for a day, let the domain decide what is owed."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from goodword.domain.agenda import build_agenda
from goodword.domain.agenda_facts import AgendaFacts
from goodword.domain.agenda_items import AgendaItem, ItemKind
from goodword.domain.vocabulary import parse_choice
from goodword.schemas.network import Ref
from goodword.services import agenda_facts as gather
from goodword.services import agenda_history
from goodword.services import agenda_suggestion_facts as suggest
from goodword.services.time_zones import as_of
from goodword.services.workspaces import load_etiquette
from goodword.storage.unit_of_work import UnitOfWork


class AgendaItemPublic(BaseModel):
    key: str
    kind: str
    person: Ref | None
    about: str
    due: datetime
    overdue_days: int
    overdue: str
    """How late, in words ("3 days late", "over a year late"); empty when not late."""
    priority: int
    reason: str
    draft: str
    """The command that drafts its message; ``draft_kind`` and ``draft_for`` say the same
    for the API (``GET /api/v1/drafts/{draft_kind}?{record}={id}``)."""
    draft_kind: str
    draft_for: str
    """The record the draft is about, e.g. ``referral:12``."""
    done: str
    via: str | None = None
    """For thank-you items: how to thank (``email``, or beyond it when it says so)."""


class AgendaPublic(BaseModel):
    on: datetime
    counts: dict[str, int]
    items: list[AgendaItemPublic]


def public_item(i: AgendaItem) -> AgendaItemPublic:
    ref = i.draft_ref
    return AgendaItemPublic(
        key=i.key,
        kind=i.kind.value,
        person=Ref(id=i.person.id, name=i.person.name) if i.person else None,
        about=i.about,
        due=i.due,
        overdue_days=i.overdue_days,
        overdue=i.overdue,
        priority=i.priority,
        reason=i.reason,
        draft=i.draft,
        draft_kind=ref.kind,
        draft_for=f"{ref.record}:{ref.record_id}",
        done=i.done,
        via=i.via,
    )


def agenda_items(
    uow: UnitOfWork, now: datetime, on: str | datetime | None = None
) -> list[AgendaItem]:
    """Every item for ``on`` (default: now; text as the user typed it, read in their time
    zone), most important first. Days are the user's calendar days."""
    with uow:
        day = as_of(uow, on, now)
        e = load_etiquette(uow)
        moments, recent = suggest.ask_window(uow, day, e)
        facts = AgendaFacts(
            referrals=tuple(gather.open_referrals(uow, day)),
            asks=tuple(gather.open_asks(uow, day, e)),
            moments=tuple(moments),
            recent_asks=tuple(recent),
            contacts=tuple(suggest.overdue_contacts(uow, day, e, e.agenda_suggestions)),
            days=tuple(suggest.coming_days(uow, day)),
            balances=tuple(suggest.top_balances(uow, day, now, e.agenda_suggestions, e)),
            references=tuple(gather.pending_references(uow, day, e)),
            recommendations=tuple(gather.open_recommendations(uow, day, e)),
            backlog=agenda_history.backlog(uow, day, e),
            high_value=Decimal(e.high_value_referral),
        )
    return build_agenda(facts, day, e, e.agenda_suggestions)


def today(
    uow: UnitOfWork,
    now: datetime,
    on: str | datetime | None = None,
    kinds: list[str] | None = None,
    limit: int | None = None,
) -> AgendaPublic:
    wanted = {parse_choice(ItemKind, k, "agenda kind") for k in kinds or []}
    with uow:
        day = as_of(uow, on, now)
        items = [i for i in agenda_items(uow, now, day) if not wanted or i.kind in wanted]
    counts = Counter(i.kind.value for i in items)
    if limit is not None:
        items = items[:limit]
    return AgendaPublic(on=day, counts=dict(counts), items=[public_item(i) for i in items])
