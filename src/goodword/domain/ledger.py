"""The reciprocity ledger (seeds 001 and 004): what each person gave and what was given back.

Each event carries points so that a referral weighs more than a thank-you email. The balance
is the sum of what they gave minus the sum of what the user gave them: positive means the
user owes them ("return the favour"), negative means they owe the user nothing at all —
the user has simply been generous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class LedgerItem(StrEnum):
    REFERRAL = "referral"
    INTRODUCTION = "introduction"
    RECOMMENDATION = "recommendation"
    ENDORSEMENT = "endorsement"
    GRATITUDE = "gratitude"


#: Points per event. A referral puts the giver's reputation on the line (seed 001), an
#: introduction less so; a written recommendation costs more effort than an endorsement;
#: a thank-you acknowledges a gift but does not repay it.
POINTS: dict[LedgerItem, int] = {
    LedgerItem.REFERRAL: 3,
    LedgerItem.INTRODUCTION: 2,
    LedgerItem.RECOMMENDATION: 2,
    LedgerItem.ENDORSEMENT: 1,
    LedgerItem.GRATITUDE: 1,
}


@dataclass(frozen=True)
class LedgerEvent:
    person_id: int
    item: LedgerItem
    to_user: bool
    """True when the person gave this to the user; False when the user gave it to them."""
    at: datetime

    @property
    def points(self) -> int:
        return POINTS[self.item]


@dataclass
class PersonLedger:
    person_id: int
    received: dict[LedgerItem, int] = field(default_factory=lambda: defaultdict(int))
    given: dict[LedgerItem, int] = field(default_factory=lambda: defaultdict(int))
    received_points: int = 0
    given_points: int = 0
    last_event_at: datetime | None = None

    @property
    def balance(self) -> int:
        """Positive: they have given more than they got back."""
        return self.received_points - self.given_points


def build_ledgers(events: Iterable[LedgerEvent]) -> list[PersonLedger]:
    """Fold events into one ledger per person, most unbalanced first (ties: most recent)."""
    ledgers: dict[int, PersonLedger] = {}
    for event in events:
        ledger = ledgers.setdefault(event.person_id, PersonLedger(event.person_id))
        if event.to_user:
            ledger.received[event.item] += 1
            ledger.received_points += event.points
        else:
            ledger.given[event.item] += 1
            ledger.given_points += event.points
        if ledger.last_event_at is None or event.at > ledger.last_event_at:
            ledger.last_event_at = event.at
    return sorted(
        ledgers.values(),
        key=lambda ledger: (
            -abs(ledger.balance),
            -ledger.balance,
            -(ledger.last_event_at.timestamp() if ledger.last_event_at else 0.0),
            ledger.person_id,
        ),
    )
