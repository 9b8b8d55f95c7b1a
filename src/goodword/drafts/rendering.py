"""Rendering a draft: the workspace's own text (edited in Settings), then the user's folder,
then the shipped templates; a missing fact is an error that names it, never a hole in the
message. Templates run in Jinja's sandbox: text typed into a web form must not reach
Python's internals."""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChainableUndefined,
    ChoiceLoader,
    DictLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError

from goodword.domain.errors import InvalidValue
from goodword.drafts.kinds import DRAFT_KINDS, EMAIL_KINDS, TEMPLATE_KINDS
from goodword.drafts.limits import LimitedSandbox, TemplateLimit, limited_output, time_limit

__all__ = ["DRAFT_KINDS", "EMAIL_KINDS", "TEMPLATE_KINDS", "RenderedDraft", "render"]

SHIPPED = Path(__file__).parent / "templates"


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}")


@dataclass(frozen=True)
class RenderedDraft:
    subject: str
    body: str


def _environment(override: Path | None, stored: dict[str, str] | None = None) -> LimitedSandbox:
    """One environment per set of sources, kept: compiling a template costs far more than
    rendering it (the worker renders thousands of program emails in a run)."""
    return _cached_environment(override, tuple(sorted((stored or {}).items())))


@lru_cache(maxsize=64)
def _cached_environment(
    override: Path | None, stored_items: tuple[tuple[str, str], ...]
) -> LimitedSandbox:
    stored = dict(stored_items)
    loaders: list[BaseLoader] = [FileSystemLoader(str(SHIPPED))]
    if override is not None:
        loaders.insert(0, FileSystemLoader(str(override)))
    if stored:
        loaders.insert(0, DictLoader({f"{kind}.txt": text for kind, text in stored.items()}))
    return LimitedSandbox(  # plain-text messages: nothing to escape
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


def shipped_source(kind: str) -> str:
    return (SHIPPED / f"{kind}.txt").read_text(encoding="utf-8")


def check_source(kind: str, text: str) -> None:
    """Refuse a template that cannot work: bad syntax, or no ``Subject:`` line first."""
    try:
        _environment(None).parse(text)
    except TemplateSyntaxError as error:
        raise InvalidValue(f"text: line {error.lineno}: {error.message}") from None
    if not text.strip().lower().startswith("subject:"):
        raise InvalidValue(f"text: the {kind} template must start with a 'Subject:' line")


def render(
    kind: str,
    context: dict[str, Any],
    override: Path | None = None,
    stored: dict[str, str] | None = None,
    *,
    strict: bool = False,
) -> RenderedDraft:
    """The draft in the user's own wording, or, when their template breaks (a limit, a
    mistake, a fact it needs and does not have), in the shipped wording: a broken template
    never stops the agenda or a program's emails. ``strict`` (the person trying their
    templates) and :func:`try_template` (the person editing one) show what is wrong."""
    if kind not in TEMPLATE_KINDS:
        raise InvalidValue(f"unknown draft '{kind}': use one of {', '.join(DRAFT_KINDS)}")
    own = bool(stored and kind in stored) or bool(
        override is not None and (override / f"{kind}.txt").is_file()
    )
    if own:
        try:
            return _render(kind, context, _environment(override, stored), timed=True)
        except InvalidValue:
            if strict:
                raise
    return _render(kind, context, _environment(None))


def try_template(kind: str, text: str) -> None:
    """Run a template as its author wrote it, with every fact blank, and refuse it with the
    reason if it breaks (too slow, too big, a mistake): they see it when they save it."""
    environment = LimitedSandbox(
        loader=DictLoader({f"{kind}.txt": text}),
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    try:
        _render(kind, {}, environment, timed=True)
    except InvalidValue as error:
        raise InvalidValue(f"text: {error}") from None


def _render(
    kind: str, context: dict[str, Any], environment: LimitedSandbox, *, timed: bool = False
) -> RenderedDraft:
    """``timed``: a user's template, run against the clock (the shipped ones are trusted and
    run at full speed)."""
    try:
        template = environment.get_template(f"{kind}.txt")
        with time_limit() if timed else nullcontext():
            text = limited_output(template.generate(**context))
    except UndefinedError as error:
        raise InvalidValue(
            f"the {kind} draft needs a fact it was not given ({error.message}); record it, or "
            "adjust your template"
        ) from None
    except TemplateSyntaxError as error:
        raise InvalidValue(
            f"template {error.filename or kind}, line {error.lineno}: {error.message}"
        ) from None
    except SecurityError:
        raise InvalidValue(f"the {kind} template tries something a message may not do") from None
    except TemplateLimit as limit:
        raise InvalidValue(f"the {kind} template is too costly to run: {limit}") from None
    except TemplateNotFound:  # pragma: no cover - every kind ships a template
        raise InvalidValue(f"no template for the {kind} draft") from None
    except (ArithmeticError, TypeError, ValueError, LookupError, RecursionError) as error:
        raise InvalidValue(f"the {kind} template fails: {type(error).__name__}: {error}") from None
    if _PLACEHOLDER.search(text):
        raise InvalidValue(f"the {kind} draft still holds a template placeholder; check it")
    first, _, rest = text.strip().partition("\n")
    if not first.lower().startswith("subject:"):
        raise InvalidValue(f"the {kind} template must start with a 'Subject:' line")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in rest.splitlines()))
    return RenderedDraft(subject=first.split(":", 1)[1].strip(), body=body.strip() + "\n")
