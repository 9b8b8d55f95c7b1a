"""The bounds every number and text from outside is held to, in one place: what the
databases can store (ids are 32-bit integers on PostgreSQL), what money can sensibly be,
and which characters a text may hold."""

from __future__ import annotations

from decimal import Decimal

MAX_ID = 2**31 - 1
"""The largest id either database stores (PostgreSQL's INTEGER)."""
MAX_MONEY = Decimal("999999999999.99")
"""Just under a trillion (what a NUMERIC(14, 2) column holds): more than any referral or
reward is worth; beyond it is a typo or an attack."""
MONEY_PLACES = 2


def digits(text: str) -> bool:
    """Only the ASCII digits 0-9 (``"²".isdigit()`` is true, and ``int("²")`` fails)."""
    return text.isascii() and text.isdigit()


def control_characters(text: str) -> bool:
    """A NUL or another control character (tabs and line breaks are text)."""
    return any((ord(ch) < 32 and ch not in "\t\n\r") or 127 <= ord(ch) < 160 for ch in text)
