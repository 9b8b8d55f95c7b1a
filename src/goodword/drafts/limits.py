"""The limits a user's template runs within: it is text typed into a web form, so it must
not be able to take the server's time or memory (``{% for i in range(10**9) %}``,
``{{ 'x' * 10**9 }}``, ``'x'|replace('x', 'x' * 20000)``).

- sizes: every string or list a template makes — by ``*``, a filter, a method, ``format`` —
  is at most :data:`MAX_SIZE`, checked *before* it is built wherever its size can be known;
- numbers: ``**`` only with small exponents; ``range`` at most :data:`MAX_RANGE` items;
- time: at most :data:`MAX_SECONDS` per draft, checked on every line the template runs;
- output: at most :data:`MAX_SIZE` characters.

Breaking one raises :class:`TemplateLimit`, which the renderer turns into a clear message
for the person editing the template, and a fall back to the shipped wording elsewhere.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from jinja2.environment import Environment
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

MAX_SIZE = 50_000
MAX_RANGE = 1_000
MAX_EXPONENT = 64
MAX_SECONDS = 0.5
_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d{6,})[^{}]*\}|%[-+ #0]*(\d{6,}|\*)")


class TemplateLimit(Exception):
    """The template went past one of the limits; the message says which."""


def _size(value: object) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set)) else 0


def _checked(value: Any) -> Any:
    if _size(value) > MAX_SIZE:
        raise TemplateLimit(f"it makes a text or list longer than {MAX_SIZE:,}")
    return value


def _widths(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """No width or count (``center(10**9)``) and no format (``'%999999999s'``) past the
    size limit."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise TemplateLimit(f"it asks for a width or count above {MAX_SIZE:,}")
        _format_widths(value)


def _format_widths(value: object) -> None:
    if isinstance(value, str) and _WIDTH.search(value):
        raise TemplateLimit("its format asks for a width too large")


def _replaced_size(text: object, old: object, new: object, count: object = None) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        times = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        if len(text) + times * (len(new) - len(old)) > MAX_SIZE:
            raise TemplateLimit(f"it makes a text longer than {MAX_SIZE:,}")


def _limited_filter(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not isinstance(a, (Context, EvalContext, Environment))]
        if name == "replace" and len(values) >= 3:
            _replaced_size(*values[:3], *(values[3:4] or [kwargs.get("count")]))
        if values:
            _format_widths(values[0])
        _widths(tuple(values[1:]), kwargs)
        return _checked(original(*args, **kwargs))

    if hasattr(original, "jinja_pass_arg"):  # how Jinja passes it the context or environment
        run.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return run


def _range(*args: int) -> Iterator[int]:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"a range of {len(numbers):,} is more than the {MAX_RANGE:,} allowed")
    return iter(numbers)


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox (no reaching Python's internals), with sizes and numbers bounded."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _range
        self.filters = {name: _limited_filter(name, f) for name, f in self.filters.items()}

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if not isinstance(right, (int, float)) or abs(right) > MAX_EXPONENT:
                raise TemplateLimit(f"a power above {MAX_EXPONENT}")
            return _checked(left**right)
        for many, times in ((left, right), (right, left)):
            if _size(many) and isinstance(times, int) and _size(many) * times > MAX_SIZE:
                raise TemplateLimit(f"it makes a text or list longer than {MAX_SIZE:,}")
        return _checked(left * right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if getattr(value, "__name__", "") in ("format", "format_map"):
            _format_widths(getattr(value, "__self__", None))
        return super().wrap_str_format(value)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        name = getattr(__obj, "__name__", "")
        if isinstance(getattr(__obj, "__self__", None), str):
            if name == "replace" and len(args) >= 2:
                _replaced_size(__obj.__self__, *args[:3])
            _widths(args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))


@contextmanager
def time_limit(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Stop a template that runs too long: every line of compiled template code checks the
    clock (only template frames are traced, so the rest of the process runs at full speed)."""
    deadline = time.monotonic() + seconds
    previous = sys.gettrace()

    def on_line(frame: FrameType, event: str, _: Any) -> Any:
        if time.monotonic() > deadline:
            raise TemplateLimit(f"it runs longer than {seconds:g} seconds")
        return on_line

    def on_call(frame: FrameType, event: str, _: Any) -> Any:
        if (
            event == "call"
            and frame.f_globals.get("environment") is not None
            and ("__jinja_template__" in frame.f_globals)
        ):
            return on_line
        return None

    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)


def limited_output(chunks: Iterator[str]) -> str:
    """The rendered text, stopped as soon as it passes :data:`MAX_SIZE` characters."""
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_SIZE:
            raise TemplateLimit(f"the message would be longer than {MAX_SIZE:,} characters")
        parts.append(chunk)
    return "".join(parts)
