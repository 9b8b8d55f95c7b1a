"""How much a request may send: an import's file up to the upload cap, anything else (a
form, a JSON body) up to a megabyte. Checked on ``Content-Length`` before the body is read,
and again while it streams (a chunked body has no length), so an oversized request costs
the server the bytes up to the cap and nothing more.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from goodword.api.errors import error_response
from goodword.interop.uploads import MAX_UPLOAD_BYTES

MAX_BODY_BYTES = 1024 * 1024
UPLOADS = ("/import", "/api/v1/imports/")
#: Room for the multipart framing and the form's other fields around the file.
UPLOAD_SLACK = 64 * 1024


def limit_for(path: str) -> int:
    if path == UPLOADS[0] or path.startswith(UPLOADS[1]):
        return MAX_UPLOAD_BYTES + UPLOAD_SLACK
    return MAX_BODY_BYTES


class BodyLimit:
    """Refuses a request body over its path's limit with a 413 (the API's error body, or a
    line of text for a page)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(str(scope.get("path", "")))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(scope, receive, send, limit)
            return
        seen = 0
        over = False
        started = False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over:
                if not started:
                    started = True
                    await _refuse(scope, receive, send, limit)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
            if not started:
                await _refuse(scope, receive, send, limit)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    message = f"the request is larger than the {limit // 2**20} MB this server takes" + (
        "; is it the right file?" if limit > MAX_BODY_BYTES else ""
    )
    response: Response
    if str(scope.get("path", "")).startswith("/api/"):
        response = error_response(413, "too_large", message)
    else:
        response = PlainTextResponse(message, status_code=413)
    await response(scope, receive, send)
