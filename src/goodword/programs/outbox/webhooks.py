"""Webhook endpoints of a workspace, and the delivery log of everything it sends."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select

from goodword.domain.errors import InvalidValue
from goodword.programs.outbox.messages import EVENTS
from goodword.programs.rules.states import OutboxStatus
from goodword.schemas.messages import MessagePublic, WebhookCreate, WebhookCreated, WebhookPublic
from goodword.services.lookup import get_owned
from goodword.services.outbound import check_url
from goodword.storage.tables import OutboxMessage, WebhookEndpoint
from goodword.storage.unit_of_work import UnitOfWork

STATUSES = tuple(s.value for s in OutboxStatus)


def _public(endpoint: WebhookEndpoint) -> WebhookPublic:
    events = [] if endpoint.events == "*" else endpoint.events.split(",")
    return WebhookPublic(
        id=endpoint.id,
        url=endpoint.url,
        events=events,
        active=endpoint.active,
        created_at=endpoint.created_at,
    )


def add_webhook(uow: UnitOfWork, data: WebhookCreate, now: datetime) -> WebhookCreated:
    url = data.url.strip()
    if not url.startswith(("https://", "http://")):
        raise InvalidValue(f"url '{url}' must start with https:// (or http:// on your network)")
    check_url(url, "url")
    unknown = sorted(set(data.events) - set(EVENTS))
    if unknown:
        raise InvalidValue(f"unknown event '{unknown[0]}': use {', '.join(EVENTS)}")
    with uow:
        endpoint = WebhookEndpoint(
            workspace_id=uow.workspace_id,
            url=url,
            secret="whsec_" + secrets.token_urlsafe(32),
            events=",".join(sorted(set(data.events))) or "*",
            active=True,
            created_at=now,
        )
        uow.session.add(endpoint)
        uow.session.flush()
        result = WebhookCreated(**_public(endpoint).model_dump(), secret=endpoint.secret)
        uow.commit()
        return result


def list_webhooks(uow: UnitOfWork) -> list[WebhookPublic]:
    with uow:
        rows = uow.session.scalars(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.workspace_id == uow.workspace_id)
            .order_by(WebhookEndpoint.id)
        )
        return [_public(e) for e in rows]


def remove_webhook(uow: UnitOfWork, endpoint_id: int) -> WebhookPublic:
    """Turned off, not deleted: its deliveries stay in the log."""
    with uow:
        endpoint = get_owned(uow, WebhookEndpoint, endpoint_id, "webhook")
        endpoint.active = False
        result = _public(endpoint)
        uow.commit()
        return result


def count_messages(uow: UnitOfWork, status: str | None = None) -> int:
    with uow:
        query = (
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.workspace_id == uow.workspace_id)
        )
        if status:
            query = query.where(OutboxMessage.status == status)
        return int(uow.session.scalar(query) or 0)


def delivery_log(
    uow: UnitOfWork, status: str | None = None, limit: int | None = 200
) -> list[MessagePublic]:
    """The newest messages first, each with its attempts and last error."""
    if status is not None and status not in STATUSES:
        raise InvalidValue(f"status '{status}': use {', '.join(STATUSES)}")
    with uow:
        query = select(OutboxMessage).where(OutboxMessage.workspace_id == uow.workspace_id)
        if status:
            query = query.where(OutboxMessage.status == status)
        rows = uow.session.scalars(query.order_by(OutboxMessage.id.desc()).limit(limit))
        return [
            MessagePublic(
                id=m.id,
                channel=m.channel,
                event=m.event,
                recipient=m.recipient,
                subject=m.subject,
                status=m.status,
                attempts=m.attempts,
                next_attempt_at=m.next_attempt_at,
                last_error=m.last_error,
                created_at=m.created_at,
                sent_at=m.sent_at,
            )
            for m in rows
        ]
