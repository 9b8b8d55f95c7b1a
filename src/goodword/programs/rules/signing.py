"""Signing outgoing webhooks, so the business's system can trust them.

The header is ``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">``: the receiver
recomputes it with the endpoint's secret, compares in constant time, and refuses a
timestamp older than its tolerance (a replayed request carries an old one).
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "Goodword-Signature"
TOLERANCE_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(
    secret: str, header: str, body: bytes, now: int, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """What a receiver does (used by the tests, and documented for integrators)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
