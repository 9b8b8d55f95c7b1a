"""The facts of a referral's thank-you: the gesture the agenda suggests for it (seed 001:
more than another email, sized to the referral), and what the note can honestly promise."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from goodword.domain.gestures import ReferralWeight, fitting_gesture
from goodword.domain.milestones import CONTACT_ATTEMPTS, MilestoneKind
from goodword.services.agenda_facts import times_referred
from goodword.services.lookup import get_owned
from goodword.services.workspaces import load_etiquette
from goodword.storage.tables import Referral
from goodword.storage.unit_of_work import UnitOfWork

#: The line a thank-you adds for each gesture (an email alone adds none).
GESTURE_LINE = {
    "handwritten-note": "I wanted to put this on paper rather than send another email.",
    "gift-card": "I have tucked a small gift card in with this note — a coffee or two on me.",
    "gift": "I have sent a small something your way, with this note, as a thank-you.",
    "lunch": (
        "I would love to take you to lunch to say thank you properly — are you free in the "
        "next couple of weeks?"
    ),
    "happy-hour": "The first round is on me — are you free for a drink one evening soon?",
}


def thank_you_facts(uow: UnitOfWork, r: Referral) -> dict[str, Any]:
    """The thank-you for a referral: its gesture (the one the agenda suggests), whether it
    was won, and whether "I will reach out" can still be promised."""
    assert r.referrer is not None
    times = uow.session.scalar(select(times_referred(r.referrer.id, r.referred_at)))
    gesture = fitting_gesture(
        ReferralWeight(
            value=r.value,
            high_value=Decimal(load_etiquette(uow).high_value_referral),
            kind=r.kind,
            won=r.outcome == "won",
            times_referred=times or 1,
            tier=r.referrer.tier,
        )
    )
    reached = any(m.kind in (*CONTACT_ATTEMPTS, MilestoneKind.OUTCOME) for m in r.milestones)
    return {
        "what": "referral",
        "won": r.outcome == "won",
        "not_a_fit": r.outcome == "not-a-fit",
        "will_reach_out": not reached,
        "gesture": GESTURE_LINE.get(gesture.via.value),
        "via": gesture.via.value,
    }


def suggested_via(uow: UnitOfWork, referral_id: int) -> str | None:
    """The gesture the agenda suggests for thanking this referral's referrer (the web's
    thanked form starts on it); None for a referral the user gave."""
    with uow:
        referral = get_owned(uow, Referral, referral_id, "referral")
        if referral.direction != "received" or referral.referrer is None:
            return None
        return str(thank_you_facts(uow, referral)["via"])
