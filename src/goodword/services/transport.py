"""How a message leaves: SMTP and HTTP POST to checked public addresses (see
``services.outbound``), with errors worded for the delivery log."""

from __future__ import annotations

import http.client
import smtplib
import socket
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from goodword.services.outbound import TargetRefused, resolve


class Undeliverable(Exception):
    """This attempt failed; the message says why (kept in the delivery log)."""


class Network:
    """The real thing: SMTP with STARTTLS or SSL, and HTTP POST with a 10-second timeout,
    each to a checked public address (``services.outbound``), never following a redirect.
    What went wrong is said in general words: the delivery log must not become a way to
    probe which ports answer."""

    def send_email(self, settings: dict[str, str], message: EmailMessage) -> None:
        port = int(settings.get("smtp_port") or 587)
        tls = settings.get("smtp_tls") or (
            "ssl" if port == 465 else "starttls" if port == 587 else "none"
        )
        host = settings["smtp_host"]
        try:
            address = resolve(host, port)
        except TargetRefused as refused:
            raise Undeliverable(f"SMTP {refused}") from None
        try:
            client = _smtp(tls, address)
            with client:
                client.connect(host, port)
                if tls == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if settings.get("smtp_user"):
                    client.login(settings["smtp_user"], settings.get("smtp_password", ""))
                client.send_message(message)
        except smtplib.SMTPAuthenticationError:
            raise Undeliverable(
                f"SMTP {host}:{port}: the user name or password was refused"
            ) from None
        except smtplib.SMTPException as error:
            raise Undeliverable(f"SMTP {host}:{port}: {error}") from None
        except OSError:
            raise Undeliverable(
                f"SMTP {host}:{port}: could not reach the mail server (check the host, port "
                "and smtp_tls settings)"
            ) from None

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        parts = urlsplit(url)
        secure = parts.scheme == "https"
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if secure else 80)
            address = resolve(host, port)
        except (TargetRefused, ValueError) as refused:
            raise Undeliverable(f"webhook {refused}") from None
        connection = (
            http.client.HTTPSConnection(
                host, port, timeout=10, context=ssl.create_default_context()
            )
            if secure
            else http.client.HTTPConnection(host, port, timeout=10)
        )
        connection._create_connection = _pinned(address)  # type: ignore[attr-defined]
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("POST", path, body, headers)
            response = connection.getresponse()
            status = response.status
            response.read(65536)
        except (OSError, http.client.HTTPException):
            raise Undeliverable(
                f"{host}: could not reach the endpoint (it did not answer, in time or at all)"
            ) from None
        finally:
            connection.close()
        if 300 <= status < 400:
            raise Undeliverable(f"HTTP {status} from {host}: redirects are not followed")
        if not 200 <= status < 300:
            raise Undeliverable(f"HTTP {status} from {host}")


def _pinned(address: str) -> Callable[..., socket.socket]:
    """Connect to the checked address whatever the name resolves to by then."""

    def connect(
        target: tuple[str, int], timeout: float | None = None, source: Any = None
    ) -> socket.socket:
        return socket.create_connection((address, target[1]), timeout, source)

    return connect


class _PinnedSMTP(smtplib.SMTP):
    """Connects to ``pinned`` (a checked address) whatever the host name resolves to by
    then; TLS still checks the certificate against the host name."""

    pinned = ""

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return socket.create_connection((self.pinned, port), timeout, self.source_address)


class _PinnedSMTPSSL(smtplib.SMTP_SSL, _PinnedSMTP):
    """SMTP_SSL wraps the socket its parent opens: here, the pinned one."""


def _smtp(tls: str, address: str) -> smtplib.SMTP:
    """An SMTP client (not yet connected) whose socket goes to ``address``."""
    client = (
        _PinnedSMTPSSL(timeout=20, context=ssl.create_default_context())
        if tls == "ssl"
        else _PinnedSMTP(timeout=20)
    )
    client.pinned = address
    return client
