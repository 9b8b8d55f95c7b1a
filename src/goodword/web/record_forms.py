"""One edit form for every kind of record: its fields, how to read the record's current
values, and which service saves the change. The pages stay thin: the services check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from goodword.schemas.edits import (
    AskUpdate,
    GratitudeUpdate,
    InteractionUpdate,
    OpportunityUpdate,
    RecommendationUpdate,
    ReferenceUpdate,
    ReferralUpdate,
)
from goodword.schemas.network import OrganizationUpdate, PersonUpdate
from goodword.services import (
    asks,
    gratitude,
    interactions,
    opportunities,
    organizations,
    people,
    recommendations,
    references,
    referrals,
)
from goodword.services import record_edits as edits
from goodword.storage.unit_of_work import UnitOfWork
from goodword.web.forms import text


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"
    """``text``, ``area`` (a textarea), ``select`` (options from ``choices``) or ``check``."""
    choices: str | None = None


@dataclass(frozen=True)
class Editor:
    noun: str
    fields: tuple[Field, ...]
    load: Callable[[UnitOfWork, int], BaseModel]
    values: Callable[[Any], dict[str, Any]]
    save: Callable[[UnitOfWork, int, dict[str, Any], datetime], Any]
    back: Callable[[int, Any], str]


def _given(form: dict[str, Any], *names: str) -> dict[str, Any]:
    """What the form sends: an emptied field clears it (''), a missing one is left alone."""
    return {n: str(form[n]).strip() for n in names if n in form}


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else ""


def _check(form: dict[str, Any], name: str) -> bool:
    return form.get(name) in ("on", "true", "1")


EDITORS: dict[str, Editor] = {
    "person": Editor(
        "person",
        (
            Field("name", "Name"),
            Field("company", "Company"),
            Field("title", "Title"),
            Field("how_met", "How you met", "area"),
            Field("looking_for", "What they look for", "area"),
            Field("tier", "Tier", "select", "tier"),
            Field("cadence_days", "Keep in touch every … days"),
            Field("birthday", "Birthday (1985-04-12, or 04-12)"),
            Field("matching", "Suggest them in matches and offers", "check"),
        ),
        lambda u, i: people.show_person(u, f"#{i}"),
        lambda p: {**p.model_dump(), "company": p.company.name if p.company else ""},
        lambda u, i, f, now: people.edit_person(
            u,
            f"#{i}",
            PersonUpdate.model_validate(
                {
                    **_given(
                        f, "name", "company", "title", "how_met", "looking_for", "tier", "birthday"
                    ),
                    "cadence_days": text(f, "cadence_days"),
                    "matching": _check(f, "matching"),
                }
            ),
            now,
        ),
        lambda i, _: f"/people/{i}",
    ),
    "organization": Editor(
        "organization",
        (Field("name", "Name"), Field("website", "Website"), Field("industry", "Industry")),
        lambda u, i: organizations.show_org(u, f"#{i}"),
        lambda o: o.model_dump(),
        lambda u, i, f, now: organizations.edit_org(
            u, f"#{i}", OrganizationUpdate(**_given(f, "name", "website", "industry")), now
        ),
        lambda i, _: "/people",
    ),
    "interaction": Editor(
        "interaction",
        (
            Field("kind", "What it was", "select", "interaction"),
            Field("sentiment", "How it felt", "select", "sentiment"),
            Field("when", "When (YYYY-MM-DD)"),
            Field("note", "Note", "area"),
        ),
        interactions.show_interaction,
        lambda r: {**r.model_dump(), "when": _day(r.occurred_at)},
        lambda u, i, f, now: edits.edit_interaction(
            u, i, InteractionUpdate(**_given(f, "kind", "sentiment", "when", "note")), now
        ),
        lambda _, r: f"/people/{r.person.id}",
    ),
    "referral": Editor(
        "referral",
        (
            Field("kind", "Kind", "select", "referral"),
            Field("value", "What it could be worth"),
            Field("description", "Description", "area"),
            Field("when", "When (YYYY-MM-DD)"),
        ),
        referrals.show_referral,
        lambda r: {**r.model_dump(), "when": _day(r.referred_at), "value": r.value or ""},
        lambda u, i, f, now: edits.edit_referral(
            u,
            i,
            ReferralUpdate.model_validate(
                {**_given(f, "kind", "description", "when"), "value": text(f, "value")}
            ),
            now,
        ),
        lambda i, _: f"/referrals/{i}",
    ),
    "ask": Editor(
        "ask",
        (
            Field("kind", "What you asked for", "select", "ask"),
            Field("purpose", "About"),
            Field("channel", "How", "select", "channel"),
            Field("when", "When (YYYY-MM-DD)"),
            Field("note", "Note", "area"),
        ),
        asks.show_ask,
        lambda a: {**a.model_dump(), "when": _day(a.asked_at)},
        lambda u, i, f, now: edits.edit_ask(
            u, i, AskUpdate(**_given(f, "kind", "purpose", "channel", "when", "note")), now
        ),
        lambda i, _: f"/asks#ask-{i}",
    ),
    "gratitude": Editor(
        "thank-you",
        (
            Field("kind", "How you thanked", "select", "gratitude"),
            Field("when", "When (YYYY-MM-DD)"),
            Field("note", "Note", "area"),
        ),
        gratitude.show_gratitude,
        lambda g: {**g.model_dump(), "when": _day(g.at)},
        lambda u, i, f, now: edits.edit_gratitude(
            u, i, GratitudeUpdate(**_given(f, "kind", "when", "note")), now
        ),
        lambda _, g: f"/people/{g.person.id}",
    ),
    "recommendation": Editor(
        "recommendation",
        (
            Field("kind", "Kind", "select", "recommendation"),
            Field("text", "Text", "area"),
            Field("skill", "Skill"),
            Field("platform", "Where", "select", "platform"),
            Field("when", "Written on (YYYY-MM-DD)"),
        ),
        recommendations.show_recommendation,
        lambda r: {**r.model_dump(), "when": _day(r.written_at)},
        lambda u, i, f, now: edits.edit_recommendation(
            u,
            i,
            RecommendationUpdate(**_given(f, "kind", "text", "skill", "platform", "when")),
            now,
        ),
        lambda i, _: f"/recommendations#rec-{i}",
    ),
    "reference": Editor(
        "reference request",
        (
            Field("vendor", "Vendor"),
            Field("company", "Your company"),
            Field("confidential", "Keep the company's name confidential", "check"),
            Field("prospect", "Who will call"),
            Field("note", "Note", "area"),
        ),
        references.show_reference,
        lambda r: r.model_dump(),
        lambda u, i, f, now: edits.edit_reference(
            u,
            i,
            ReferenceUpdate(
                **_given(f, "vendor", "company", "prospect", "note"),
                confidential=_check(f, "confidential"),
            ),
            now,
        ),
        lambda i, _: f"/references#reference-{i}",
    ),
    "opportunity": Editor(
        "opportunity",
        (
            Field("title", "Title"),
            Field("description", "Description", "area"),
            Field("organization", "Organization"),
            Field("contact", "Contact"),
            Field("skills", "Skills (comma-separated)"),
        ),
        opportunities.show_opportunity,
        lambda o: {
            **o.model_dump(),
            "organization": o.organization.name if o.organization else "",
            "contact": o.contact.name if o.contact else "",
            "skills": ", ".join(o.skills),
        },
        lambda u, i, f, now: _save_opportunity(u, i, f, now),
        lambda i, _: "/opportunities",
    ),
}


def _save_opportunity(uow: UnitOfWork, record_id: int, form: dict[str, Any], now: datetime) -> Any:
    current = opportunities.show_opportunity(uow, record_id)
    wanted = {s.strip() for s in str(form.get("skills", "")).split(",") if s.strip()}
    have = set(current.skills)
    return edits.edit_opportunity(
        uow,
        record_id,
        OpportunityUpdate(
            **_given(form, "title", "description", "organization", "contact"),
            add_skills=sorted(wanted - have),
            remove_skills=sorted(have - wanted),
        ),
        now,
    )
