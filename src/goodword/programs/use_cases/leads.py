"""Leads: the people advocates refer, from the link's form or the business's API.

First valid touch wins: a lead already referred by another advocate, or already a customer,
is stored as a duplicate with that reason (never dropped). Every lead is checked
(:mod:`goodword.programs.rules.checks`); a failed check holds it for a reviewer.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from goodword.domain.errors import InvalidValue, NotFound, RuleViolation
from goodword.programs.rules.checks import Flag, LeadFacts, check_lead, lead_signals
from goodword.programs.rules.checks import normalise_email as email_key
from goodword.programs.rules.rewards import ProgramKind
from goodword.programs.rules.states import LeadStatus, ProgramStatus, Review
from goodword.programs.use_cases import events as program_events
from goodword.schemas.programs import Check, HiringStageChange, LeadCreate, LeadPublic
from goodword.services.lookup import get_owned
from goodword.storage.tables import Advocate, ContactPoint, Lead, Program, Tag
from goodword.storage.unit_of_work import UnitOfWork


@cache
def disposable_domains() -> frozenset[str]:
    """The ``disposable-email-domains`` package's list, read once per process."""
    from disposable_email_domains import blocklist

    return frozenset(blocklist)


def checks_of(text: str) -> list[Check]:
    return [Check(**item) for item in json.loads(text or "[]")]


def _dump(flags: list[Flag]) -> str:
    return json.dumps([{"check": f.check, "detail": f.detail} for f in flags])


def lead_reason(lead: Lead, window_days: int) -> str:
    """Why this lead is where it is, in the advocate's words."""
    if lead.status == LeadStatus.DUPLICATE:
        return lead.duplicate_reason or "a duplicate"
    if lead.review == Review.OPEN:
        return "waiting for review: " + "; ".join(c.detail for c in checks_of(lead.flags))
    if lead.review == Review.DENIED:
        return "not accepted at review" + (f": {lead.review_note}" if lead.review_note else "")
    words: dict[str, str] = {
        LeadStatus.NEW: f"signed up; a purchase within {window_days} days earns the reward",
        LeadStatus.CONVERTED: "converted — thank you",
        LeadStatus.REFERRED: "referred; not interviewing yet",
        LeadStatus.INTERVIEWING: "interviewing",
        LeadStatus.HIRED: "hired",
        LeadStatus.NOT_HIRED: "not hired this time",
    }
    return words.get(lead.status, lead.status)


def lead_public(lead: Lead, program: Program, advocate_name: str) -> LeadPublic:
    return LeadPublic(
        id=lead.id,
        program_id=lead.program_id,
        advocate_id=lead.advocate_id,
        advocate=advocate_name,
        name=lead.name,
        email=lead.email,
        status=lead.status,
        reason=lead_reason(lead, program.window_days),
        consent=lead.consent,
        source=lead.source,
        flags=checks_of(lead.flags),
        signals=checks_of(lead.signals),
        review=lead.review,
        review_note=lead.review_note,
        created_at=lead.created_at,
    )


def checked_email(email: str) -> str:
    cleaned = email.strip()
    local, at, domain = cleaned.rpartition("@")
    if not at or not local or "." not in domain or " " in cleaned:
        raise InvalidValue(f"email '{cleaned}' is not an email address (like ana@example.com)")
    return cleaned


def _duplicate_reason(uow: UnitOfWork, email: str, existing: Lead | None) -> str | None:
    if existing is not None:
        other = uow.session.get(Advocate, existing.advocate_id)
        when = existing.created_at.date().isoformat()
        who = other.name if other is not None else "another advocate"
        return f"already referred by {who} on {when} (first referral wins)"
    customer = uow.session.scalar(
        select(ContactPoint.person_id)
        .join(Tag, Tag.person_id == ContactPoint.person_id)
        .where(
            ContactPoint.workspace_id == uow.workspace_id,
            ContactPoint.kind == "email",
            func.lower(ContactPoint.value) == email.lower(),
            func.lower(Tag.name) == "customer",
        )
        .limit(1)
    )
    return "already a customer" if customer is not None else None


def _facts(
    uow: UnitOfWork, program: Program, advocate: Advocate, data: LeadCreate, now: datetime
) -> LeadFacts:
    recent = uow.session.scalar(
        select(func.count())
        .select_from(Lead)
        .where(Lead.advocate_id == advocate.id, Lead.created_at > now - timedelta(hours=1))
    )
    return LeadFacts(
        lead_email=data.email,
        advocate_email=advocate.email,
        lead_customer_id=data.customer_id,
        advocate_customer_id=advocate.customer_id,
        lead_device=data.device_id,
        advocate_devices=frozenset(d for d in (advocate.device_id,) if d),
        leads_from_advocate_last_hour=int(recent or 0),
        burst_per_hour=program.burst_per_hour,
        lead_ip=data.ip,
        advocate_ips=frozenset(ip for ip in (advocate.ip,) if ip),
    )


def add_lead(
    uow: UnitOfWork,
    program: Program,
    advocate: Advocate,
    data: LeadCreate,
    source: str,
    now: datetime,
) -> LeadPublic:
    """Record a referred person, inside the caller's unit of work (which commits)."""
    email = checked_email(data.email)
    if program.status != ProgramStatus.ACTIVE:
        raise RuleViolation(f"program '{program.name}' is paused and takes no new referrals")
    key = email_key(email)
    existing = uow.session.scalar(
        select(Lead).where(Lead.program_id == program.id, Lead.attributed_key == key)
    )
    if existing is not None and existing.advocate_id == advocate.id:
        return lead_public(existing, program, advocate.name)  # the same form sent twice
    duplicate = "already a customer" if data.existing_customer else None
    duplicate = duplicate or _duplicate_reason(uow, email, existing)
    facts = _facts(uow, program, advocate, data.model_copy(update={"email": email}), now)
    flags = [] if duplicate else check_lead(facts, disposable_domains())
    lead = Lead(
        workspace_id=uow.workspace_id,
        program_id=program.id,
        advocate_id=advocate.id,
        name=data.name.strip() or email.split("@")[0],
        email=email,
        email_key=key,
        attributed_key=None if duplicate else key,
        customer_id=(data.customer_id or "").strip() or None,
        consent=data.consent,
        source=source,
        status=LeadStatus.DUPLICATE
        if duplicate
        else (LeadStatus.REFERRED if program.kind == ProgramKind.HIRING else LeadStatus.NEW),
        duplicate_reason=duplicate,
        ip=data.ip,
        device_id=data.device_id,
        flags=_dump(flags),
        signals=_dump(lead_signals(facts)),
        review=Review.OPEN if flags else Review.NONE,
        created_at=now,
    )
    try:
        with uow.session.begin_nested():
            uow.session.add(lead)
    except IntegrityError:  # another request won the race for this address: first touch wins
        winner = uow.session.scalar(
            select(Lead).where(Lead.program_id == program.id, Lead.attributed_key == key)
        )
        if winner is None:
            raise
        return add_lead(uow, program, advocate, data, source, now)
    program_events.lead_created(uow.session, program, advocate, lead, now)
    return lead_public(lead, program, advocate.name)


def advocate_by_code(
    uow: UnitOfWork, program: Program, code: str | None, advocate_id: int | None
) -> Advocate:
    if advocate_id is not None:
        found = uow.session.get(Advocate, advocate_id)
    elif code:
        found = uow.session.scalar(select(Advocate).where(Advocate.code == code.strip().lower()))
    else:
        raise InvalidValue("say whose referral this is: give the advocate's code or advocate_id")
    if found is None or found.program_id != program.id:
        raise NotFound(f"no such advocate in program '{program.name}'")
    return found


def create_lead(uow: UnitOfWork, program_id: int, data: LeadCreate, now: datetime) -> LeadPublic:
    """A lead sent by the business's own system (API or CLI)."""
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        advocate = advocate_by_code(uow, program, data.code, data.advocate_id)
        result = add_lead(uow, program, advocate, data, "api", now)
        uow.commit()
        return result


def list_leads(uow: UnitOfWork, program_id: int, status: str | None = None) -> list[LeadPublic]:
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        query = select(Lead, Advocate.name).join(Advocate, Advocate.id == Lead.advocate_id)
        query = query.where(Lead.program_id == program.id).order_by(Lead.id)
        if status:
            query = query.where(Lead.status == status)
        return [lead_public(lead, program, name) for lead, name in uow.session.execute(query)]


def move_candidate(
    uow: UnitOfWork, program_id: int, lead_id: int, change: HiringStageChange, now: datetime
) -> LeadPublic:
    """A hiring program's candidate moves to interviewing or not hired (hired is a
    conversion: ``goodword program convert``)."""
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        if program.kind != ProgramKind.HIRING:
            raise RuleViolation(f"'{program.name}' is not a hiring program; it has no stages")
        lead = get_owned(uow, Lead, lead_id, "lead")
        if lead.program_id != program.id:
            raise NotFound(f"lead #{lead_id} is not in program '{program.name}'")
        allowed = {LeadStatus.REFERRED, LeadStatus.INTERVIEWING}
        if lead.status not in allowed or lead.status == change.stage:
            raise RuleViolation(f"a candidate who is {lead.status} cannot move to {change.stage}")
        lead.status, lead.stage_at = change.stage, now
        advocate = uow.session.get(Advocate, lead.advocate_id)
        result = lead_public(lead, program, advocate.name if advocate else "")
        uow.commit()
        return result
