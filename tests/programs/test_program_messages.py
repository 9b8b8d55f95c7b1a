"""Program emails and webhooks, delivered for real: a local SMTP server (aiosmtpd) and a
local HTTP receiver that checks every signature. Queued with their event, sent by the
worker, retried with backoff when the other side is down, never sent twice."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, func, select

from goodword.programs.outbox.delivery import deliver_due
from goodword.programs.outbox.webhooks import add_webhook, delivery_log
from goodword.programs.rules.signing import HEADER, verify
from goodword.programs.use_cases.advocates import enrol_advocate, list_advocates
from goodword.programs.use_cases.clawbacks import reverse_conversion
from goodword.programs.use_cases.conversions import record_conversion
from goodword.programs.use_cases.due_work import run_due
from goodword.programs.use_cases.leads import create_lead
from goodword.programs.use_cases.programs import create_program
from goodword.programs.use_cases.rewards import issue_reward, list_rewards
from goodword.programs.use_cases.visits import record_visit
from goodword.schemas.messages import WebhookCreate
from goodword.schemas.programs import (
    AdvocateCreate,
    ConversionCreate,
    LeadCreate,
    ProgramCreate,
    RewardIssue,
)
from goodword.services.draft_templates import save_template
from goodword.services.outbound import ENV_ALLOW_PRIVATE
from goodword.services.workspaces import set_settings
from goodword.storage.tables import OutboxMessage
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Inbox:
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [str(m["Subject"]) for m in self.messages]


@pytest.fixture(autouse=True)
def local_receivers(monkeypatch: pytest.MonkeyPatch) -> None:
    """This module's mail server and webhook receiver run on this machine."""
    monkeypatch.setenv(ENV_ALLOW_PRIVATE, "1")


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@dataclass
class Receiver:
    url: str
    received: list[tuple[dict[str, str], bytes]]
    fail_next: list[int]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    received: list[tuple[dict[str, str], bytes]] = []
    fail_next: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if fail_next:
                fail_next.pop()
                self.send_response(503)
            else:
                received.append((dict(self.headers), body))
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Receiver(f"http://127.0.0.1:{server.server_port}/hooks", received, fail_next)
    server.shutdown()
    server.server_close()


def mail_settings(uow: UnitOfWork, port: int) -> None:
    set_settings(
        uow,
        {
            "smtp_host": "127.0.0.1",
            "smtp_port": str(port),
            "smtp_tls": "none",
            "mail_from": "Acme Referrals <hello@acme.example>",
            "your_name": "Dana at Acme",
        },
    )


def new_program(uow: UnitOfWork) -> tuple[int, str]:
    made = create_program(
        uow,
        ProgramCreate(name="Friends", advocate_reward="cash:50:USD", hold_days=14),
        NOW,
    )
    ana = enrol_advocate(uow, made.id, AdvocateCreate(name="Ana Lee", email="ana@example.com"), NOW)
    return made.id, ana.code


def test_the_advocate_hears_every_step_once(
    uow: UnitOfWork, engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    mail_settings(uow, port)
    program, code = new_program(uow)
    create_lead(uow, program, LeadCreate(email="bo@example.com", name="Bo Berg", code=code), NOW)
    record_conversion(
        uow, program, ConversionCreate(email="bo@example.com", external_id="A-1"), NOW
    )
    first = run_due(engine, NOW)
    assert first.messages.sent == 3 and run_due(engine, NOW).messages.sent == 0  # never twice
    welcome, signed_up, converted = inbox.messages
    assert welcome["To"] == "ana@example.com" and f"/r/{code}" in welcome.get_payload()
    assert welcome["From"] == "Acme Referrals <hello@acme.example>"
    assert signed_up["Subject"] == "Bo Berg signed up through your link"
    assert converted["Subject"].startswith("Thank you")
    assert "a gift" in converted.get_payload() and "Dana at Acme" in converted.get_payload()
    later = NOW + timedelta(days=15)
    run_due(engine, later)
    [cash] = list_rewards(uow, program)
    issue_reward(uow, cash.id, RewardIssue(reference="TX-1"), later)
    run_due(engine, later)
    assert inbox.subjects()[3:] == [
        "Your reward is approved: 50 USD cash",
        "Your reward is here: 50 USD cash",
    ]
    assert len({m["Message-ID"] for m in inbox.messages}) == 5


def test_smtp_down_is_retried_with_backoff_then_sent_once(
    uow: UnitOfWork, engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    mail_settings(uow, free_port())  # nobody listens there
    new_program(uow)
    report = deliver_due(engine, NOW)
    assert (report.sent, report.retrying) == (0, 1)
    [waiting] = delivery_log(uow)
    assert waiting.attempts == 1 and "SMTP 127.0.0.1" in (waiting.last_error or "")
    assert waiting.next_attempt_at == NOW + timedelta(minutes=1)
    assert deliver_due(engine, NOW).retrying == 0  # not before its time
    mail_settings(uow, port)
    assert deliver_due(engine, NOW + timedelta(minutes=1)).sent == 1
    assert len(inbox.messages) == 1 and delivery_log(uow)[0].status == "sent"


def test_without_smtp_settings_messages_wait_without_using_attempts(
    uow: UnitOfWork, engine: Engine
) -> None:
    new_program(uow)
    assert deliver_due(engine, NOW).retrying == 1
    [waiting] = delivery_log(uow)
    assert waiting.status == "pending" and waiting.attempts == 0
    assert "goodword settings set smtp_host" in (waiting.last_error or "")


def test_webhooks_are_signed_retried_and_delivered_once(
    uow: UnitOfWork, engine: Engine, receiver: Receiver
) -> None:
    hook = add_webhook(
        uow,
        WebhookCreate(
            url=receiver.url, events=["lead.created", "lead.flagged", "conversion.created"]
        ),
        NOW,
    )
    program, code = new_program(uow)
    create_lead(uow, program, LeadCreate(email="bo@example.com", code=code), NOW)
    create_lead(uow, program, LeadCreate(email="x@mailinator.com", code=code), NOW)
    record_conversion(
        uow, program, ConversionCreate(email="bo@example.com", external_id="A-1"), NOW
    )
    receiver.fail_next.append(1)  # the first delivery meets a 503
    report = deliver_due(engine, NOW)  # 4 webhooks (one fails) and 3 emails (no SMTP yet)
    assert (report.sent, report.retrying) == (3, 4)
    assert deliver_due(engine, NOW + timedelta(minutes=1)).sent == 1
    assert deliver_due(engine, NOW + timedelta(hours=2)).sent == 0
    events, ids = [], set()
    for headers, body in receiver.received:
        now = int(NOW.timestamp())
        assert verify(hook.secret, headers[HEADER], body, now)
        assert not verify("whsec_wrong", headers[HEADER], body, now)
        assert not verify(hook.secret, headers[HEADER], body, now + 3600)  # a replay, later
        document = json.loads(body)
        assert headers["Goodword-Event"] == document["event"]
        events.append(document["event"])
        ids.add(document["id"])
    assert sorted(events) == ["conversion.created", "lead.created", "lead.created", "lead.flagged"]
    assert len(ids) == 4


def test_two_deliverers_send_each_message_once(
    uow: UnitOfWork, engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    mail_settings(uow, port)
    program, _ = new_program(uow)
    for n in range(119):
        enrol_advocate(uow, program, AdvocateCreate(name=f"A{n}", email=f"a{n}@example.com"), NOW)
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: deliver_due(engine, NOW), range(2)))
    assert sum(r.sent for r in reports) == 120
    assert sorted(str(m["To"]) for m in inbox.messages) == sorted(
        ["ana@example.com"] + [f"a{n}@example.com" for n in range(119)]
    )
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).where(OutboxMessage.status == "sent")) == 120


def test_one_gentle_reminder_to_an_advocate_who_never_shared(
    uow: UnitOfWork, engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    mail_settings(uow, port)
    program, code = new_program(uow)
    enrol_advocate(uow, program, AdvocateCreate(name="Sharer", email="s@example.com"), NOW)
    sharer_code = next(a for a in list_advocates(uow, program) if a.name == "Sharer").code
    record_visit(engine, sharer_code, "10.0.0.1", None, NOW)
    assert run_due(engine, NOW + timedelta(days=13)).reminded == 0  # too early
    assert run_due(engine, NOW + timedelta(days=15)).reminded == 1
    assert run_due(engine, NOW + timedelta(days=60)).reminded == 0  # once, ever
    reminders = [m for m in inbox.messages if "in case it helps" in str(m["Subject"])]
    assert [str(m["To"]) for m in reminders] == ["ana@example.com"]
    assert f"/r/{code}" in reminders[0].get_payload()


def test_the_email_wording_is_the_workspaces_own(uow: UnitOfWork) -> None:
    save_template(
        uow,
        "advocate-welcome",
        "Subject: Welcome aboard, {{ first_name }}\n\nYour link: {{ link }}\n{{ sender }}\n",
    )
    _, code = new_program(uow)
    [welcome] = delivery_log(uow)
    assert welcome.subject == "Welcome aboard, Ana"
    assert welcome.status == "pending" and code


def test_every_reward_step_reaches_the_webhook(
    uow: UnitOfWork, engine: Engine, receiver: Receiver
) -> None:
    hook = add_webhook(uow, WebhookCreate(url=receiver.url, events=[]), NOW)  # all events
    program, code = new_program(uow)
    create_lead(uow, program, LeadCreate(email="bo@example.com", code=code), NOW)
    conversion, _ = record_conversion(
        uow, program, ConversionCreate(email="bo@example.com", external_id="A-1"), NOW
    )
    later = NOW + timedelta(days=15)
    run_due(engine, later)
    [cash] = list_rewards(uow, program)
    issue_reward(uow, cash.id, RewardIssue(reference="TX-1"), later)
    reverse_conversion(uow, program, conversion.id, "refunded", later, "owner")
    deliver_due(engine, later)
    events = [json.loads(body) for _, body in receiver.received]
    assert [e["event"] for e in events] == [
        "lead.created",
        "conversion.created",
        "reward.approved",
        "reward.issued",
        "reward.clawed_back",
    ]
    clawed = events[-1]["data"]
    assert (clawed["id"], clawed["status"], clawed["amount"]) == (cash.id, "clawed-back", "50.00")
    assert all(
        verify(hook.secret, headers[HEADER], body, int(later.timestamp()))
        for headers, body in receiver.received
    )
