"""Rendering a draft: the workspace's own text (edited in Settings), then the user's folder,
then the shipped templates; a missing fact is an error that names it, never a hole in the
message. Templates run in Jinja's sandbox: text typed into a web form must not reach
Python's internals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    DictLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from goodword.domain.errors import InvalidValue

SHIPPED = Path(__file__).parent / "templates"

#: Every draft kind, and what it is for.
DRAFT_KINDS: dict[str, str] = {
    "thank-you": "thank a referrer, or someone who recommended or introduced you",
    "ask": "ask for a referral, opening with thanks for a specific good moment",
    "follow-up": "the one gentle follow-up to an unanswered ask",
    "acknowledgement": "a gracious reply to a decline or to silence",
    "contact": "reach out to a referred person, speaking well of the referrer",
    "referrer-update": "tell the referrer you made contact, could not, or how it ended",
    "qualifying-questions": "ask the referrer what helps you serve the referral well",
    "recommendation": "a recommendation or endorsement for a colleague",
    "reciprocal-offer": "offer something back to someone who gave you a lot",
    "check-in": "keep in touch, asking for nothing",
    "reference-approval": "ask your management before being a vendor's reference",
    "intro-request": "ask the first person on the warmest chain to introduce you onwards",
}

#: The emails a referral programme sends its advocates (queued, sent by the worker).
EMAIL_KINDS: dict[str, str] = {
    "advocate-confirm": "confirms a self sign-up before an advocate's link is issued",
    "advocate-welcome": "an advocate's welcome, with their link",
    "referral-signed-up": "tells an advocate their referral signed up",
    "referral-converted": "thanks an advocate when their referral converts",
    "reward-approved": "tells an advocate their reward is approved",
    "reward-issued": "tells an advocate their reward is issued",
    "share-reminder": "one gentle reminder to an advocate who never shared their link",
}
TEMPLATE_KINDS = {**DRAFT_KINDS, **EMAIL_KINDS}

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}")


@dataclass(frozen=True)
class RenderedDraft:
    subject: str
    body: str


def _environment(
    override: Path | None, stored: dict[str, str] | None = None
) -> SandboxedEnvironment:
    """One environment per set of sources, kept: compiling a template costs far more than
    rendering it (the worker renders thousands of programme emails in a run)."""
    return _cached_environment(override, tuple(sorted((stored or {}).items())))


@lru_cache(maxsize=64)
def _cached_environment(
    override: Path | None, stored_items: tuple[tuple[str, str], ...]
) -> SandboxedEnvironment:
    stored = dict(stored_items)
    loaders: list[BaseLoader] = [FileSystemLoader(str(SHIPPED))]
    if override is not None:
        loaders.insert(0, FileSystemLoader(str(override)))
    if stored:
        loaders.insert(0, DictLoader({f"{kind}.txt": text for kind, text in stored.items()}))
    return SandboxedEnvironment(  # plain-text messages: nothing to escape
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
) -> RenderedDraft:
    if kind not in TEMPLATE_KINDS:
        raise InvalidValue(f"unknown draft '{kind}': use one of {', '.join(DRAFT_KINDS)}")
    try:
        text = _environment(override, stored).get_template(f"{kind}.txt").render(**context)
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
    except TemplateNotFound:  # pragma: no cover - every kind ships a template
        raise InvalidValue(f"no template for the {kind} draft") from None
    if _PLACEHOLDER.search(text):
        raise InvalidValue(f"the {kind} draft still holds a template placeholder; check it")
    first, _, rest = text.strip().partition("\n")
    if not first.lower().startswith("subject:"):
        raise InvalidValue(f"the {kind} template must start with a 'Subject:' line")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in rest.splitlines()))
    return RenderedDraft(subject=first.split(":", 1)[1].strip(), body=body.strip() + "\n")
