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
    referrer_tier: str | None = None
    times_referred: int = 1
    """Referrals the referrer had sent by this one, this one included (seed 001's gesture
    grows with how often someone refers you)."""


@dataclass(frozen=True)
class AskFacts:
    id: int
    person: Who
    kind: str
    purpose: str | None
    asked_at: datetime
    followed_up_at: datetime | None
    answered_at: datetime | None
    status: str = "pending"
    """As of now; with ``answered_at`` after the day, the ask was still pending then."""
    acknowledged_at: datetime | None = None


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
class KeptDayFacts:
    """A birthday or anniversary coming up, and when the user was last in touch."""

    person: Who
    kind: str
    month: int
    day: int
    year: int | None
    last_at: datetime | None


@dataclass(frozen=True)
class Balance:
    """A person the ledger says gave more than they got (as of ``on``), and what the user
    could offer them in return."""

    person: Who
    balance: int
    offers: tuple[str, ...] = ()
    last_favour_at: datetime | None = None
    """When they last gave something (None: unknown); favours from history are paced."""
    won: bool = False
    """One of their referrals was won (by ``on``): a debt that leans even when it is one."""


@dataclass(frozen=True)
class ReferenceFacts:
    id: int
    vendor: str
    company_shown: str | None
    requested_at: datetime
    decided_at: datetime | None
    status: str = "requested"
    confidential: bool = False
    confidentiality_asked_at: datetime | None = None
    """After a denial: when the vendor was asked to keep the company's name out of it."""


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
    imported_at: datetime | None = None
    """When an import brought it: a thank-you is owed from then, not from ``written_at``."""


@dataclass(frozen=True)
class HistoryAct:
    """An act from history that was never settled: a kindness never thanked (a
    recommendation, an endorsement, a referral) or an ask never answered."""

    kind: str
    id: int
    person: Who
    at: datetime


@dataclass(frozen=True)
class HistoryCount:
    kind: str
    count: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class Backlog:
    """What history left unsettled: how many of each kind, over which years, and the most
    recent few (the ones still worth a thank-you)."""

    counts: tuple[HistoryCount, ...] = ()
    recent: tuple[HistoryAct, ...] = ()


@dataclass(frozen=True)
class AgendaFacts:
    referrals: tuple[ReferralFacts, ...] = ()
    asks: tuple[AskFacts, ...] = ()
    moments: tuple[Moment, ...] = ()
    recent_asks: tuple[tuple[int, datetime], ...] = ()
    """(person id, asked at) for asks that may fall inside the spacing window."""
    contacts: tuple[Contact, ...] = ()
    days: tuple[KeptDayFacts, ...] = ()
    """Birthdays and anniversaries in the next few days (``domain.person_dates``)."""
    balances: tuple[Balance, ...] = ()
    references: tuple[ReferenceFacts, ...] = ()
    recommendations: tuple[RecommendationFacts, ...] = ()
    backlog: Backlog = field(default_factory=Backlog)
    high_value: Decimal = field(default=Decimal(5000))
