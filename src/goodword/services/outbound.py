"""Where goodword may connect on a user's behalf (webhooks, the SMTP server): public
addresses only, unless the server's owner allows private ones in the server's own
configuration (``GOODWORD_ALLOW_PRIVATE_TARGETS=1``, for a mail server or a receiver on
the same network).

Without this, a webhook URL or an ``smtp_host`` is a way to make the server knock on its
own ports (127.0.0.1, ``[::1]``, ``2130706433``), the cloud metadata service
(169.254.169.254) or the office network, and read the answers in the delivery log.
The name is resolved once, every address it resolves to is checked, and the connection is
made to the checked address (a name that changes its answer between check and connection
gains nothing).
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

from goodword.domain.errors import InvalidValue

ENV_ALLOW_PRIVATE = "GOODWORD_ALLOW_PRIVATE_TARGETS"
REFUSED = (
    "is a private or local network address, which goodword does not connect to "
    "(the server's owner can allow it with GOODWORD_ALLOW_PRIVATE_TARGETS=1)"
)


class TargetRefused(Exception):
    """The destination is not one goodword connects to."""


def private_allowed() -> bool:
    return os.environ.get(ENV_ALLOW_PRIVATE) == "1"


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _literal(host: str) -> str | None:
    """The address a host written as a number stands for (``127.1``, ``0x7f000001``,
    ``2130706433``, ``[::1]``), or None for a name."""
    bare = host.strip("[]")
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        pass
    try:
        return socket.inet_ntoa(socket.inet_aton(bare))
    except OSError:
        return None


def check_host(host: str, what: str, written: str | None = None) -> None:
    """Refuse, when saving, what is private without asking DNS: literal addresses in any
    notation and this machine's own names (a name is checked again when connecting)."""
    if private_allowed():
        return
    lowered = host.strip().lower().rstrip(".")
    literal = _literal(lowered)
    local_name = lowered in ("localhost", "localhost.localdomain") or lowered.endswith(
        (".localhost", ".local", ".internal")
    )
    if local_name or (literal is not None and not _public(literal)):
        raise InvalidValue(f"{what} '{written or host}' {REFUSED}")


def check_url(url: str, what: str) -> None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    if not host:
        raise InvalidValue(
            f"{what} '{url}' has no host name; write it like https://hooks.example.com/x"
        )
    check_host(host, what, url)


def resolve(host: str, port: int) -> str:
    """The address to connect to: the first one ``host`` resolves to, after every one of
    them was checked (``TargetRefused`` otherwise)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise TargetRefused(f"cannot resolve {host}") from None
    addresses = [str(info[4][0]) for info in found]
    if not addresses:
        raise TargetRefused(f"cannot resolve {host}")
    if not private_allowed() and not all(_public(a) for a in addresses):
        raise TargetRefused(f"{host} {REFUSED}")
    return addresses[0]
