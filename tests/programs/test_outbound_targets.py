"""Webhooks and the mail server reach public addresses only: this machine, the cloud's
metadata service and private networks are refused when saved (in every notation) and again
when connecting (a public-looking name that resolves inside), redirects are not followed,
and the delivery log says what failed in general words, never which ports answer."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import Engine

from goodword.domain.errors import InvalidValue
from goodword.programs.outbox.delivery import deliver_due
from goodword.programs.outbox.webhooks import add_webhook, delivery_log
from goodword.programs.use_cases.leads import create_lead
from goodword.schemas.messages import WebhookCreate
from goodword.schemas.programs import LeadCreate
from goodword.services.outbound import ENV_ALLOW_PRIVATE
from goodword.services.workspaces import set_settings
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW
from tests.programs.test_program_messages import mail_settings, new_program

INSIDE = [
    "http://127.0.0.1/hook",
    "http://127.1/hook",
    "http://2130706433/hook",
    "http://0x7f000001/hook",
    "http://[::1]:8080/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://172.16.5.4/hook",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
    "http://localhost:8000/hook",
    "https://printer.local/hook",
    "https://db.internal/hook",
]


@pytest.mark.parametrize("url", INSIDE)
def test_webhooks_to_inside_addresses_are_refused_when_saved(uow: UnitOfWork, url: str) -> None:
    with pytest.raises(InvalidValue, match="private or local network address"):
        add_webhook(uow, WebhookCreate(url=url), NOW)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "169.254.169.254", "10.0.0.2", "localhost"])
def test_a_mail_server_inside_is_refused_when_saved(uow: UnitOfWork, host: str) -> None:
    with pytest.raises(InvalidValue, match="smtp_host"):
        set_settings(uow, {"smtp_host": host})


def test_the_servers_owner_can_allow_private_targets(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_ALLOW_PRIVATE, "1")
    assert add_webhook(uow, WebhookCreate(url="http://10.1.2.3/hook"), NOW).url
    set_settings(uow, {"smtp_host": "127.0.0.1"})


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that answers every POST with a redirect to the metadata service."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()

        def do_GET(self) -> None:
            hits.append("GET " + self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port, hits
    server.shutdown()
    server.server_close()


def _lead(uow: UnitOfWork) -> None:
    """An advocate (a welcome email) and a lead (a webhook to every endpoint)."""
    program, code = new_program(uow)
    create_lead(uow, program, LeadCreate(email="bo@example.com", code=code), NOW)


def _resolving_inside(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """``name`` looks public but resolves to this machine (or rebinds to it after saving)."""
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == name:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_a_name_that_resolves_inside_is_refused_when_connecting(
    uow: UnitOfWork,
    engine: Engine,
    listener: tuple[int, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port, hits = listener
    add_webhook(uow, WebhookCreate(url=f"http://hooks.partner.example:{port}/in"), NOW)
    _resolving_inside(monkeypatch, "hooks.partner.example")
    _lead(uow)
    mail_settings_inside = {"smtp_host": "mail.partner.example", "mail_from": "a@acme.example"}
    set_settings(uow, mail_settings_inside)
    _resolving_inside(monkeypatch, "mail.partner.example")
    report = deliver_due(engine, NOW)
    assert report.sent == 0 and hits == []
    errors = [m.last_error or "" for m in delivery_log(uow)]
    assert errors and all("private or local network address" in e for e in errors)


def test_redirects_are_not_followed_and_failures_say_nothing_of_ports(
    uow: UnitOfWork,
    engine: Engine,
    listener: tuple[int, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_ALLOW_PRIVATE, "1")
    port, hits = listener
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    add_webhook(uow, WebhookCreate(url=f"http://127.0.0.1:{port}/in"), NOW)
    add_webhook(uow, WebhookCreate(url=f"http://127.0.0.1:{closed}/in"), NOW)
    _lead(uow)
    mail_settings(uow, closed)
    deliver_due(engine, NOW + timedelta(seconds=1))
    assert hits == ["/in"]  # posted once; the redirect to the metadata service not followed
    errors = sorted(m.last_error or "" for m in delivery_log(uow))
    assert any("redirects are not followed" in e for e in errors)
    assert any("could not reach the endpoint" in e for e in errors)
    assert any("could not reach the mail server" in e for e in errors)
    assert not any("refused" in e.lower() or "errno" in e.lower() for e in errors), errors
