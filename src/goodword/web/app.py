"""The app factory: one ASGI app serving the pages, the API under /api/v1, and the assets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import RedirectResponse, Response

from goodword import __version__
from goodword.api import errors as api_errors
from goodword.api.deps import Server
from goodword.api.methods import MethodTable
from goodword.api.routes import api_router
from goodword.domain.errors import DomainError, NotFound
from goodword.services import accounts
from goodword.services.server_keys import server_key
from goodword.web import routes
from goodword.web.body_limits import BodyLimit
from goodword.web.deps import CsrfFailed, LoginRequired, render
from goodword.web.link_visits import LinkVisits
from goodword.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"
SESSION_DAYS = 14
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
"""The names this machine is reached by, always accepted in the Host header."""


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _html_error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status, status=status, message=message, page=None)


def _method_not_allowed(allowed: frozenset[str]) -> Response:
    return api_errors.error_response(
        405,
        "method",
        "this path does not answer to that method; use " + ", ".join(sorted(allowed)),
        headers={"Allow": ", ".join(sorted(allowed))},
    )


def _install_errors(app: FastAPI) -> None:
    api_errors.install(app)
    table = MethodTable(api_router.routes, api_router.prefix)
    validation = app.exception_handlers[RequestValidationError]

    async def request_invalid(request: Request, error: Exception) -> Response:
        refused = table.refuses(request.method, request.url.path)
        if refused is not None:
            return _method_not_allowed(refused)
        return await validation(request, error)  # type: ignore[no-any-return, misc]

    async def domain_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, DomainError)
        if _is_api(request):
            return api_errors.domain_json(error)
        return _html_error(request, api_errors.status_of(error), str(error))

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if _is_api(request):
            refused = table.refuses(request.method, request.url.path)
            if error.status_code == 405 and refused is not None:
                return _method_not_allowed(refused)
            return api_errors.http_json(error)
        message = "no such page" if error.status_code == 404 else str(error.detail)
        return _html_error(request, error.status_code, message)

    async def login_required(request: Request, _: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={target}" if target != "/" else "/login", 303)

    async def csrf_failed(request: Request, _: Exception) -> Response:
        return _html_error(
            request, 403, "this form expired or came from elsewhere; reload the page and try again"
        )

    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(NotFound, domain_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, request_invalid)
    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(CsrfFailed, csrf_failed)


def create_app(
    engine: Engine,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    *,
    secure_cookies: bool = False,
    loopback: bool = True,
    hosts: Sequence[str] = LOCAL_HOSTS,
) -> FastAPI:
    """``loopback``: the server listens only on this machine, so the first visitor may create
    the first account in the browser (on a public address, `goodword user create` does).
    ``hosts``: the only names accepted in a request's Host header (anything else is a 400),
    so that no address a visitor makes up ever reaches a page or a link."""
    accounts.warm_up()
    app = FastAPI(
        title="goodword",
        version=__version__,
        description="A local-first referral network manager. Authenticate with a personal API "
        "token (Settings → API tokens) sent as `Authorization: Bearer <token>`.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.server = Server(engine=engine, clock=clock, secure_cookies=secure_cookies)
    app.state.device_key = server_key(engine, "device", clock())
    app.state.loopback = loopback
    app.add_middleware(
        SessionMiddleware,
        secret_key=server_key(engine, "session", clock()),
        session_cookie="goodword_session",
        max_age=SESSION_DAYS * 86400,
        same_site="lax",
        https_only=secure_cookies,
    )
    app.add_middleware(BodyLimit)
    app.add_middleware(LinkVisits)  # /r/CODE before the framework, inside the two below
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))  # the outermost
    _install_errors(app)
    app.include_router(routes.hot_router)
    app.include_router(api_router)
    app.include_router(routes.web_router)
    swagger = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/static/swagger", StaticFiles(directory=swagger), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((STATIC / "docs.html").read_text())

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        return JSONResponse({"ok": True})

    return app
