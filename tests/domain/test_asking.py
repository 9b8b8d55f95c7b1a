from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.asking import Moment, assess_ask_timing, check_answer, check_follow_up
from goodword.domain.errors import RuleViolation
from goodword.domain.etiquette import Etiquette
from goodword.domain.vocabulary import AskStatus, Sentiment

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
E = Etiquette()


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def moment(n: int, sentiment: Sentiment, kind: str = "meeting") -> Moment:
    return Moment(days_ago(n), sentiment, kind)


def test_ask_after_a_recent_positive_moment_is_well_timed() -> None:
    timing = assess_ask_timing("Ana", [moment(3, Sentiment.POSITIVE)], [], NOW, E)
    assert timing.well_timed


def test_ask_within_spacing_is_refused_with_next_good_day() -> None:
    timing = assess_ask_timing("Ana", [moment(3, Sentiment.POSITIVE)], [days_ago(40)], NOW, E)
    assert len(timing.refusals) == 1
    assert "40 days ago" in timing.refusals[0]
    assert (days_ago(40) + timedelta(days=90)).date().isoformat() in timing.refusals[0]


def test_ask_just_outside_spacing_is_allowed() -> None:
    timing = assess_ask_timing("Ana", [moment(3, Sentiment.POSITIVE)], [days_ago(91)], NOW, E)
    assert not timing.refusals


def test_ask_right_after_a_negative_interaction_is_refused() -> None:
    moments = [moment(10, Sentiment.POSITIVE), moment(2, Sentiment.NEGATIVE, "call")]
    timing = assess_ask_timing("Ana", moments, [], NOW, E)
    assert any("negative" in r for r in timing.refusals)


def test_positive_moment_after_the_negative_one_mends_it() -> None:
    moments = [moment(10, Sentiment.NEGATIVE), moment(2, Sentiment.POSITIVE)]
    assert assess_ask_timing("Ana", moments, [], NOW, E).well_timed


def test_no_recent_positive_moment_only_warns() -> None:
    timing = assess_ask_timing("Ana", [moment(45, Sentiment.POSITIVE)], [], NOW, E)
    assert timing.refusals == []
    assert timing.warnings and "30 days" in timing.warnings[0]


@given(
    st.lists(st.tuples(st.integers(0, 400), st.sampled_from(list(Sentiment))), max_size=12),
    st.lists(st.integers(0, 400), max_size=4),
)
def test_refused_exactly_when_a_rule_says_so(
    moments: list[tuple[int, Sentiment]], asks: list[int]
) -> None:
    facts = [moment(d, s) for d, s in moments]
    timing = assess_ask_timing("Ana", facts, [days_ago(d) for d in asks], NOW, E)
    too_soon = any(d < E.ask_spacing_days for d in asks)
    recent_negative = [d for d, s in moments if s is Sentiment.NEGATIVE and d <= E.ask_window_days]
    mended = bool(recent_negative) and any(
        s is Sentiment.POSITIVE and d < min(recent_negative) for d, s in moments
    )
    assert bool(timing.refusals) == (too_soon or (bool(recent_negative) and not mended))


def test_one_follow_up_only() -> None:
    check_follow_up(AskStatus.PENDING, days_ago(12), None, NOW, NOW)
    with pytest.raises(RuleViolation, match="never a second nag"):
        check_follow_up(AskStatus.PENDING, days_ago(12), days_ago(1), NOW, NOW)


def test_no_follow_up_once_answered_and_no_answer_twice() -> None:
    with pytest.raises(RuleViolation, match="already answered"):
        check_follow_up(AskStatus.DECLINED, days_ago(12), None, NOW, NOW)
    with pytest.raises(RuleViolation, match="already answered"):
        check_answer(AskStatus.ACCEPTED, days_ago(12), AskStatus.DECLINED, NOW, NOW)


def test_answer_before_the_ask_is_refused() -> None:
    with pytest.raises(RuleViolation, match="before the ask"):
        check_answer(AskStatus.PENDING, days_ago(2), AskStatus.ACCEPTED, days_ago(3), NOW)
