"""Every failure becomes ``{"error": {"code", "message", "field"}}`` with the status it means.

Domain refusals map by kind (not found 404, conflict 409, bad value 422, …) in one table;
request validation becomes 422 naming the field; a malformed body 400. No bad input reaches a
500: storage integrity errors (a race past the service's own checks) become 409.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from goodword.domain.errors import (
    Ambiguous,
    Conflict,
    DomainError,
    InvalidValue,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    RuleViolation,
    TooManyAttempts,
)

STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    Ambiguous: 409,
    Conflict: 409,
    InvalidValue: 422,
    RuleViolation: 409,
    NotAuthenticated: 401,
    NotAllowed: 403,
    TooManyAttempts: 429,
}


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


def status_of(error: DomainError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400


def error_response(
    status: int, code: str, message: str, field: str | None = None, headers: Any = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, field=field))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts) or None


def validation_body(errors: list[Any]) -> tuple[int, str, str, str | None]:
    first: dict[str, Any] = errors[0] if errors else {"loc": (), "msg": "invalid", "type": ""}
    field = _field_of(tuple(first.get("loc", ())))
    if first.get("type") == "json_invalid":
        return 400, "malformed", "the request body is not valid JSON", None
    text = str(first["msg"]).lower()
    message = f"{field}: {text}" if field else text
    return 422, "validation", message, field


def domain_json(error: DomainError) -> JSONResponse:
    status = status_of(error)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    message = str(error)
    prefix = message.split(":", 1)[0]
    field = prefix if ":" in message and prefix.isidentifier() else None
    return error_response(status, error.code, message, field, headers)


def http_json(error: StarletteHTTPException) -> JSONResponse:
    codes = {401: "not_authenticated", 403: "not_allowed", 404: "not_found", 405: "method"}
    return error_response(
        error.status_code,
        codes.get(error.status_code, "http"),
        str(error.detail),
        headers=getattr(error, "headers", None),
    )


def install(app: FastAPI) -> None:
    """Handlers for what only the API raises; domain and HTTP errors are dispatched by the
    app (JSON under /api, a page elsewhere) through :func:`domain_json` and :func:`http_json`."""

    @app.exception_handler(RequestValidationError)
    async def request_invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        status, code, message, field = validation_body(list(error.errors()))
        return error_response(status, code, message, field)

    @app.exception_handler(ValidationError)
    async def model_invalid(_: Request, error: ValidationError) -> JSONResponse:
        status, code, message, field = validation_body(list(error.errors()))
        return error_response(status, code, message, field)

    @app.exception_handler(IntegrityError)
    async def integrity(_: Request, error: IntegrityError) -> JSONResponse:
        return error_response(409, "conflict", "this conflicts with a record that already exists")


#: The error statuses every authenticated route may answer, documented in the OpenAPI.
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Malformed request"},
    401: {"model": ErrorBody, "description": "No valid token"},
    404: {"model": ErrorBody, "description": "No such record in this workspace"},
    409: {"model": ErrorBody, "description": "Conflicts with the data or the practice's rules"},
    422: {"model": ErrorBody, "description": "A field has a bad value"},
}
