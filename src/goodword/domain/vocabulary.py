"""The closed vocabularies of the model, and one parser that names the allowed values."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from goodword.domain.errors import InvalidValue


class InteractionKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"
    PROJECT_COMPLETED = "project-completed"
    FEEDBACK_RECEIVED = "feedback-received"
    CONNECTED = "connected"
    INTRODUCTION = "introduction"
    OTHER = "other"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class Direction(StrEnum):
    RECEIVED = "received"
    GIVEN = "given"


class ReferralKind(StrEnum):
    CLIENT = "client"
    JOB = "job"
    PARTNER = "partner"
    VENDOR = "vendor"
    INTRODUCTION = "introduction"


class GratitudeKind(StrEnum):
    EMAIL = "email"
    HANDWRITTEN_NOTE = "handwritten-note"
    CALL = "call"
    GIFT = "gift"
    GIFT_CARD = "gift-card"
    LUNCH = "lunch"
    HAPPY_HOUR = "happy-hour"
    MESSAGE = "message"


class Outcome(StrEnum):
    WON = "won"
    LOST = "lost"
    NOT_A_FIT = "not-a-fit"
    NO_RESPONSE = "no-response"


class AskKind(StrEnum):
    REFERRAL = "referral"
    RECOMMENDATION = "recommendation"
    INTRODUCTION = "introduction"
    REFERENCE = "reference"


class AskStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NO_RESPONSE = "no-response"


class Channel(StrEnum):
    EMAIL = "email"
    IN_PERSON = "in-person"
    SOCIAL = "social"
    EVENT = "event"
    PHONE = "phone"
    MESSAGE = "message"


class RecommendationKind(StrEnum):
    RECOMMENDATION = "recommendation"
    ENDORSEMENT = "endorsement"


class Platform(StrEnum):
    LINKEDIN = "linkedin"
    LETTER = "letter"
    REFERENCE_CALL = "reference-call"
    EMAIL = "email"
    OTHER = "other"


class RecommendationStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PUBLISHED = "published"


class ReferenceStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    DENIED = "denied"
    GIVEN = "given"


class Tier(StrEnum):
    INNER = "inner"
    CLOSE = "close"
    NETWORK = "network"
    ACQUAINTANCE = "acquaintance"


class OpportunityStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, what: str) -> E:
    """Parse ``value`` into ``enum``; accept underscores and any case; name the choices if not."""
    normalised = value.strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return enum(normalised)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidValue(f"unknown {what} '{value}': use one of {allowed}") from None
