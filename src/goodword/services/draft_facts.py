"""The facts each draft speaks of, read from the records. Private notes never go into a
message, and a confidential company name never leaves its own record."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.lifecycles import reopened_confidential, shown_company
from goodword.domain.milestones import CONTACT_ATTEMPTS, MilestoneKind
from goodword.services.draft_words import clause, first_name, names_in, short
from goodword.services.past_help import earlier_help
from goodword.services.thank_you_facts import thank_you_facts
from goodword.services.timeline import referred_label
from goodword.services.workspaces import load_etiquette
from goodword.storage.tables import (
    Ask,
    Brief,
    Interaction,
    Person,
    Recommendation,
    ReferenceRequest,
    Referral,
)
from goodword.storage.unit_of_work import UnitOfWork

PLATFORM = {"linkedin": "LinkedIn", "letter": "a letter", "reference-call": "a reference call"}
MOMENT = {
    "project-completed": "the project we just wrapped up",
    "feedback-received": "your kind feedback",
    "meeting": "our meeting",
    "call": "our call",
    "event": "our time together at the event",
    "introduction": "the introduction",
    "email": "your note",
    "message": "your message",
}
#: How the thanks for a moment ends: a meeting was a pleasure, a note was good to get.
MOMENT_CLOSE = {
    "feedback-received": "it meant a lot",
    "introduction": "it meant a lot",
    "email": "it was good to hear from you",
    "message": "it was good to hear from you",
}
ASK_FOR = {
    "referral": "an introduction",
    "introduction": "an introduction",
    "recommendation": "a short recommendation",
    "reference": "a reference",
}


def email_of(person: Person | None) -> str | None:
    if person is None:
        return None
    return next((c.value for c in person.contact_points if c.kind == "email"), None)


def month(at: datetime) -> str:
    return at.strftime("%B %Y")


def _brief(uow: UnitOfWork) -> Brief | None:
    return uow.session.get(Brief, uow.workspace_id)


def role(person: Person) -> str | None:
    parts = [person.title, person.organization.name if person.organization else None]
    return " at ".join(p for p in parts if p) or None


def recommendation_thanks(rec: Recommendation) -> dict[str, Any]:
    return {
        "first_name": first_name(rec.person.name),
        "what": "recommendation",
        "recommendation_kind": rec.kind,
        "platform": PLATFORM.get(rec.platform, ""),
        "skill": rec.skill,
        "referred": None,
        "won": False,
        "not_a_fit": False,
        "will_reach_out": False,
        "gesture": None,
    }


def referral_context(uow: UnitOfWork, kind: str, r: Referral) -> tuple[dict[str, Any], Any]:
    assert r.referrer is not None
    referred = short(referred_label(r))
    base = {
        "first_name": first_name(r.referrer.name),
        "referred": referred,
        "referred_first": first_name(referred),
    }
    if kind == "thank-you":
        return {**base, **thank_you_facts(uow, r)}, r.referrer
    if kind == "qualifying-questions":
        return base, r.referrer
    brief = _brief(uow)
    names = names_in(
        uow,
        [brief.looking_for if brief else None, r.outcome_reason],
        [referred, r.referrer.name],
    )
    looking_for = clause(brief.looking_for, names) if brief else None
    reason = clause(r.outcome_reason, names) or ""
    if kind == "fit-questions":
        if r.outcome != "not-a-fit":
            raise RuleViolation(
                f"referral #{r.id} is not recorded as not-a-fit; these questions follow one"
            )
        return {**base, "reason": reason, "looking_for": looking_for}, r.referrer
    if kind == "contact":
        return {
            "first_name": first_name(referred),
            "referrer": r.referrer.name,
            "referrer_first": first_name(r.referrer.name),
            "referrer_role": role(r.referrer),
            "looking_for": looking_for,
        }, r.referred_person
    news = [m for m in r.milestones if m.kind in (*CONTACT_ATTEMPTS, MilestoneKind.OUTCOME)]
    if not news:
        raise RuleViolation(
            f"nothing to tell {r.referrer.name} yet about referral #{r.id}: "
            "record a contact attempt or an outcome first"
        )
    latest = news[-1]
    return {
        **base,
        "news": latest.outcome or latest.kind,
        "looking_for": looking_for,
        "reason": reason,
    }, r.referrer


def ask_context(kind: str, ask: Ask) -> dict[str, Any]:
    subject = "Thank you — and a small favour"
    return {
        "first_name": first_name(ask.person.name),
        "subject": subject,
        "asked_on": ask.asked_at.strftime("%-d %B"),
        "purpose": ask.purpose,
        "declined": ask.status == "declined",
        "company": ask.person.organization.name if ask.person.organization else None,
    }


def reference_context(request: ReferenceRequest) -> dict[str, Any]:
    """Both reference drafts: to your management (approval) and, after a denial, to the
    vendor (confidentiality). ``retried``: the vendor agreed after management said no."""
    company = shown_company(request.company, request.confidential)
    asker = request.requested_by
    return {
        "vendor": request.vendor,
        "prospect": clause(request.prospect),
        "company": None if request.confidential else company,
        "confidential": request.confidential,
        "retried": reopened_confidential(request.confidential, request.confidentiality_asked_at)
        is not None,
        "contact_first": first_name(asker.name) if asker else None,
    }


def interactions(uow: UnitOfWork, person: Person) -> list[Interaction]:
    return list(
        uow.session.scalars(
            select(Interaction)
            .where(Interaction.person_id == person.id)
            .order_by(Interaction.occurred_at.desc())
        )
    )


def ask_request(uow: UnitOfWork, person: Person, now: datetime, ask_for: str) -> dict[str, Any]:
    brief = _brief(uow)
    if brief is None or not brief.looking_for:
        raise InvalidValue(
            "the ask draft says what you are looking for: set it first with "
            'goodword brief set --looking-for "…"'
        )
    if ask_for not in ASK_FOR:
        raise InvalidValue(f"unknown ask kind '{ask_for}': use one of {', '.join(ASK_FOR)}")
    window = now - timedelta(days=load_etiquette(uow).ask_window_days)
    good = [
        i
        for i in interactions(uow, person)
        if i.sentiment == "positive" and window <= i.occurred_at <= now
    ]
    names = names_in(uow, [brief.looking_for, brief.ideal_clients, brief.not_a_fit], [person.name])
    return {
        "first_name": first_name(person.name),
        "moment": MOMENT.get(good[0].kind, "our recent conversation") if good else None,
        "moment_close": MOMENT_CLOSE.get(good[0].kind, "it was a real pleasure") if good else None,
        "looking_for": clause(brief.looking_for, names),
        "ideal_clients": clause(brief.ideal_clients, names),
        "not_a_fit": clause(brief.not_a_fit, names),
        "ask_for": ASK_FOR[ask_for],
        "past": earlier_help(uow, person, now),
    }
