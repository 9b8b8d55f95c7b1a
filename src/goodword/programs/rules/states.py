"""The states a program's records move through, each spelled once.

Stored as their values (plain strings, so the API and old databases read the same), and
held to these values by the schema's CHECK constraints (``programs/store/tables.py``).
"""

from __future__ import annotations

from enum import StrEnum


class ProgramStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"


class LeadStatus(StrEnum):
    """A customer program's lead is new until it converts; a hiring program's candidate is
    referred, then interviewing, then hired or not. A lead already known is a duplicate."""

    NEW = "new"
    CONVERTED = "converted"
    REFERRED = "referred"
    INTERVIEWING = "interviewing"
    HIRED = "hired"
    NOT_HIRED = "not-hired"
    DUPLICATE = "duplicate"


FINISHED = frozenset(
    {LeadStatus.CONVERTED, LeadStatus.HIRED, LeadStatus.DUPLICATE, LeadStatus.NOT_HIRED}
)
"""Lead states that no conversion can follow."""


class Review(StrEnum):
    """A lead's or conversion's fraud review: none needed, open, or decided."""

    NONE = "none"
    OPEN = "open"
    APPROVED = "approved"
    DENIED = "denied"


class ConversionStatus(StrEnum):
    VALID = "valid"
    REVERSED = "reversed"


class OutboxStatus(StrEnum):
    """A queued email or webhook: waiting (or retrying), claimed by a worker, or done."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
