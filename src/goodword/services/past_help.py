"""What someone did for the user before, said the way a repeat ask should recall it.

Seed 004: "Express gratitude and mention how the referrer's support has benefited you in
the past." A referral of theirs that was won, or a recommendation they wrote, is named in
the ask's opening — never its value, never a private note.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.domain.vocabulary import Direction, Outcome
from goodword.services.draft_words import short
from goodword.services.timeline import referred_label
from goodword.storage.tables import Person, Recommendation, Referral
from goodword.storage.unit_of_work import UnitOfWork

PLATFORM = {"linkedin": "on LinkedIn", "letter": "as a letter"}


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def earlier_help(uow: UnitOfWork, person: Person, now: datetime) -> str | None:
    """One sentence recalling how this person's help worked out, or None if nothing did."""
    won = list(
        uow.session.scalars(
            select(Referral)
            .where(
                Referral.referrer_id == person.id,
                Referral.direction == Direction.RECEIVED.value,
                Referral.outcome == Outcome.WON.value,
                Referral.referred_at <= now,
            )
            .order_by(Referral.referred_at.desc())
            .limit(3)
        )
    )
    if won:
        names = [short(referred_label(r)) for r in won]
        when = won[0].referred_at.strftime("%B %Y")
        if len(names) == 1:
            return (
                f"Your introduction to {names[0]} in {when} turned into real work for me, "
                "and I have not forgotten it."
            )
        return (
            f"Your introductions to {_names(names)} turned into real work for me, "
            "and I have not forgotten it."
        )
    written = uow.session.scalars(
        select(Recommendation)
        .where(
            Recommendation.person_id == person.id,
            Recommendation.direction == Direction.RECEIVED.value,
            Recommendation.written_at <= now,
        )
        .order_by(Recommendation.written_at.desc())
        .limit(1)
    ).first()
    if written is not None:
        where = PLATFORM.get(written.platform, "")
        return (
            f"The {written.kind} you wrote me{' ' + where if where else ''} still opens doors "
            "for me — thank you again for it."
        )
    return None
