"""``/r/CODE``: an advocate's public link — the visit, the attribution cookie, the lead form.

No account is needed. The attribution cookie is signed (a visitor cannot forge an earlier
first touch for another advocate) and lasts the programme's window; the device cookie lets
the checks notice an advocate filling in their own form.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends, Path, Request
from itsdangerous import BadSignature, TimestampSigner
from pydantic import ValidationError
from starlette.responses import Response

from goodword.api.deps import Server, server, write_lane
from goodword.domain.errors import DomainError
from goodword.schemas.programmes import LeadCreate
from goodword.services import programme_visits
from goodword.services.programme_visits import Landing
from goodword.services.server_keys import server_key
from goodword.web.deps import checked_form, render
from goodword.web.forms import checked, text
from goodword.web.validation import invalid

router = APIRouter(include_in_schema=False)
Code = Annotated[str, Path(max_length=40)]
DEVICE = "gw_device"
YEAR = 365 * 86400


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


@router.get("/r/{code}")
async def landing_page(
    request: Request, code: Code, srv: Annotated[Server, Depends(server)]
) -> Response:
    """Visits go through one lane per server process: a visit is one indexed read and one
    insert, and taking them one at a time means they never wait on each other's SQLite
    write lock (whose retries sleep) — the tail latency under load drops tenfold."""
    ip, device = _client(request)
    landing = await to_thread.run_sync(
        programme_visits.record_visit,
        srv.engine,
        code,
        ip,
        device,
        srv.clock(),
        limiter=write_lane(request),
    )
    response = render(request, "landing.html", landing=landing, page=None, form={})
    _remember(request, srv, response, landing, device)
    return response


@router.post("/r/{code}")
async def lead_form(
    request: Request, code: Code, srv: Annotated[Server, Depends(server)]
) -> Response:
    form = await checked_form(request)
    ip, device = _client(request)
    landing = programme_visits.landing_for(srv.engine, code)
    first = _first_touch(request, srv, landing.program_id, landing.window_days)
    if not checked(form, "consent"):
        return _again(request, landing, form, "please tick the box to agree to be contacted")
    try:
        data = LeadCreate(
            email=text(form, "email") or "",
            name=text(form, "name") or "",
            consent=True,
            ip=ip,
            device_id=device,
        )
        landing, lead = programme_visits.lead_from_link(srv.engine, code, first, data, srv.clock())
    except (DomainError, ValidationError) as error:
        return _again(request, landing, form, str(invalid(error)))
    response = render(request, "landing_thanks.html", landing=landing, name=lead.name, page=None)
    _remember(request, srv, response, landing, device)
    return response


def _again(request: Request, landing: Landing, form: dict[str, object], message: str) -> Response:
    return render(
        request, "landing.html", 422, landing=landing, page=None, form=form, problem=message
    )
