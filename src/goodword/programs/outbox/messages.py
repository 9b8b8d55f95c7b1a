"""Queueing what a program tells people: emails to advocates and webhooks to the business.

Everything is queued in the outbox inside the transaction of the event itself (a lead, a
conversion, a reward's step), so a message exists exactly when its event does; the
worker delivers it later (:mod:`goodword.programs.outbox.delivery`). Each message has a
``dedupe_key`` the store keeps unique, so queueing the same event twice is harmless.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Insert, Select, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from goodword.programs.rules.states import OutboxStatus
from goodword.services.draft_templates import PREFIX
from goodword.services.workspaces import links_base, settings_of
from goodword.storage.base import table_of
from goodword.storage.tables import OutboxMessage, WebhookEndpoint

EVENTS = (
    "lead.created",
    "lead.flagged",
    "conversion.created",
    "reward.approved",
    "reward.issued",
    "reward.clawed_back",
)


@dataclass
class Sender:
    """What a workspace's messages need: its own wording, its name, its endpoints."""

    templates: dict[str, str]
    name: str
    endpoints: list[tuple[int, str]]  # (id, events)
    links_base: str


@cache
def _endpoints_statement() -> Select[int, str]:
    return select(WebhookEndpoint.id, WebhookEndpoint.events).where(
        WebhookEndpoint.workspace_id == bindparam("workspace_id"),
        WebhookEndpoint.active.is_(True),
    )


def sender_for(session: Session, workspace_id: int) -> Sender:
    settings = settings_of(session, workspace_id)
    templates = {k.removeprefix(PREFIX): v for k, v in settings.items() if k.startswith(PREFIX)}
    mail_from = settings.get("mail_from", "")
    name = settings.get("your_name") or mail_from.split("<")[0].strip() or "The team"
    found = session.execute(_endpoints_statement(), {"workspace_id": workspace_id})
    endpoints = [(endpoint_id, events) for endpoint_id, events in found]
    return Sender(templates, name, endpoints, links_base(settings.get("public_url")))


def email_row(
    workspace_id: int,
    sender: Sender,
    kind: str,
    to: str,
    context: dict[str, Any],
    dedupe: str,
    now: datetime,
) -> dict[str, Any]:
    from goodword.drafts.rendering import render  # the template engine, when sending

    message = render(kind, {"sender": sender.name, **context}, stored=sender.templates)
    return _row(
        workspace_id, "email", kind, f"email:{dedupe}", to, message.subject, message.body, now
    )


def webhook_rows(
    workspace_id: int,
    sender: Sender,
    event: str,
    data: dict[str, Any],
    dedupe: str,
    now: datetime,
) -> list[dict[str, Any]]:
    rows = []
    for endpoint_id, events in sender.endpoints:
        if events != "*" and event not in events.split(","):
            continue
        body = json.dumps(
            {
                "id": f"evt_{uuid.uuid5(uuid.NAMESPACE_URL, f'{endpoint_id}:{dedupe}').hex}",
                "event": event,
                "created_at": now.isoformat(),
                "data": data,
            },
            default=str,
            sort_keys=True,
        )
        key = f"webhook:{endpoint_id}:{dedupe}"
        rows.append(_row(workspace_id, "webhook", event, key, str(endpoint_id), "", body, now))
    return rows


def _row(
    workspace_id: int,
    channel: str,
    event: str,
    dedupe: str,
    recipient: str,
    subject: str,
    body: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "workspace_id": workspace_id,
        "channel": channel,
        "event": event,
        "dedupe_key": dedupe[:200],
        "recipient": recipient,
        "subject": subject[:300],
        "body": body,
        "status": OutboxStatus.PENDING.value,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def queue(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Insert, skipping any message already queued for the same event (its dedupe key)."""
    batch = list(rows)
    if not batch:
        return
    session.execute(_queue_statement(session.get_bind().dialect.name), batch)


@cache
def _queue_statement(dialect: str) -> Insert:
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return make(table_of(OutboxMessage)).on_conflict_do_nothing(index_elements=["dedupe_key"])
