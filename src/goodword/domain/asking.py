"""When to ask (seed 004): after a positive moment, spaced out, never right after a bad one.

Also the life of an ask: one gentle follow-up at most, then an answer or a graceful close.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from goodword.domain.errors import RuleViolation
from goodword.domain.etiquette import Etiquette
from goodword.domain.vocabulary import AskStatus, Sentiment


@dataclass(frozen=True)
class Moment:
    """An interaction, reduced to what timing rules need."""

    at: datetime
    sentiment: Sentiment
    kind: str


@dataclass(frozen=True)
class AskTiming:
    """The verdict on asking now: refusals need ``--force``; warnings only inform."""

    refusals: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def well_timed(self) -> bool:
        return not self.refusals and not self.warnings


def assess_ask_timing(
    name: str,
    moments: Sequence[Moment],
    previous_asks: Sequence[datetime],
    now: datetime,
    etiquette: Etiquette,
) -> AskTiming:
    refusals: list[str] = []
    warnings: list[str] = []
    spacing_start = now - timedelta(days=etiquette.ask_spacing_days)
    recent_asks = [at for at in previous_asks if spacing_start < at <= now]
    if recent_asks:
        last = max(recent_asks)
        days = (now - last).days
        when = {0: "earlier today", 1: "yesterday"}.get(days, f"{days} days ago")
        refusals.append(
            f"you asked {name} {when}; space asks at least "
            f"{etiquette.ask_spacing_days} days apart (next good day: "
            f"{(last + timedelta(days=etiquette.ask_spacing_days)).date().isoformat()})"
        )
    window_start = now - timedelta(days=etiquette.ask_window_days)
    past = sorted((m for m in moments if m.at <= now), key=lambda m: m.at)
    negatives = [m for m in past if m.sentiment is Sentiment.NEGATIVE and m.at >= window_start]
    if negatives:
        last_negative = negatives[-1]
        positive_since = any(
            m.sentiment is Sentiment.POSITIVE and m.at > last_negative.at for m in past
        )
        if not positive_since:
            refusals.append(
                f"your last {last_negative.kind} with {name} "
                f"({last_negative.at.date().isoformat()}) was negative; mend it before asking"
            )
    positives = [m for m in past if m.sentiment is Sentiment.POSITIVE and m.at >= window_start]
    if not positives:
        warnings.append(
            f"no positive interaction with {name} in the last {etiquette.ask_window_days} days; "
            "asks land best right after a finished project or good feedback"
        )
    return AskTiming(refusals=refusals, warnings=warnings)


def check_answer(
    status: AskStatus, asked_at: datetime, answer: AskStatus, at: datetime, now: datetime
) -> None:
    if answer is AskStatus.PENDING:
        raise RuleViolation("an answer must be accepted, declined or no-response")
    if status is not AskStatus.PENDING:
        raise RuleViolation(f"this ask is already answered ({status.value})")
    _check_after_ask("answer", asked_at, at, now)


def check_follow_up(
    status: AskStatus,
    asked_at: datetime,
    followed_up_at: datetime | None,
    at: datetime,
    now: datetime,
) -> None:
    if status is not AskStatus.PENDING:
        raise RuleViolation(f"this ask is already answered ({status.value}); no follow-up needed")
    if followed_up_at is not None:
        raise RuleViolation(
            f"a follow-up was already sent on {followed_up_at.date().isoformat()}; "
            "one gentle follow-up is the limit — never a second nag"
        )
    _check_after_ask("follow-up", asked_at, at, now)


def check_acknowledgement(
    status: AskStatus,
    answered_at: datetime | None,
    acknowledged_at: datetime | None,
    at: datetime,
    now: datetime,
) -> None:
    """A decline is acknowledged once, after it came (seed 004: "acknowledge their response,
    express your understanding"). A close for no response already carries its gracious note."""
    if status is not AskStatus.DECLINED or answered_at is None:
        raise RuleViolation(
            f"only a declined ask is acknowledged (this one is {status.value})"
            + ("; close an unanswered one as no-response" if status is AskStatus.PENDING else "")
        )
    if acknowledged_at is not None:
        raise RuleViolation(
            f"the decline was already acknowledged on {acknowledged_at.date().isoformat()}"
        )
    if at > now:
        raise RuleViolation(f"acknowledgement on {at.date().isoformat()} is in the future")
    if at < answered_at:
        raise RuleViolation(
            f"acknowledgement on {at.date().isoformat()} is before the decline "
            f"({answered_at.date().isoformat()})"
        )


def _check_after_ask(what: str, asked_at: datetime, at: datetime, now: datetime) -> None:
    if at > now:
        raise RuleViolation(f"{what} on {at.date().isoformat()} is in the future")
    if at < asked_at:
        raise RuleViolation(
            f"{what} on {at.date().isoformat()} is before the ask ({asked_at.date().isoformat()})"
        )
