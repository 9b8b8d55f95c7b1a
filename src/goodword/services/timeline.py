"""Everything about a person, newest first: interactions, referrals both ways and their
milestones, gratitude, asks, recommendations and notes."""

from __future__ import annotations

from sqlalchemy import or_, select

from goodword.domain.agenda_items import with_article
from goodword.schemas.network import TimelineEntry
from goodword.storage.tables import (
    Ask,
    Gratitude,
    Interaction,
    Note,
    Person,
    Recommendation,
    Referral,
)
from goodword.storage.unit_of_work import UnitOfWork


def referred_label(referral: Referral) -> str:
    """What a referral was about, in words: the person, organization or free-text prospect."""
    if referral.referred_person is not None:
        return referral.referred_person.name
    if referral.referred_organization is not None:
        return referral.referred_organization.name
    return referral.referred_text or "(someone)"


def person_timeline(uow: UnitOfWork, person: Person) -> list[TimelineEntry]:
    session = uow.session
    entries: list[TimelineEntry] = []
    for i in session.scalars(select(Interaction).where(Interaction.person_id == person.id)):
        text = f"{i.kind} ({i.sentiment})" + (f": {i.note}" if i.note else "")
        entries.append(
            TimelineEntry(
                at=i.occurred_at, kind="interaction", summary=text, ref=f"interaction:{i.id}"
            )
        )
    referrals = session.scalars(
        select(Referral).where(
            or_(
                Referral.referrer_id == person.id,
                Referral.referred_person_id == person.id,
                Referral.recipient_person_id == person.id,
            )
        )
    )
    for r in referrals:
        label = referred_label(r)
        if r.direction == "received" and r.referrer_id == person.id:
            text = f"referred {label} to you ({r.kind})"
        elif r.direction == "received":
            text = f"was referred to you ({r.kind})"
        elif r.referred_person_id == person.id:
            text = f"you referred them ({r.kind})"
        else:
            text = f"you referred {label} to them ({r.kind})"
        entries.append(
            TimelineEntry(at=r.referred_at, kind="referral", summary=text, ref=f"referral:{r.id}")
        )
        for m in r.milestones:
            detail = f" {m.outcome}" if m.outcome else ""
            entries.append(
                TimelineEntry(
                    at=m.at,
                    kind="milestone",
                    ref=f"referral:{r.id}",
                    summary=f"referral #{r.id} ({label}): {m.kind}{detail}"
                    + (f" — {m.note}" if m.note else ""),
                )
            )
    for g in session.scalars(select(Gratitude).where(Gratitude.person_id == person.id)):
        about = f" for referral #{g.referral_id}" if g.referral_id else ""
        entries.append(
            TimelineEntry(
                at=g.at,
                kind="gratitude",
                ref=f"gratitude:{g.id}",
                summary=f"you thanked them ({g.kind}){about}",
            )
        )
    for a in session.scalars(select(Ask).where(Ask.person_id == person.id)):
        purpose = f" — {a.purpose}" if a.purpose else ""
        entries.append(
            TimelineEntry(
                at=a.asked_at,
                kind="ask",
                ref=f"ask:{a.id}",
                summary=f"you asked for a {a.kind} ({a.status}){purpose}",
            )
        )
    for rec in session.scalars(select(Recommendation).where(Recommendation.person_id == person.id)):
        who = "you wrote them" if rec.direction == "given" else "they wrote you"
        entries.append(
            TimelineEntry(
                at=rec.written_at,
                kind="recommendation",
                ref=f"recommendation:{rec.id}",
                summary=f"{who} {with_article(rec.kind)} on {rec.platform} ({rec.status})",
            )
        )
    for n in session.scalars(select(Note).where(Note.person_id == person.id)):
        entries.append(
            TimelineEntry(at=n.created_at, kind="note", summary=n.body, ref=f"note:{n.id}")
        )
    return sorted(entries, key=lambda e: e.at, reverse=True)
