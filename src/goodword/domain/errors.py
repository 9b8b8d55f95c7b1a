"""Domain exceptions. Each carries a message a person can act on, in one line."""

from __future__ import annotations

from collections.abc import Iterable


class DomainError(Exception):
    """Base of every refusal the rules make. ``str(error)`` is the user-facing line."""

    code = "invalid"


class NotFound(DomainError):
    code = "not_found"


class Ambiguous(DomainError):
    """A name matched several records; the message lists them so the user can pick by id."""

    code = "ambiguous"

    def __init__(self, what: str, query: str, candidates: Iterable[str]) -> None:
        self.candidates = list(candidates)
        listed = "; ".join(self.candidates)
        super().__init__(
            f"'{query}' matches {len(self.candidates)} {what}: {listed} — pick one by id (e.g. #12)"
        )


class InvalidValue(DomainError):
    code = "invalid_value"


class RuleViolation(DomainError):
    """The request is well formed but the referral practice says no (order, timing, approval)."""

    code = "rule_violation"


class Conflict(DomainError):
    code = "conflict"


class NotAuthenticated(DomainError):
    """No valid session or token: sign in, or send ``Authorization: Bearer <token>``."""

    code = "not_authenticated"


class NotAllowed(DomainError):
    """Signed in, but this account may not do this (e.g. only a team's owner adds members)."""

    code = "not_allowed"


class TooManyAttempts(DomainError):
    code = "too_many_attempts"
