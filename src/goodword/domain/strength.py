"""Relationship strength, 0 to 100, and every part of it in words.

Built only from what the user recorded: how recently and how often they were in good
touch, how those moments felt, what was exchanged (referrals, introductions,
recommendations) and whether it went both ways, and thanks given. Negative moments count
against a relationship, never for it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from goodword.domain.vocabulary import Sentiment

#: At most this many points for a recent good (positive or neutral) interaction, halving
#: every RECENCY_HALF_LIFE_DAYS.
RECENCY_POINTS = 30
RECENCY_HALF_LIFE_DAYS = 90
#: At most this many points for how often you were in good touch over the last year;
#: FREQUENCY_SCALE interactions give about two thirds of them.
FREQUENCY_POINTS = 20
FREQUENCY_SCALE = 6
YEAR_DAYS = 365
#: At most this many points for how the last year's moments felt (positive minus negative,
#: as a share of them all).
SENTIMENT_POINTS = 15
#: Points lost for each negative moment in the last NEGATIVE_MEMORY_DAYS.
NEGATIVE_PENALTY = 8
NEGATIVE_MEMORY_DAYS = 180
#: At most this many points for what was exchanged, in ledger points (domain.ledger);
#: EXCHANGE_SCALE points give about two thirds of them.
EXCHANGE_POINTS = 20
EXCHANGE_SCALE = 6
#: A relationship where both gave is worth more than one where only one side did.
TWO_WAY_POINTS = 10
#: Thanking someone in the last year.
GRATITUDE_POINTS = 5


@dataclass(frozen=True)
class Touch:
    at: datetime
    sentiment: Sentiment


@dataclass(frozen=True)
class StrengthFacts:
    touches: Sequence[Touch]
    they_gave_points: int
    you_gave_points: int
    last_thanked: datetime | None


@dataclass(frozen=True)
class Part:
    points: float
    why: str


@dataclass(frozen=True)
class Strength:
    score: int
    parts: tuple[Part, ...]


def _days(at: datetime, now: datetime) -> float:
    return max(0.0, (now - at).total_seconds() / 86400)


def strength(facts: StrengthFacts, now: datetime) -> Strength:
    past = [t for t in facts.touches if t.at <= now]
    good = [t for t in past if t.sentiment is not Sentiment.NEGATIVE]
    parts: list[Part] = []
    if good:
        last = max(t.at for t in good)
        age = _days(last, now)
        points = RECENCY_POINTS * 0.5 ** (age / RECENCY_HALF_LIFE_DAYS)
        parts.append(Part(points, f"last good interaction {age:.0f} days ago"))
    year = [t for t in good if _days(t.at, now) <= YEAR_DAYS]
    if year:
        points = FREQUENCY_POINTS * (1 - math.exp(-len(year) / FREQUENCY_SCALE))
        parts.append(Part(points, f"{len(year)} good interactions in the last year"))
    felt = [t for t in past if _days(t.at, now) <= YEAR_DAYS]
    if felt:
        positive = sum(t.sentiment is Sentiment.POSITIVE for t in felt)
        negative = sum(t.sentiment is Sentiment.NEGATIVE for t in felt)
        share = (positive - negative) / len(felt)
        if share > 0:
            parts.append(
                Part(
                    SENTIMENT_POINTS * share,
                    f"{positive} of {len(felt)} moments this year were positive",
                )
            )
    recent_negative = sum(
        t.sentiment is Sentiment.NEGATIVE and _days(t.at, now) <= NEGATIVE_MEMORY_DAYS for t in past
    )
    if recent_negative:
        parts.append(
            Part(
                -NEGATIVE_PENALTY * recent_negative,
                f"{recent_negative} negative moment(s) in the last {NEGATIVE_MEMORY_DAYS} days",
            )
        )
    exchanged = facts.they_gave_points + facts.you_gave_points
    if exchanged:
        points = EXCHANGE_POINTS * (1 - math.exp(-exchanged / EXCHANGE_SCALE))
        parts.append(Part(points, f"{exchanged} points of referrals and recommendations exchanged"))
    if facts.they_gave_points and facts.you_gave_points:
        parts.append(Part(TWO_WAY_POINTS, "it goes both ways: you have both given"))
    if facts.last_thanked is not None and _days(facts.last_thanked, now) <= YEAR_DAYS:
        parts.append(Part(GRATITUDE_POINTS, "you thanked them this year"))
    total = sum(p.points for p in parts)
    return Strength(score=round(min(100.0, max(0.0, total))), parts=tuple(parts))
