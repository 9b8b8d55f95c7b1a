"""``goodword run-due`` (once, for cron) and ``goodword worker`` (a loop): due rewards."""

from __future__ import annotations

import os
import socket
import time
from datetime import timedelta
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import done, emit
from goodword.domain.errors import Conflict
from goodword.programs.use_cases.due_work import DueReport, release_lease, run_due, take_lease


def _said(report: DueReport) -> None:
    sent = report.messages
    done(
        f"{report.approved} reward(s) approved, {report.issued} issued"
        + (
            f"; {report.waiting_for_review} wait for a reviewer"
            if report.waiting_for_review
            else ""
        )
        + f"; {sent.sent} message(s) sent"
        + (f", {sent.retrying} to retry" if sent.retrying else "")
        + (f", {sent.failed} given up (see goodword outbox)" if sent.failed else "")
    )


def run_due_cmd(ctx: typer.Context, as_json: Json = False) -> None:
    """Approve rewards whose hold ended, issue the ones goodword hands out itself, and send
    the queued emails and webhooks (retried with backoff).

    Safe to run from cron while a worker runs; a reward is never issued twice.

    Example: goodword run-due --json
    """
    _, engine, _ = deps.state(ctx).engine()
    report = run_due(engine, deps.clock(), clock=deps.clock)
    emit(
        as_json,
        {
            "approved": report.approved,
            "issued": report.issued,
            "waiting_for_review": report.waiting_for_review,
            "messages_sent": report.messages.sent,
            "messages_retrying": report.messages.retrying,
            "messages_failed": report.messages.failed,
            "reminders_queued": report.reminded,
        },
        lambda _: _said(report),
    )


def worker(
    ctx: typer.Context,
    every: Annotated[float, typer.Option(min=0.1, help="Seconds between runs.")] = 60.0,
    runs: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many runs (default: never).")
    ] = None,
) -> None:
    """Run due work in a loop. On PostgreSQL several workers share the work; on SQLite one
    is enough, and a second one says so and exits.

    Example: goodword worker --every 30
    """
    _, engine, _ = deps.state(ctx).engine()
    holder = f"{socket.gethostname()} pid {os.getpid()}"
    ttl = timedelta(seconds=max(every * 3, 30))
    count = 0
    try:
        while runs is None or count < runs:
            other = take_lease(engine, holder, deps.clock(), ttl)
            if other is not None:
                raise Conflict(
                    f"another worker ({other}) is running on this SQLite database; one is "
                    "enough — stop it first, or use PostgreSQL to run several"
                )
            _said(run_due(engine, deps.clock(), holder, clock=deps.clock))
            count += 1
            if runs is None or count < runs:
                time.sleep(every)
    except KeyboardInterrupt:
        pass
    finally:
        release_lease(engine, holder)
