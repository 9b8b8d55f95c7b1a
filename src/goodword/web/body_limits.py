"""What a request may send.

- Size: an import's file up to the upload cap, anything else (a form, a JSON body) up to a
  megabyte. Checked on ``Content-Length`` before the body is read, and again while it
  streams (a chunked body has no length), so an oversized request costs the bytes up to
  the cap and nothing more.
- Control characters: a NUL (which PostgreSQL cannot store) or another control character
  in the address, a form or a JSON body is refused with a 422 before any route sees it,
  on both engines alike. Uploaded files (multipart) are the importers' to read.
"""

from __future__ import annotations

import re

from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from goodword.api.errors import error_response
from goodword.interop.uploads import MAX_UPLOAD_BYTES

MAX_BODY_BYTES = 1024 * 1024
UPLOADS = ("/import", "/api/v1/imports/")
#: Room for the multipart framing and the form's other fields around the file.
UPLOAD_SLACK = 64 * 1024
#: Raw C0 (but tab and line breaks), DEL and C1 characters (UTF-8 ``C2 80``-``C2 9F``);
#: their JSON escapes (``\u0000``, not ``\\u0000``); their URL escapes (``%00``).
_RAW = rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]"
_JSON = rb"(?<!\\)(?:\\\\)*\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
_URL = rb"%(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])|%[cC]2%[89][0-9a-fA-F]"
IN_URL = re.compile(b"|".join([_RAW, _URL]))  # the address, and a form's fields
IN_JSON = re.compile(b"|".join([_RAW, _JSON]))
NOT_TEXT = (
    "the request holds a control character (such as NUL, U+0000), which no goodword "
    "field takes; remove it and send again"
)


def limit_for(path: str) -> int:
    if path == UPLOADS[0] or path.startswith(UPLOADS[1]):
        return MAX_UPLOAD_BYTES + UPLOAD_SLACK
    return MAX_BODY_BYTES


class BodyLimit:
    """Refuses a body over its path's limit (413) or text with control characters (422):
    the API's error body, or a line of text for a page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(str(scope.get("path", "")))
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(scope, receive, send, 413, _too_large(limit))
            return
        if IN_URL.search(scope.get("raw_path") or b"") or IN_URL.search(
            scope.get("query_string") or b""
        ):
            await _refuse(scope, receive, send, 422, NOT_TEXT)
            return
        kind = headers.get(b"content-type", b"")
        scan = None if kind.startswith(b"multipart/") else IN_URL if b"form" in kind else IN_JSON
        seen, tail = 0, b""
        refusal: tuple[int, str] | None = None
        started = False

        async def counted() -> Message:
            nonlocal seen, tail, refusal
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                seen += len(body)
                if seen > limit:
                    refusal = (413, _too_large(limit))
                elif scan is not None and scan.search(tail + body):
                    refusal = (422, NOT_TEXT)
                tail = body[-16:]
                if refusal is not None:
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if refusal is not None:
                if not started:
                    started = True
                    await _refuse(scope, receive, send, *refusal)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if refusal is None:
                raise
            if not started:
                await _refuse(scope, receive, send, *refusal)


def _too_large(limit: int) -> str:
    return f"the request is larger than the {limit // 2**20} MB this server takes" + (
        "; is it the right file?" if limit > MAX_BODY_BYTES else ""
    )


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    response: Response
    if str(scope.get("path", "")).startswith("/api/"):
        code = "too_large" if status == 413 else "validation"
        response = error_response(status, code, message)
    else:
        response = PlainTextResponse(message, status_code=status)
    await response(scope, receive, send)
