"""Acting on an agenda item from a page: its draft, and the one step that marks it done.

An item names its record (``about``, e.g. ``referral:12``) and its kind; this module maps the
two to the same use cases the CLI's ``done`` command runs. Items that need the user's words
(the qualifying answers, a reference decision, what to offer) have no one-click step: their
page has the form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from goodword.domain.errors import DomainError, InvalidValue
from goodword.domain.limits import digits
from goodword.schemas.network import InteractionCreate
from goodword.schemas.practice import AskCreate
from goodword.services import (
    asks,
    interactions,
    recommendations,
    references,
    referral_milestones,
)
from goodword.services.agenda import AgendaItemPublic, agenda_items, public_item
from goodword.services.drafting import DraftPublic, draft
from goodword.storage.unit_of_work import UnitOfWork

Step = Callable[[UnitOfWork, int, datetime, str], object]

#: (kind, record) → (button label, the step, what to say when it is done)
ONE_CLICK: dict[tuple[str, str], tuple[str, Step, str]] = {
    ("thank", "referral"): (
        "Mark thanked",
        lambda u, i, now, via: referral_milestones.thank_referrer(u, i, via, now),
        "Thank-you recorded.",
    ),
    ("thank", "recommendation"): (
        "Mark thanked",
        lambda u, i, now, via: recommendations.thank_for_recommendation(u, i, via, now),
        "Thank-you recorded.",
    ),
    ("contact", "referral"): (
        "Mark contacted",
        lambda u, i, now, _: referral_milestones.record_contact(u, i, succeeded=True, now=now),
        "Contact recorded; tell the referrer how it goes.",
    ),
    ("update-referrer", "referral"): (
        "Mark referrer updated",
        lambda u, i, now, _: referral_milestones.record_referrer_updated(u, i, now),
        "Loop closed: the referrer knows how it went.",
    ),
    ("follow-up-ask", "ask"): (
        "Mark follow-up sent",
        lambda u, i, now, _: asks.follow_up_ask(u, i, now),
        "Follow-up recorded; that was the only one.",
    ),
    ("close-ask", "ask"): (
        "Close as no response",
        lambda u, i, now, _: asks.answer_ask(u, i, "no-response", now),
        "Ask closed gracefully.",
    ),
    ("acknowledge-decline", "ask"): (
        "Mark acknowledged",
        lambda u, i, now, _: asks.acknowledge_ask(u, i, now),
        "Decline acknowledged; keep in touch as before.",
    ),
    ("ask-confidential", "reference"): (
        "Mark vendor asked",
        lambda u, i, now, _: references.ask_confidentiality(u, i, now),
        "Recorded: you asked the vendor to keep the company's name confidential.",
    ),
    ("recommend", "recommendation"): (
        "Mark sent",
        lambda u, i, now, _: recommendations.set_recommendation_status(u, i, "sent", now),
        "Recommendation marked sent.",
    ),
    ("keep-in-touch", "person"): (
        "Mark checked in",
        lambda u, i, now, _: interactions.log_interaction(
            u, InteractionCreate(person=f"#{i}", kind="message", note="Checked in"), now
        ),
        "Check-in logged.",
    ),
    ("ask", "person"): (
        "Mark asked",
        lambda u, i, now, _: asks.create_ask(u, AskCreate(person=f"#{i}"), now),
        "Ask recorded; goodword will remind you to follow up once.",
    ),
}


def split_about(about: str) -> tuple[str, int]:
    record, _, number = about.partition(":")
    if not digits(number):
        raise InvalidValue(f"item: '{about}' does not name a record")
    return record, int(number)


def one_click_label(item: AgendaItemPublic) -> str | None:
    if not digits(item.about.partition(":")[2]):
        return None  # the catch-up: its page files history
    record, _ = split_about(item.about)
    found = ONE_CLICK.get((item.kind, record))
    return found[0] if found else None


def thank_via(item: AgendaItemPublic) -> str:
    """How the item says to thank (a high-value referral: beyond an email)."""
    return item.via or "email"


def complete_item(uow: UnitOfWork, kind: str, about: str, now: datetime, via: str = "email") -> str:
    """Record the step that settles this agenda item; refused if it has no one-click step."""
    record, record_id = split_about(about)
    found = ONE_CLICK.get((kind, record))
    if found is None:
        raise InvalidValue(f"item: a {kind} item is done from its page, not in one click")
    _, step, message = found
    step(uow, record_id, now, via)
    return message


def item_draft(uow: UnitOfWork, item: AgendaItemPublic, now: datetime) -> DraftPublic:
    """The drafted message the item names (its ``draft_kind``, about ``draft_for``)."""
    record, record_id = split_about(item.draft_for)
    return draft(uow, item.draft_kind, now, targets={record: record_id})


def agenda_with_drafts(
    uow: UnitOfWork, now: datetime, limit: int = 50
) -> list[tuple[AgendaItemPublic, DraftPublic | None, str | None]]:
    """The day's items with their drafts and one-click labels, for the Today page."""
    rows = []
    for item in agenda_items(uow, now)[:limit]:
        public = public_item(item)
        try:
            message: DraftPublic | None = item_draft(uow, public, now)
        except DomainError:  # a record changed under the item: show it without a draft
            message = None
        rows.append((public, message, one_click_label(public)))
    return rows
