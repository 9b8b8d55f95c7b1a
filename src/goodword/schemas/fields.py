"""Field types every schema that takes input shares, bounded where the data comes in."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from goodword.domain.limits import MAX_ID, MAX_MONEY

Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_MONEY, allow_inf_nan=False, description="0 to 999999999999.99"),
]
"""A value or an amount: finite, not negative, at most a trillion (``1e400`` is refused)."""

RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
"""An id another record is referred to by."""
