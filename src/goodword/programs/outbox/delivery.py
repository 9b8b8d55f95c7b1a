"""Delivering the outbox: emails through the workspace's SMTP server, webhooks by HTTPS POST.

A message is *claimed* (``pending`` → ``sending``, a conditional update committed on its
own, marked with the worker and the claim's own time) before anything is sent, so two
workers never send the same one; before each send the worker renews its claims (a
heartbeat) and sends only what is still its own. A failure is retried with exponential
backoff (1, 2, 4 … minutes, at most 6 hours apart) and given up after :data:`MAX_ATTEMPTS`,
with the last error kept for the delivery log. A worker that died while sending leaves the
message ``sending``; :data:`STALE` after its last heartbeat it is tried again (the
Message-ID and the webhook's event id stay the same, so a receiver can tell a repeat).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Protocol

from sqlalchemy import ColumnElement, Engine, or_, select, update
from sqlalchemy.orm import Session

from goodword import __version__
from goodword.programs.rules.signing import HEADER, sign
from goodword.programs.rules.states import OutboxStatus
from goodword.services.transport import Network, Undeliverable
from goodword.services.workspaces import settings_of
from goodword.storage.tables import OutboxMessage, WebhookEndpoint

MAX_ATTEMPTS = 8
STALE = timedelta(minutes=10)
RENEW_EVERY = STALE / 4
BATCH = 50
NOT_CONFIGURED_WAIT = timedelta(hours=1)


class Transport(Protocol):
    def send_email(self, settings: dict[str, str], message: EmailMessage) -> None: ...

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> None: ...


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _ready(at: datetime) -> ColumnElement[bool]:
    return or_(
        (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.next_attempt_at <= at),
        (OutboxMessage.status == OutboxStatus.SENDING) & (OutboxMessage.claimed_at < at - STALE),
    )


def _claim(engine: Engine, at: datetime, worker: str) -> list[int]:
    """Take a batch: ``pending`` → ``sending``, marked with this worker and the time of the
    claim itself (not of the run, which may have started long ago)."""
    with Session(engine) as session, session.begin():
        query = select(OutboxMessage.id).where(_ready(at)).order_by(OutboxMessage.id).limit(BATCH)
        if engine.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        found = list(session.scalars(query).all())
        if not found:
            return []
        # One conditional update for the batch: only the rows still ready change, and the
        # database says which (a row another worker claimed meanwhile is not among them).
        changed = session.scalars(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(found), _ready(at))
            .values(status=OutboxStatus.SENDING, claimed_at=at, claimed_by=worker)
            .returning(OutboxMessage.id)
        )
        return sorted(changed.all())


def _renew(engine: Engine, message_id: int, worker: str, at: datetime) -> bool:
    """The heartbeat: this worker's claims are renewed (so a long run never looks dead to
    another worker); True if ``message_id`` is still its own to send."""
    mine = (OutboxMessage.claimed_by == worker) & (OutboxMessage.status == OutboxStatus.SENDING)
    with Session(engine) as session, session.begin():
        kept = session.execute(
            update(OutboxMessage).where(OutboxMessage.id == message_id, mine).values(claimed_at=at)
        )
        session.execute(update(OutboxMessage).where(mine).values(claimed_at=at))
        return bool(kept.rowcount == 1)  # type: ignore[attr-defined]


NOT_SET_UP = "SMTP is not set up: goodword settings set smtp_host … and mail_from …"


def _configured(settings: dict[str, str]) -> bool:
    return bool(settings.get("smtp_host") and settings.get("mail_from"))


def _defer_unconfigured(
    engine: Engine,
    claimed: list[int],
    worker: str,
    at: datetime,
    report: DeliveryReport,
    settings_by_workspace: dict[int, dict[str, str]],
) -> list[int]:
    """The batch's emails from workspaces whose SMTP is not set up wait together, in one
    conditional update (nothing could send them; their attempts are not used up); the
    messages left to send one by one are returned."""
    with Session(engine) as session, session.begin():
        waiting = []
        for message_id, channel, workspace_id in session.execute(
            select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.workspace_id).where(
                OutboxMessage.id.in_(claimed)
            )
        ):
            if channel != "email":
                continue
            if workspace_id not in settings_by_workspace:
                settings_by_workspace[workspace_id] = settings_of(session, workspace_id)
            if not _configured(settings_by_workspace[workspace_id]):
                waiting.append(message_id)
        if not waiting:
            return claimed
        deferred = session.scalars(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(waiting),
                OutboxMessage.claimed_by == worker,
                OutboxMessage.status == OutboxStatus.SENDING,
            )
            .values(
                status=OutboxStatus.PENDING,
                last_error=NOT_SET_UP,
                next_attempt_at=at + NOT_CONFIGURED_WAIT,
            )
            .returning(OutboxMessage.id)
        ).all()
        report.retrying += len(deferred)
    left = set(waiting)
    return [message_id for message_id in claimed if message_id not in left]


def _email(message: OutboxMessage, settings: dict[str, str], now: datetime) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings["mail_from"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = f"<outbox-{message.id}.w{message.workspace_id}@goodword.invalid>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    return email


def _send(
    session: Session,
    message: OutboxMessage,
    transport: Transport,
    now: datetime,
    settings_by_workspace: dict[int, dict[str, str]],
) -> None:
    if message.channel == "email":
        settings = settings_by_workspace.get(message.workspace_id)
        if settings is None:  # read once per workspace and batch, not once per message
            settings = settings_by_workspace[message.workspace_id] = settings_of(
                session, message.workspace_id
            )
        if not _configured(settings):
            raise NotConfigured(NOT_SET_UP)
        transport.send_email(settings, _email(message, settings, now))
        return
    endpoint = session.get(WebhookEndpoint, int(message.recipient))
    if endpoint is None or not endpoint.active:
        raise Undeliverable("the webhook endpoint was removed or turned off")
    body = message.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"goodword/{__version__}",
        "Goodword-Event": message.event,
        "Goodword-Delivery": str(message.id),
        HEADER: sign(endpoint.secret, int(now.timestamp()), body),
    }
    transport.post(endpoint.url, body, headers)


class NotConfigured(Undeliverable):
    """Nothing to send it with yet: it waits, without using up its attempts."""


def deliver_due(
    engine: Engine,
    now: datetime,
    transport: Transport | None = None,
    clock: Callable[[], datetime] | None = None,
    beat: Callable[[], None] | None = None,
) -> DeliveryReport:
    """Send what is due, one claimed batch at a time, until nothing is due.

    ``clock`` tells the time of each claim and heartbeat (a run can last longer than the
    stale window); without one, every step happens at ``now``. ``beat`` is called between
    batches (the SQLite worker renews its lease there)."""
    transport = transport or Network()
    clock = clock or (lambda: now)
    worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(6)}"
    report = DeliveryReport()
    renewed = clock()
    while claimed := _claim(engine, renewed, worker):
        settings: dict[int, dict[str, str]] = {}
        claimed = _defer_unconfigured(engine, claimed, worker, renewed, report, settings)
        for message_id in claimed:
            # Claims renewed less than RENEW_EVERY ago cannot look stale to anyone (STALE is
            # four times longer); older ones are renewed before this send.
            if clock() - renewed >= RENEW_EVERY:
                renewed = clock()
                if not _renew(engine, message_id, worker, renewed):
                    continue
            with Session(engine) as session, session.begin():
                message = session.get(OutboxMessage, message_id)
                assert message is not None
                _attempt(session, message, transport, clock, report, settings)
        if beat is not None:
            beat()
        renewed = clock()
    return report


def _attempt(
    session: Session,
    message: OutboxMessage,
    transport: Transport,
    clock: Callable[[], datetime],
    report: DeliveryReport,
    settings: dict[int, dict[str, str]],
) -> None:
    try:
        _send(session, message, transport, clock(), settings)
    except NotConfigured as waiting:
        message.status, message.last_error = OutboxStatus.PENDING, str(waiting)
        message.next_attempt_at = clock() + NOT_CONFIGURED_WAIT
        report.retrying += 1
        return
    except Undeliverable as error:
        message.attempts += 1
        message.last_error = str(error)
        gave_up = message.attempts >= MAX_ATTEMPTS
        message.status = OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING
        message.next_attempt_at = clock() + backoff(message.attempts)
        report.failed += gave_up
        report.retrying += not gave_up
        return
    message.attempts += 1
    message.status, message.sent_at, message.last_error = OutboxStatus.SENT, clock(), None
    report.sent += 1
