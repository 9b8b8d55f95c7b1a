"""A worker whose run lasts longer than the stale window, with a second worker starting
while it runs, in real separate processes: every email and webhook is sent exactly once.

The clock runs 120 times faster than real time (one real second is two minutes), so a run
of about ten real seconds lasts twenty minutes of the outbox's time, twice ``STALE``.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select

from goodword.programs.outbox.delivery import STALE, deliver_due
from goodword.services.outbound import ENV_ALLOW_PRIVATE
from goodword.services.workspaces import set_settings
from goodword.storage.base import table_of
from goodword.storage.engine import make_engine
from goodword.storage.tables import OutboxMessage, WebhookEndpoint
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

EMAILS, WEBHOOKS = 190, 300
SPEED = 120
SEND_SECONDS = 0.03


class SlowRecorder:
    """A transport that takes a while per message and writes down what it sent."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def _record(self, what: str) -> None:
        time.sleep(SEND_SECONDS)
        with self.log.open("a") as out:  # one short line per write: appends do not interleave
            out.write(what + "\n")

    def send_email(self, settings: dict[str, str], message: EmailMessage) -> None:
        self._record(f"email {message['Message-ID']}")

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        self._record(f"webhook {headers['Goodword-Delivery']}")


def _deliver(url: str, origin: float, log: str, delay: float, done: Any) -> None:
    time.sleep(delay)
    engine = make_engine(url)

    def clock() -> datetime:
        return NOW + timedelta(seconds=(time.time() - origin) * SPEED)

    try:
        report = deliver_due(engine, clock(), SlowRecorder(Path(log)), clock)
        done.put(report.sent)
    finally:
        engine.dispose()


def _queue(uow: UnitOfWork, engine: Engine) -> None:
    set_settings(uow, {"smtp_host": "127.0.0.1", "mail_from": "hello@acme.example"})
    with engine.begin() as connection:
        hook = connection.execute(
            insert(table_of(WebhookEndpoint)).returning(WebhookEndpoint.id),
            {
                "workspace_id": uow.workspace_id,
                "url": "https://hooks.acme.example/goodword",
                "secret": "whsec_test",
                "events": "*",
                "active": True,
                "created_at": NOW,
            },
        ).scalar_one()
        row = {"workspace_id": uow.workspace_id, "status": "pending", "attempts": 0}
        connection.execute(
            insert(table_of(OutboxMessage)),
            [
                {
                    **row,
                    "channel": "email" if n < EMAILS else "webhook",
                    "event": "test",
                    "dedupe_key": f"long-run:{n}",
                    "recipient": f"a{n}@example.com" if n < EMAILS else str(hook),
                    "subject": "Hello",
                    "body": "{}" if n >= EMAILS else "Hello",
                    "next_attempt_at": NOW,
                    "created_at": NOW,
                }
                for n in range(EMAILS + WEBHOOKS)
            ],
        )


def test_a_run_longer_than_the_stale_window_sends_nothing_twice(
    uow: UnitOfWork, engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_ALLOW_PRIVATE, "1")  # the settings name this machine's mail server
    _queue(uow, engine)
    log = tmp_path / "sent.log"
    spawn = multiprocessing.get_context("spawn")
    done = spawn.Queue()
    origin = time.time() + 3  # both processes' clocks start at NOW once they are up
    second_starts = 3 + 1.5 * STALE.total_seconds() / SPEED  # 15 minutes into the first run
    workers = [
        spawn.Process(target=_deliver, args=(db_url, origin, str(log), delay, done))
        for delay in (3.0, second_starts)
    ]
    for worker in workers:
        worker.start()
    sent = [done.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    lines = Counter(log.read_text().splitlines())
    twice = {line: n for line, n in lines.items() if n > 1}
    assert twice == {}
    assert len(lines) == sum(sent) == EMAILS + WEBHOOKS
    assert sent[1] > 0  # the second worker did take part, and took only what was left
    with engine.connect() as connection:
        states = dict(
            connection.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            ).all()
        )
    assert states == {"sent": EMAILS + WEBHOOKS}
