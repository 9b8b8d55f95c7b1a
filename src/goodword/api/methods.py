"""Which methods a path supports, for honest 405 answers with an ``Allow`` header.

Starlette answers 405 from the first route whose path matches, so ``Allow`` would list only
that route's method; and ``GET /referrals/received`` would be read as ``/referrals/{id}``
with a bad id (422) although the path exists for POST only. Both are settled here from the
API's own route table, a literal path winning over a templated one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.routing import BaseRoute, compile_path


@dataclass(frozen=True)
class PathMethods:
    pattern: re.Pattern[str]
    literal: bool
    methods: frozenset[str]


def _flat(routes: Iterable[BaseRoute], prefix: str) -> Iterable[tuple[str, set[str]]]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _flat(inner.routes, prefix)
        elif getattr(route, "methods", None):
            yield prefix + route.path, set(route.methods)  # type: ignore[attr-defined]


class MethodTable:
    def __init__(self, routes: Iterable[BaseRoute], prefix: str) -> None:
        grouped: dict[str, set[str]] = {}
        for path, methods in _flat(routes, prefix):
            grouped.setdefault(path, set()).update(methods - {"HEAD"})
        self.entries = [
            PathMethods(compile_path(path)[0], "{" not in path, frozenset(methods))
            for path, methods in grouped.items()
        ]

    def allowed(self, path: str) -> frozenset[str]:
        matches = [e for e in self.entries if e.pattern.match(path)]
        literal = [e for e in matches if e.literal]
        chosen = literal or matches
        return frozenset().union(*(e.methods for e in chosen)) if chosen else frozenset()

    def refuses(self, method: str, path: str) -> frozenset[str] | None:
        """The methods to list in ``Allow`` when ``method`` is not one of them, else None."""
        allowed = self.allowed(path)
        return allowed if allowed and method not in allowed else None
