"""How to thank a referrer: always more than another email, sized to the referral.

Seed 001: "When you receive a referral, thank the person. Send a gift card, or a note in the
mail, invite them to lunch or happy hour; go beyond just another email." Seed 003 adds "a
thank you note or a note and a gift if the referral becomes very valuable". Every referral
gets a gesture; its size grows with the referral's weight — what it could be worth, its
kind, whether it was won, how often this person has referred you, how close you are. An
email alone stays the user's choice (``--via email``), never the suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from goodword.domain.vocabulary import GratitudeKind

CLOSE_TIERS = ("inner", "close")


@dataclass(frozen=True)
class Gesture:
    via: GratitudeKind
    words: str
    """As the agenda says it: "a handwritten note in the mail"."""


NOTE = Gesture(GratitudeKind.HANDWRITTEN_NOTE, "a handwritten note in the mail")
GIFT_CARD = Gesture(GratitudeKind.GIFT_CARD, "a small gift card with a note")
LUNCH = Gesture(GratitudeKind.LUNCH, "lunch (or a happy hour) on you")

#: Weight at which each gesture starts; below the first, a handwritten note.
GIFT_CARD_FROM = 2
LUNCH_FROM = 4


REPEATS_COUNTED = 3
"""A third referral from the same person weighs as much as any later one: counting stops
there (so the count reads at most three rows, however often a hub has referred)."""


@dataclass(frozen=True)
class ReferralWeight:
    """What makes a referral weigh more, as of the day it is thanked."""

    value: Decimal | None = None
    high_value: Decimal = Decimal(5000)
    kind: str = "client"
    won: bool = False
    times_referred: int = 1
    """Referrals this person has sent you so far, this one included (up to
    ``REPEATS_COUNTED``)."""
    tier: str | None = None

    def points(self) -> int:
        points = 0
        if self.value is not None and self.value >= self.high_value:
            points += 4
        elif self.value is not None and self.value * 5 >= self.high_value:
            points += 1
        points += 4 if self.won else 0
        points += {"job": 2, "partner": 1}.get(self.kind, 0)
        points += min(REPEATS_COUNTED - 1, max(0, self.times_referred - 1))
        points += 1 if self.tier in CLOSE_TIERS else 0
        return points


def fitting_gesture(weight: ReferralWeight) -> Gesture:
    points = weight.points()
    if points >= LUNCH_FROM:
        return LUNCH
    if points >= GIFT_CARD_FROM:
        return GIFT_CARD
    return NOTE
