"""One line for a form that did not pass: the domain's words, or the field pydantic refused."""

from __future__ import annotations

from pydantic import ValidationError

from goodword.domain.errors import DomainError, InvalidValue


def invalid(error: DomainError | ValidationError) -> DomainError:
    if isinstance(error, DomainError):
        return error
    first = error.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "form"
    return InvalidValue(f"{field}: {first['msg'].lower()}")
