"""Self sign-up from a program's public page, with double opt-in: the advocate's link is
issued only after the emailed confirmation link is followed, within 14 days.

The page answers the same whether or not the address is already an advocate, so it tells
a visitor nothing about who is enrolled; confirming again just opens their page.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select

from goodword.domain.errors import RuleViolation
from goodword.programs.outbox.messages import email_row, queue, sender_for
from goodword.programs.rules.checks import normalise_email
from goodword.programs.rules.states import ProgramStatus
from goodword.programs.use_cases.advocates import enrol_advocate
from goodword.programs.use_cases.community import leaderboard_rows, stories_of
from goodword.programs.use_cases.leads import checked_email
from goodword.programs.use_cases.portal import new_portal_token, token_hash
from goodword.programs.use_cases.programs import to_public
from goodword.schemas.programs import (
    AdvocateCreate,
    LeaderboardRow,
    ProgramPublic,
    StoryPublic,
)
from goodword.services.draft_words import first_name
from goodword.services.lookup import by_secret
from goodword.services.throttles import SIGN_UP_ADDRESS, SIGN_UP_EMAIL, admit
from goodword.services.workspaces import emailed_url, text_setting
from goodword.storage.tables import Advocate, ContactPoint, Program, Signup
from goodword.storage.unit_of_work import UnitOfWork

CONFIRM_WITHIN = timedelta(days=14)


@dataclass(frozen=True)
class JoinPage:
    workspace_id: int
    program: ProgramPublic
    stories: list[StoryPublic]
    leaderboard: list[LeaderboardRow]
    open: bool  # the workspace has a public_url, so a confirmation link can be sent


def join_page(engine: Engine, token: str) -> JoinPage:
    uow, program_id = by_secret(
        engine,
        Program,
        (Program.public_token == token)
        & Program.self_signup
        & (Program.status == ProgramStatus.ACTIVE),
        "this program does not take sign-ups here (any more)",
    )
    with uow:
        found = uow.session.get(Program, program_id)
        assert found is not None
        return JoinPage(
            uow.workspace_id,
            to_public(uow, found),
            stories_of(uow, found.id),
            leaderboard_rows(uow, found),
            bool(text_setting(uow, "public_url")),
        )


def request_signup(
    engine: Engine, token: str, name: str, email: str, now: datetime, sender: str
) -> None:
    """Queue the confirmation email; nothing else happens until it is followed. Refused
    while the workspace has no ``public_url`` (the link it sends must point there), and
    past a few requests an hour per email and per ``sender`` (the network address)."""
    page = join_page(engine, token)
    address = checked_email(email)
    if page.open:
        limits = {f"email:{address.lower()}": SIGN_UP_EMAIL, f"ip:{sender}": SIGN_UP_ADDRESS}
        admit(engine, "sign-up", limits, now, "too many sign-up requests")
    uow = UnitOfWork(engine, page.workspace_id)
    with uow:
        base = emailed_url(uow)  # before anything is written
        raw = secrets.token_urlsafe(32)
        uow.session.add(
            Signup(
                workspace_id=uow.workspace_id,
                program_id=page.program.id,
                name=name.strip()[:200] or address.split("@")[0],
                email=address,
                token_hash=token_hash(raw),
                created_at=now,
                expires_at=now + CONFIRM_WITHIN,
            )
        )
        context = {
            "first_name": first_name(name) or address.split("@")[0],
            "program": page.program.name,
            "confirm_link": f"{base}/confirm/{raw}",
        }
        row = email_row(
            uow.workspace_id,
            sender_for(uow.session, uow.workspace_id),
            "advocate-confirm",
            address,
            context,
            f"confirm:{token_hash(raw)}",
            now,
        )
        queue(uow.session, [row])
        uow.commit()


def _person_for(uow: UnitOfWork, email: str) -> str | None:
    """A self sign-up of someone in the network is enrolled as that person (which is what
    a program open to the network or a tag checks)."""
    person_id = uow.session.scalar(
        select(ContactPoint.person_id).where(
            ContactPoint.workspace_id == uow.workspace_id,
            ContactPoint.kind == "email",
            func.lower(ContactPoint.value) == email.lower(),
        )
    )
    return f"#{person_id}" if person_id is not None else None


def confirm_signup(engine: Engine, token: str, now: datetime, seen_at: str | None = None) -> str:
    """Follow the confirmation link: enrol (once) and return a fresh private portal token."""
    uow, signup_id = by_secret(
        engine,
        Signup,
        Signup.token_hash == token_hash(token),
        "this confirmation link is not valid; sign up again",
    )
    with uow:
        found = uow.session.get(Signup, signup_id)
        assert found is not None
        if found.confirmed_at is None and now > found.expires_at:
            raise RuleViolation("this confirmation link expired after 14 days; sign up again")
        existing = uow.session.scalar(
            select(Advocate).where(
                Advocate.program_id == found.program_id,
                Advocate.email_key == normalise_email(found.email),
            )
        )
        if existing is None:
            data = AdvocateCreate(
                person=_person_for(uow, found.email), name=found.name, email=found.email
            )
            made = enrol_advocate(uow, found.program_id, data, now, seen_at)
            assert made.portal_link is not None
            portal = made.portal_link.rsplit("/a/", 1)[1]  # the same link as in the welcome
            found.advocate_id = made.id
        else:
            portal = new_portal_token(existing)  # confirmed again: a fresh link, the old one ends
            found.advocate_id = existing.id
        found.confirmed_at = found.confirmed_at or now
        uow.commit()
        return portal
