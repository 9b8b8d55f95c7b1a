"""What the agenda rules read: small, frozen facts gathered by the service as of a day.

Facts may contain events after the agenda's day (``on``); the rules ignore them, so the
agenda for a day never depends on what happened later. The two pre-computed facts,
``Contact.last_at`` and ``Balance.balance``, are the exception: the service computes them
as of ``on``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from goodword.domain.milestones import Milestone
from goodword.domain.vocabulary import Sentiment


@dataclass(frozen=True)
class Who:
    id: int
    name: str


@dataclass(frozen=True)
class ReferralFacts:
    id: int
    kind: str
    referrer: Who
    referred: str
    referred_at: datetime
    value: Decimal | None
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class AskFacts:
    id: int
    person: Who
    kind: str
    purpose: str | None
    asked_at: datetime
    followed_up_at: datetime | None
    answered_at: datetime | None


@dataclass(frozen=True)
class Moment:
    """An interaction inside the ask window (or after it), for timing suggestions."""

    person: Who
    at: datetime
    kind: str
    sentiment: Sentiment
    note: str | None = None


@dataclass(frozen=True)
class Contact:
    """A person whose keep-in-touch cadence may have run out; ``last_at`` is as of ``on``
    (None: never in touch, counted from ``since``, when they were added)."""

    person: Who
    tier: str
    cadence_days: int
    last_at: datetime | None
    since: datetime


@dataclass(frozen=True)
class Balance:
    """A person the ledger says gave more than they got (as of ``on``), and what the user
    could offer them in return."""

    person: Who
    balance: int
    offers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferenceFacts:
    id: int
    vendor: str
    company_shown: str | None
    requested_at: datetime
    decided_at: datetime | None


@dataclass(frozen=True)
class RecommendationFacts:
    id: int
    person: Who
    direction: str
    kind: str
    platform: str
    written_at: datetime
    sent_at: datetime | None
    has_text: bool
    thanked_at: datetime | None = None


@dataclass(frozen=True)
class AgendaFacts:
    referrals: tuple[ReferralFacts, ...] = ()
    asks: tuple[AskFacts, ...] = ()
    moments: tuple[Moment, ...] = ()
    recent_asks: tuple[tuple[int, datetime], ...] = ()
    """(person id, asked at) for asks that may fall inside the spacing window."""
    contacts: tuple[Contact, ...] = ()
    balances: tuple[Balance, ...] = ()
    references: tuple[ReferenceFacts, ...] = ()
    recommendations: tuple[RecommendationFacts, ...] = ()
    high_value: Decimal = field(default=Decimal(5000))
