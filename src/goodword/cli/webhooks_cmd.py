"""``goodword webhooks …`` and ``goodword outbox``: where program events go, and what was
sent (or is waiting to be retried, and why)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from goodword.cli import deps
from goodword.cli.listing import (
    DEFAULT_LIMIT,
    All,
    Columns,
    Jsonl,
    Limit,
    emit_list,
    emit_page,
    paging,
)
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit
from goodword.domain.limits import MAX_ID
from goodword.programs.outbox import webhooks
from goodword.schemas.messages import WebhookCreate

app = typer.Typer(help="Webhooks: program events sent to your own systems.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="Where to POST (https://…).")],
    events: Annotated[
        str | None, typer.Option(help="Comma-separated events (default: all), e.g. reward.issued.")
    ] = None,
    as_json: Json = False,
) -> None:
    """Send program events to a URL, signed with a secret shown once.

    Example: goodword webhooks add https://shop.example/hooks/goodword --events reward.issued
    """
    data = WebhookCreate(
        url=url, events=[e.strip() for e in (events or "").split(",") if e.strip()]
    )
    emit(
        as_json,
        webhooks.add_webhook(deps.uow(ctx), data, deps.clock()),
        lambda w: done(
            f"webhook #{w.id} → {w.url}; secret (shown once): {w.secret} — check each "
            "delivery's Goodword-Signature with it"
        ),
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List webhook endpoints.

    Example: goodword webhooks list --json
    """
    emit_page(
        WEBHOOKS, webhooks.list_webhooks(deps.uow(ctx)), paging(limit, every, as_json, as_jsonl)
    )


WEBHOOKS: Columns[Any] = Columns(
    "Webhooks",
    ["#", "url", "events", "active", "since"],
    lambda w: (
        w.id,
        w.url,
        ", ".join(w.events) or "all",
        "yes" if w.active else "no",
        day(w.created_at),
    ),
    "none — goodword webhooks add URL",
)


@app.command("remove")
def remove(
    ctx: typer.Context,
    webhook: Annotated[
        int, typer.Argument(min=1, max=MAX_ID, help="Its id (see `goodword webhooks list`).")
    ],
    as_json: Json = False,
) -> None:
    """Stop sending to an endpoint (its delivery log stays).

    Example: goodword webhooks remove 2
    """
    emit(
        as_json,
        webhooks.remove_webhook(deps.uow(ctx), webhook),
        lambda w: done(f"webhook #{w.id} turned off"),
    )


def outbox(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="pending, sending, sent or failed.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """The delivery log, newest first: every email and webhook, its attempts and last error.

    Example: goodword outbox --status failed
    """
    p = paging(limit, every, as_json, as_jsonl)
    uow = deps.uow(ctx)
    total = webhooks.count_messages(uow, status)
    emit_list(OUTBOX, webhooks.delivery_log(uow, status, p.take), total, p)


OUTBOX: Columns[Any] = Columns(
    "Outbox",
    ["#", "channel", "event", "to", "status", "attempts", "last error", "queued"],
    lambda m: (
        m.id,
        m.channel,
        m.event,
        m.recipient,
        m.status,
        m.attempts,
        m.last_error,
        day(m.created_at),
    ),
    "nothing sent yet",
)
