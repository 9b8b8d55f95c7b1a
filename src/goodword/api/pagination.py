"""Lists come in pages: ``limit`` items and an opaque ``cursor`` for the next page."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from goodword.domain.errors import InvalidValue

T = TypeVar("T")
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None
    """Pass as ``cursor`` for the next page; ``null`` on the last page."""


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]
Cursor = Annotated[str | None, Query(max_length=40, description="From the previous page")]


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode() + b"==").decode()
        offset = int(text.removeprefix("o:")) if text.startswith("o:") else -1
    except (ValueError, UnicodeDecodeError):
        offset = -1
    if offset < 0:
        raise InvalidValue("cursor: not a cursor this API gave; start again without one")
    return offset


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def offset_of(cursor: str | None) -> int:
    """Where a page starts (for lists that fetch only their page)."""
    return _offset(cursor)


def fetched_page(items: Sequence[T], limit: int, cursor: str | None) -> Page[T]:
    """A page from ``limit + 1`` items fetched at the cursor's offset: the extra one says
    whether there is a next page."""
    start = _offset(cursor)
    more = len(items) > limit
    return Page[T](items=list(items[:limit]), next_cursor=_cursor(start + limit) if more else None)


def page(items: Sequence[T], limit: int, cursor: str | None) -> Page[T]:
    start = _offset(cursor)
    chunk = list(items[start : start + limit])
    more = start + limit < len(items)
    return Page[T](items=chunk, next_cursor=_cursor(start + limit) if more else None)
