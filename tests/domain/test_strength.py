"""The laws of relationship strength (issue 6)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.strength import StrengthFacts, Touch, strength
from goodword.domain.vocabulary import Sentiment

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)

touches = st.lists(
    st.builds(
        Touch,
        at=st.integers(0, 900).map(lambda d: NOW - timedelta(days=d)),
        sentiment=st.sampled_from(list(Sentiment)),
    ),
    max_size=20,
)
exchange = st.integers(0, 30)
thanked = st.none() | st.integers(0, 800).map(lambda d: NOW - timedelta(days=d))


def score(
    ts: list[Touch], they: int = 0, you: int = 0, last_thanked: datetime | None = None
) -> int:
    return strength(StrengthFacts(ts, they, you, last_thanked), NOW).score


@given(touches, exchange, exchange, thanked, st.integers(0, 900))
def test_more_recent_positive_contact_never_lowers_it(
    ts: list[Touch], they: int, you: int, last: datetime | None, days: int
) -> None:
    more = [*ts, Touch(NOW - timedelta(days=days), Sentiment.POSITIVE)]
    assert score(more, they, you, last) >= score(ts, they, you, last)


@given(touches, exchange, exchange, thanked, st.integers(0, 900))
def test_a_negative_interaction_never_raises_it(
    ts: list[Touch], they: int, you: int, last: datetime | None, days: int
) -> None:
    worse = [*ts, Touch(NOW - timedelta(days=days), Sentiment.NEGATIVE)]
    assert score(worse, they, you, last) <= score(ts, they, you, last)


@given(touches, st.integers(2, 30), thanked)
def test_two_way_beats_one_way(ts: list[Touch], total: int, last: datetime | None) -> None:
    def raw(they: int, you: int) -> float:
        return sum(p.points for p in strength(StrengthFacts(ts, they, you, last), NOW).parts)

    assert raw(total - 1, 1) > raw(total, 0)  # the same exchange, given both ways
    assert score(ts, total - 1, 1, last) >= score(ts, total, 0, last)  # after the 0-100 clamp


@given(touches, exchange, exchange, thanked)
def test_score_is_bounded_and_parts_explain_it(
    ts: list[Touch], they: int, you: int, last: datetime | None
) -> None:
    result = strength(StrengthFacts(ts, they, you, last), NOW)
    assert 0 <= result.score <= 100
    assert all(p.why for p in result.parts)
    total = sum(p.points for p in result.parts)
    assert result.score == round(min(100.0, max(0.0, total)))


def test_future_touches_do_not_count() -> None:
    future = [Touch(NOW + timedelta(days=3), Sentiment.POSITIVE)]
    assert score(future) == 0
