"""Security for the browser: headers on every response, CSRF tokens, known devices."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


#: The only responses a browser or proxy may keep: the shipped assets. Every page is
#: personal or behind a secret link, so none is cached (not even after signing out).
CACHEABLE = "/static/"


class SecurityHeaders:
    """Adds the headers to every response. Plain ASGI (not ``BaseHTTPMiddleware``): it only
    touches the response start, so it costs nothing on the hot /r/CODE and API paths."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = not str(scope.get("path", "")).startswith(CACHEABLE)

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


def device_csrf_token(request: Request, device: str) -> str:
    """A CSRF token without a session, for public forms (the referral link's lead form):
    the browser's device cookie signed by the server, which a page on another site can
    neither read nor make."""
    key = str(request.app.state.device_key).encode()
    return hmac.new(key, b"lead-form\x00" + device.encode(), hashlib.sha256).hexdigest()


def device_csrf_ok(request: Request, device: str | None, sent: object) -> bool:
    return (
        isinstance(sent, str)
        and bool(device)
        and hmac.compare_digest(device_csrf_token(request, str(device)), sent)
    )


DEVICE_COOKIE = "goodword_device"
DEVICE_DAYS = 180


def _device_mark(request: Request, email: str) -> str:
    key = request.app.state.device_key
    return hmac.new(key.encode(), f"device:{email}".encode(), hashlib.sha256).hexdigest()


def known_device(request: Request, email: str) -> bool:
    """This browser signed in to ``email`` before (the cookie ``remember_device`` set)."""
    sent = request.cookies.get(DEVICE_COOKIE, "")
    return bool(email) and hmac.compare_digest(sent.encode(), _device_mark(request, email).encode())


def remember_device(request: Request, response: Response, email: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        _device_mark(request, email),
        max_age=DEVICE_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=bool(request.app.state.server.secure_cookies),
    )
