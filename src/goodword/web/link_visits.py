"""``GET /r/CODE`` answered before the framework: the hottest page of the server.

Every share of an advocate's link lands here, and the page does one thing — record the
visit, show the link's page. Through FastAPI's routing, dependencies and exception layers
a visit cost about four times what the same lookup, insert and page cost in a bare app
(``benchmarks/link_floor_app.py``); this plain ASGI layer sits inside the host check and
the security headers, calls the same ``visit_response`` the route does, and hands anything
else — another path, a method other than GET, a link that does not exist (whose 404 page
the framework renders) — to the app unchanged.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from goodword.domain.errors import NotFound
from goodword.web.routes_referral_links import CODE_LENGTH, visit_response

PREFIX = "/r/"


class LinkVisits:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        code = path[len(PREFIX) :]
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not path.startswith(PREFIX)
            or not 0 < len(code) <= CODE_LENGTH
            or "/" in code
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await visit_response(request, request.app.state.server, code)
        except NotFound:
            await self.app(scope, receive, send)  # the framework's 404 page
            return
        await response(scope, receive, send)
