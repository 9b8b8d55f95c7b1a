"""Status rules for recommendations and vendor reference requests (seed 002)."""

from __future__ import annotations

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


def shown_company(company: str | None, confidential: bool) -> str | None:
    """The company name as shown anywhere outside the request's own record."""
    if company is None:
        return None
    return CONFIDENTIAL_LABEL if confidential else company
