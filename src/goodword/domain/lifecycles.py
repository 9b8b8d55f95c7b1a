"""Status rules for recommendations and vendor reference requests (seed 002)."""

from __future__ import annotations

from datetime import datetime

from goodword.domain.errors import RuleViolation
from goodword.domain.vocabulary import RecommendationStatus, ReferenceStatus

_REC_ORDER = [RecommendationStatus.DRAFT, RecommendationStatus.SENT, RecommendationStatus.PUBLISHED]

CONFIDENTIAL_LABEL = "(confidential)"


def check_recommendation_status(current: RecommendationStatus, new: RecommendationStatus) -> None:
    """A recommendation only moves forward: draft → sent → published."""
    if _REC_ORDER.index(new) <= _REC_ORDER.index(current):
        raise RuleViolation(
            f"a recommendation moves forward only (draft → sent → published); "
            f"it is already {current.value}"
        )


def check_reference_transition(current: ReferenceStatus, new: ReferenceStatus) -> None:
    """Approval first: a reference is given only after someone with authority approved it."""
    if new is ReferenceStatus.GIVEN and current is not ReferenceStatus.APPROVED:
        raise RuleViolation(
            "a reference can be given only after approval "
            f"(it is {current.value}): record it with 'references approve ID --by NAME'"
        )
    if new in (ReferenceStatus.APPROVED, ReferenceStatus.DENIED) and (
        current is not ReferenceStatus.REQUESTED
    ):
        raise RuleViolation(f"this reference request is already {current.value}")


def check_confidential_retry(current: ReferenceStatus, confidential: bool) -> None:
    """Seed 002: after management said no, a vendor that agrees to keep the company's name
    confidential opens the request again — for a fresh approval, never straight to given."""
    if current is ReferenceStatus.GIVEN:
        raise RuleViolation("this reference was already given")
    if current is ReferenceStatus.APPROVED:
        raise RuleViolation("this reference request is already approved")
    if confidential and current is ReferenceStatus.REQUESTED:
        raise RuleViolation("this reference request is already confidential")
    if current is ReferenceStatus.DENIED and confidential:
        raise RuleViolation(
            "the company was already confidential when management said no; the decision stands"
        )


def check_confidentiality_ask(
    current: ReferenceStatus, confidential: bool, asked_at: datetime | None
) -> None:
    if current is not ReferenceStatus.DENIED:
        raise RuleViolation(
            "ask the vendor about confidentiality after management said no "
            f"(this request is {current.value})"
        )
    if confidential:
        raise RuleViolation("the company was already confidential; the decision stands")
    if asked_at is not None:
        raise RuleViolation(
            f"the vendor was already asked on {asked_at.date().isoformat()}; "
            "record their answer when it comes"
        )


def reopened_confidential(confidential: bool, asked_at: datetime | None) -> datetime | None:
    """When a request denied for naming the company was reopened as confidential (the
    vendor was asked, and agreed), or None for one confidential from the start."""
    return asked_at if confidential else None


def shown_company(company: str | None, confidential: bool) -> str | None:
    """The company name as shown anywhere outside the request's own record."""
    if company is None:
        return None
    return CONFIDENTIAL_LABEL if confidential else company
