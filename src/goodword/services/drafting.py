"""The draft use case: gather the real facts for a message and render its template."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.drafts.kinds import DRAFT_KINDS
from goodword.schemas.network import Ref
from goodword.services import draft_facts as facts
from goodword.services import person_draft_facts as person_facts
from goodword.services.draft_templates import stored_templates
from goodword.services.intro_draft import intro_request
from goodword.services.lookup import get_owned, resolve_person
from goodword.services.signature import signature
from goodword.services.workspaces import text_setting
from goodword.storage.tables import Ask, Recommendation, ReferenceRequest, Referral
from goodword.storage.unit_of_work import UnitOfWork

#: Which record each draft is about.
TARGET = {
    "thank-you": ("referral", "recommendation"),
    "ask": ("person",),
    "follow-up": ("ask",),
    "acknowledgement": ("ask",),
    "contact": ("referral",),
    "referrer-update": ("referral",),
    "qualifying-questions": ("referral",),
    "fit-questions": ("referral",),
    "recommendation": ("person",),
    "reciprocal-offer": ("person",),
    "check-in": ("person",),
    "reference-approval": ("reference",),
    "confidential-reference": ("reference",),
    "intro-request": ("person",),
}


class DraftPublic(BaseModel):
    kind: str
    to: Ref | None
    email: str | None
    subject: str
    body: str


def draft(
    uow: UnitOfWork,
    kind: str,
    now: datetime,
    *,
    targets: dict[str, str | int | None],
    ask_for: str = "referral",
    templates: Path | None = None,
) -> DraftPublic:
    if kind not in DRAFT_KINDS:
        raise InvalidValue(f"unknown draft '{kind}': use one of {', '.join(DRAFT_KINDS)}")
    wanted = TARGET[kind]
    given = {key: value for key, value in targets.items() if value is not None}
    if not any(key in given for key in wanted):
        options = " or ".join(f"--{key} ID" for key in wanted)
        raise InvalidValue(f"the {kind} draft is about a record: give {options}")
    with uow:
        folder = templates or _setting_folder(uow)
        context, to = _context(uow, kind, now, given, ask_for)
        context["signature"] = signature(uow)
        # Templates named for this one draft are being tried: their mistakes are shown.
        strict = templates is not None
        from goodword.drafts.rendering import render  # the template engine, when drafting

        rendered = render(kind, context, folder, stored_templates(uow), strict=strict)
        return DraftPublic(
            kind=kind,
            to=Ref(id=to.id, name=to.name) if to else None,
            email=facts.email_of(to),
            subject=rendered.subject,
            body=rendered.body,
        )


def _setting_folder(uow: UnitOfWork) -> Path | None:
    folder = text_setting(uow, "templates_dir")
    return Path(folder).expanduser() if folder else None


def _context(
    uow: UnitOfWork, kind: str, now: datetime, given: dict[str, Any], ask_for: str
) -> tuple[dict[str, Any], Any]:
    if "recommendation" in given:
        rec = get_owned(uow, Recommendation, int(given["recommendation"]), "recommendation")
        if rec.direction != "received":
            raise RuleViolation(f"recommendation #{rec.id} is one you wrote; nothing to thank")
        return facts.recommendation_thanks(rec), rec.person
    if "referral" in given:
        referral = get_owned(uow, Referral, int(given["referral"]), "referral")
        if referral.direction != "received" or referral.referrer is None:
            raise RuleViolation(
                f"referral #{referral.id} is one you gave; this draft is for referrals you received"
            )
        return facts.referral_context(uow, kind, referral)
    if "ask" in given:
        ask = get_owned(uow, Ask, int(given["ask"]), "ask")
        return facts.ask_context(kind, ask), ask.person
    if "reference" in given:
        request = get_owned(uow, ReferenceRequest, int(given["reference"]), "reference request")
        # The approval goes to your management; the confidentiality ask to whoever asked.
        to = request.requested_by if kind == "confidential-reference" else None
        return facts.reference_context(request), to
    person = resolve_person(uow, str(given["person"]))
    builders = {
        "ask": lambda: facts.ask_request(uow, person, now, ask_for),
        "recommendation": lambda: person_facts.recommendation_for(uow, person),
        "reciprocal-offer": lambda: person_facts.reciprocal_offer(uow, person),
        "check-in": lambda: person_facts.check_in(uow, person),
    }
    if kind == "intro-request":
        return intro_request(uow, person, now)
    return builders[kind](), person
