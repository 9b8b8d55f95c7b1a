"""The outbox: every email and webhook a program sends is first a row here, written in the
same transaction as the event it tells about, then delivered by the worker (retried with
backoff, never sent twice by two workers: a row is claimed before it is sent).

``dedupe_key`` is unique: the same event never queues the same message twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from goodword.programs.rules.states import OutboxStatus
from goodword.storage.base import Base, UTCDateTime, WorkspaceOwned, one_of


class OutboxMessage(WorkspaceOwned, Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        one_of("status", OutboxStatus),
    )
    channel: Mapped[str] = mapped_column(String(10))  # email | webhook
    event: Mapped[str] = mapped_column(String(50))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    recipient: Mapped[str] = mapped_column(String(1000))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the last heartbeat
    claimed_by: Mapped[str | None] = mapped_column(String(100))  # the worker sending it
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebhookEndpoint(WorkspaceOwned, Base):
    """Where the business's own systems hear about leads, conversions and rewards."""

    __tablename__ = "webhook_endpoints"
    url: Mapped[str] = mapped_column(String(1000))
    secret: Mapped[str] = mapped_column(String(100))
    events: Mapped[str] = mapped_column(String(500), default="*")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
