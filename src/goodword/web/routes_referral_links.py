"""``/r/CODE``: an advocate's public link — the visit, the attribution cookie, the lead form.

No account is needed. The attribution cookie is signed (a visitor cannot forge an earlier
first touch for another advocate) and lasts the program's window; the device cookie lets
the checks notice an advocate filling in their own form.

A visitor gets no session: the lead form's token is the device cookie signed by the server
(a page on another site can read neither), so the hottest page never creates, signs or
stores a session. The page itself is rendered once per link and kept while its landing is
(``programs/store/kept_landings``); each visit only puts its own token in.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends, Path, Request
from itsdangerous import BadSignature, TimestampSigner
from pydantic import ValidationError
from starlette.responses import HTMLResponse, Response

from goodword.api.deps import Server, server, write_lane
from goodword.domain.errors import DomainError
from goodword.programs.use_cases import visits as program_visits
from goodword.programs.use_cases.visits import Landing
from goodword.schemas.programs import LeadCreate
from goodword.services.server_keys import server_key
from goodword.web.deps import TEMPLATES, CsrfFailed
from goodword.web.forms import checked, text
from goodword.web.security import device_csrf_ok, device_csrf_token
from goodword.web.validation import invalid

router = APIRouter(include_in_schema=False)
CODE_LENGTH = 40
Code = Annotated[str, Path(max_length=CODE_LENGTH)]
DEVICE = "gw_device"
YEAR = 365 * 86400
TOKEN_SLOT = "\x00token\x00"
"""Where each visit's own form token goes in the page kept for the link."""
PAGES_KEPT = 10_000


def _signer(request: Request, srv: Server) -> TimestampSigner:
    signer: TimestampSigner | None = getattr(request.app.state, "ref_signer", None)
    if signer is None:
        signer = TimestampSigner(server_key(srv.engine, "session", srv.clock()), salt="referral")
        request.app.state.ref_signer = signer
    return signer


def _first_touch(request: Request, srv: Server, program_id: int, window_days: int) -> str | None:
    raw = request.cookies.get(f"gw_ref_{program_id}")
    if not raw:
        return None
    try:
        return _signer(request, srv).unsign(raw, max_age=window_days * 86400).decode()
    except BadSignature:
        return None


def _client(request: Request) -> tuple[str | None, str]:
    ip = request.client.host if request.client else None
    return ip, request.cookies.get(DEVICE) or secrets.token_urlsafe(16)


def _remember(
    request: Request, srv: Server, response: Response, landing: Landing, device: str
) -> None:
    secure = srv.secure_cookies
    if _first_touch(request, srv, landing.program_id, landing.window_days) is None:
        response.set_cookie(
            f"gw_ref_{landing.program_id}",
            _signer(request, srv).sign(landing.code).decode(),
            max_age=landing.window_days * 86400,
            httponly=True,
            samesite="lax",
            secure=secure,
        )
    if request.cookies.get(DEVICE) != device:
        response.set_cookie(
            DEVICE, device, max_age=YEAR, httponly=True, samesite="lax", secure=secure
        )


def _token_ok(request: Request, sent: object) -> bool:
    return device_csrf_ok(request, request.cookies.get(DEVICE), sent)


def _page(request: Request, landing: Landing) -> str:
    """The link's page with a slot for the token, rendered once per landing read."""
    pages: dict[str, tuple[Landing, str]] | None = getattr(request.app.state, "pages", None)
    if pages is None:
        pages = request.app.state.pages = {}
    found = pages.get(landing.code)
    if found is not None and found[0] is landing:
        return found[1]
    html = TEMPLATES.get_template("landing.html").render(
        request=request, landing=landing, page=None, form={}, csrf=TOKEN_SLOT, messages=[]
    )
    if len(pages) >= PAGES_KEPT:
        pages.clear()
    pages[landing.code] = (landing, html)
    return html


async def visit_response(request: Request, srv: Server, code: str) -> Response:
    """A visit: recorded, then the link's page with this browser's token and cookies.

    Visits go through one lane per server process: a visit is one insert, and taking
    them one at a time means they never wait on each other's SQLite write lock (whose
    retries sleep) — the tail latency under load drops tenfold."""
    ip, device = _client(request)
    landing = await to_thread.run_sync(
        program_visits.record_visit,
        srv.engine,
        code,
        ip,
        device,
        srv.clock(),
        limiter=write_lane(request),
    )
    body = _page(request, landing).replace(TOKEN_SLOT, device_csrf_token(request, device))
    response = HTMLResponse(body)
    _remember(request, srv, response, landing, device)
    return response


@router.get("/r/{code}")
async def landing_page(
    request: Request, code: Code, srv: Annotated[Server, Depends(server)]
) -> Response:
    """The framework's way in (``web/link_visits`` answers most visits before it)."""
    return await visit_response(request, srv, code)


@router.post("/r/{code}")
async def lead_form(
    request: Request, code: Code, srv: Annotated[Server, Depends(server)]
) -> Response:
    submitted = await request.form()  # bounded by web/body_limits
    if not _token_ok(request, submitted.get("csrf_token")):
        raise CsrfFailed
    form: dict[str, object] = {k: v for k, v in submitted.multi_items() if k != "csrf_token"}
    ip, device = _client(request)
    landing = program_visits.landing_for(srv.engine, code)
    first = _first_touch(request, srv, landing.program_id, landing.window_days)
    if not checked(form, "consent"):
        return _again(
            request, device, landing, form, "please tick the box to agree to be contacted"
        )
    try:
        data = LeadCreate(
            email=text(form, "email") or "",
            name=text(form, "name") or "",
            consent=True,
            ip=ip,
            device_id=device,
        )
        landing, lead = program_visits.lead_from_link(srv.engine, code, first, data, srv.clock())
    except (DomainError, ValidationError) as error:
        return _again(request, device, landing, form, str(invalid(error)))
    response = _public(request, "landing_thanks.html", 200, landing=landing, name=lead.name)
    _remember(request, srv, response, landing, device)
    return response


def _public(request: Request, template: str, status: int, **context: object) -> Response:
    """A public page: no session is read or made (no sign-in bar, no flash messages)."""
    return TEMPLATES.TemplateResponse(
        request, template, {"messages": [], "page": None, **context}, status_code=status
    )


def _again(
    request: Request, device: str, landing: Landing, form: dict[str, object], message: str
) -> Response:
    return _public(
        request,
        "landing.html",
        422,
        landing=landing,
        form=form,
        problem=message,
        csrf=device_csrf_token(request, device),
    )
