"""Vendor reference requests (seed 002): approval before giving; confidential company names."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.lifecycles import (
    check_confidential_retry,
    check_confidentiality_ask,
    check_reference_transition,
    shown_company,
)
from goodword.domain.vocabulary import ReferenceStatus, parse_choice
from goodword.schemas.practice import ReferenceCreate, ReferencePublic
from goodword.services.lookup import get_owned, ref, resolve_person
from goodword.services.time_zones import moment
from goodword.storage.tables import ReferenceRequest
from goodword.storage.unit_of_work import UnitOfWork


def to_public(request: ReferenceRequest, *, own_record: bool = False) -> ReferencePublic:
    """``own_record`` is True only when showing this request by itself; everywhere else a
    confidential company name is replaced."""
    company = (
        request.company if own_record else shown_company(request.company, request.confidential)
    )
    return ReferencePublic(
        id=request.id,
        vendor=request.vendor,
        company=company,
        confidential=request.confidential,
        requested_by=ref(request.requested_by),
        prospect=request.prospect,
        status=request.status,
        requested_at=request.requested_at,
        approver=request.approver,
        decided_at=request.decided_at,
        confidentiality_asked_at=request.confidentiality_asked_at,
        given_at=request.given_at,
        note=request.note,
    )


def add_reference_request(uow: UnitOfWork, data: ReferenceCreate, now: datetime) -> ReferencePublic:
    with uow:
        at = moment(uow, data.when, now)
        if at > now:
            raise RuleViolation(f"a request dated {at.date().isoformat()} is in the future")
        request = ReferenceRequest(
            workspace_id=uow.workspace_id,
            vendor=data.vendor.strip(),
            company=data.company.strip() if data.company else None,
            confidential=data.confidential,
            requested_by=resolve_person(uow, data.requested_by) if data.requested_by else None,
            prospect=data.prospect or None,
            status=ReferenceStatus.REQUESTED.value,
            requested_at=at,
            note=data.note or None,
        )
        uow.session.add(request)
        uow.session.flush()
        result = to_public(request, own_record=True)
        uow.commit()
        return result


def decide_reference(
    uow: UnitOfWork,
    request_id: int,
    *,
    approve: bool,
    approver: str,
    now: datetime,
    when: str | None = None,
    note: str | None = None,
) -> ReferencePublic:
    """Record the management decision: who approved (or denied) and when."""
    with uow:
        if not approver.strip():
            raise InvalidValue("say who decided: --by NAME (your manager, legal, …)")
        request = get_owned(uow, ReferenceRequest, request_id, "reference request")
        new = ReferenceStatus.APPROVED if approve else ReferenceStatus.DENIED
        check_reference_transition(ReferenceStatus(request.status), new)
        at = _checked_date(uow, when, now, request.requested_at, new.value)
        request.status, request.approver, request.decided_at = new.value, approver.strip(), at
        if note:
            request.note = f"{request.note}\n{note}" if request.note else note
        result = to_public(request, own_record=True)
        uow.commit()
        return result


def give_reference(
    uow: UnitOfWork, request_id: int, now: datetime, when: str | None = None
) -> ReferencePublic:
    with uow:
        request = get_owned(uow, ReferenceRequest, request_id, "reference request")
        check_reference_transition(ReferenceStatus(request.status), ReferenceStatus.GIVEN)
        assert request.decided_at is not None
        request.given_at = _checked_date(uow, when, now, request.decided_at, "given")
        request.status = ReferenceStatus.GIVEN.value
        result = to_public(request, own_record=True)
        uow.commit()
        return result


def ask_confidentiality(
    uow: UnitOfWork, request_id: int, now: datetime, when: str | None = None
) -> ReferencePublic:
    """After a denial, the vendor was asked whether the company's name can stay out of it."""
    with uow:
        request = get_owned(uow, ReferenceRequest, request_id, "reference request")
        check_confidentiality_ask(
            ReferenceStatus(request.status), request.confidential, request.confidentiality_asked_at
        )
        assert request.decided_at is not None
        request.confidentiality_asked_at = _checked_date(
            uow, when, now, request.decided_at, "the confidentiality ask"
        )
        result = to_public(request, own_record=True)
        uow.commit()
        return result


def make_confidential(
    uow: UnitOfWork, request_id: int, now: datetime, note: str | None = None
) -> ReferencePublic:
    """The vendor agreed to keep the company's name confidential. A denied request opens
    again for a fresh approval (seed 002: "you might still be able to participate")."""
    with uow:
        request = get_owned(uow, ReferenceRequest, request_id, "reference request")
        current = ReferenceStatus(request.status)
        check_confidential_retry(current, request.confidential)
        if current is ReferenceStatus.DENIED:
            assert request.decided_at is not None
            earlier = (
                f"Denied by {request.approver} on {request.decided_at.date().isoformat()}; "
                f"{request.vendor} agreed to keep the company confidential."
            )
            request.note = f"{request.note}\n{earlier}" if request.note else earlier
            request.status = ReferenceStatus.REQUESTED.value
            request.approver, request.decided_at = None, None
            request.confidentiality_asked_at = request.confidentiality_asked_at or now
        request.confidential = True
        if note:
            request.note = f"{request.note}\n{note}" if request.note else note
        result = to_public(request, own_record=True)
        uow.commit()
        return result


def _checked_date(
    uow: UnitOfWork, when: str | None, now: datetime, earliest: datetime, what: str
) -> datetime:
    at = moment(uow, when, now)
    if at > now or at < earliest:
        raise RuleViolation(
            f"{what} on {at.date().isoformat()} must fall between "
            f"{earliest.date().isoformat()} and today"
        )
    return at


def show_reference(uow: UnitOfWork, request_id: int) -> ReferencePublic:
    with uow:
        return to_public(
            get_owned(uow, ReferenceRequest, request_id, "reference request"), own_record=True
        )


def list_references(uow: UnitOfWork, status: str | None = None) -> list[ReferencePublic]:
    with uow:
        query = select(ReferenceRequest).where(ReferenceRequest.workspace_id == uow.workspace_id)
        if status:
            query = query.where(
                ReferenceRequest.status
                == parse_choice(ReferenceStatus, status, "reference status").value
            )
        rows = uow.session.scalars(query.order_by(ReferenceRequest.requested_at.desc()))
        return [to_public(r) for r in rows]
