"""Security for the browser: headers on every response, CSRF tokens, a login rate limit."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from threading import Lock

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from goodword.domain.errors import TooManyAttempts

#: No inline script or style anywhere; every asset comes from this server.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


#: Pages that must never be cached: the API, sign-in, and secret or personal links.
NO_STORE = ("/api/", "/login", "/setup", "/b/", "/r/", "/j/", "/a/", "/confirm/")


class SecurityHeaders:
    """Adds the headers to every response. Plain ASGI (not ``BaseHTTPMiddleware``): it only
    touches the response start, so it costs nothing on the hot /r/CODE and API paths."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = str(scope.get("path", "")).startswith(NO_STORE)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if no_store:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, with_headers)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use; every form carries it back."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, sent: object) -> bool:
    expected = request.session.get("csrf")
    return (
        isinstance(expected, str)
        and isinstance(sent, str)
        and hmac.compare_digest(expected.encode(), sent.encode())
    )


class LoginThrottle:
    """At most ``attempts`` failed sign-ins per ``window`` seconds, per address and per email.

    Kept in memory: enough for one server process; each worker counts on its own, so the
    limit is per worker (several workers multiply it, still far below a useful guessing rate).
    """

    def __init__(self, attempts: int = 5, window: float = 900.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        stamps = self._failures[key]
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        return stamps

    def check(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                stamps = self._recent(key, now)
                if len(stamps) >= self.attempts:
                    wait = int(stamps[0] + self.window - now) // 60 + 1
                    raise TooManyAttempts(
                        f"too many failed sign-ins; try again in {wait} minute(s)"
                    )

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
