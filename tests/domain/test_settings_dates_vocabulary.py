from __future__ import annotations

from datetime import UTC, datetime

import pytest

from goodword.domain.dates import parse_when
from goodword.domain.errors import InvalidValue
from goodword.domain.etiquette import Etiquette, etiquette_from
from goodword.domain.lifecycles import (
    check_recommendation_status,
    check_reference_transition,
    shown_company,
)
from goodword.domain.vocabulary import (
    RecommendationStatus,
    ReferenceStatus,
    Sentiment,
    parse_choice,
)

NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


def test_defaults_match_the_design() -> None:
    e = Etiquette()
    assert (
        e.thank_within_days,
        e.update_referrer_within_days,
        e.ask_window_days,
        e.ask_spacing_days,
        e.ask_followup_after_days,
        e.ask_expire_after_days,
    ) == (2, 7, 30, 90, 10, 30)


def test_settings_refuse_unknown_keys_bad_numbers_and_inconsistency() -> None:
    with pytest.raises(InvalidValue, match="unknown setting"):
        Etiquette().with_value("thank_days", 3)
    with pytest.raises(InvalidValue, match="whole number"):
        Etiquette().with_value("thank_within_days", "soon")
    with pytest.raises(InvalidValue, match="between 1 and 3650"):
        Etiquette().with_value("thank_within_days", 0)
    with pytest.raises(InvalidValue, match="smaller than"):
        Etiquette().with_value("ask_followup_after_days", 40)


def test_stored_overrides_are_checked_as_a_whole() -> None:
    built = etiquette_from({"ask_followup_after_days": "40", "ask_expire_after_days": "60"})
    assert built.ask_followup_after_days == 40


def test_unknown_choice_lists_the_known_values() -> None:
    with pytest.raises(InvalidValue) as error:
        parse_choice(Sentiment, "great", "sentiment")
    assert "positive, neutral, negative" in str(error.value)
    assert parse_choice(Sentiment, " Positive ", "sentiment") is Sentiment.POSITIVE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, NOW),
        ("2026-11-20", datetime(2026, 11, 20, 12, tzinfo=UTC)),
        ("today", NOW),  # noon would be in the future at 10:30, so it clamps to now
        ("yesterday", datetime(2026, 11, 21, 12, tzinfo=UTC)),
        ("3d", datetime(2026, 11, 19, 10, 30, tzinfo=UTC)),
        ("2026-11-01T09:15", datetime(2026, 11, 1, 9, 15, tzinfo=UTC)),
    ],
)
def test_parse_when(text: str | None, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


def test_parse_when_explains_bad_dates() -> None:
    with pytest.raises(InvalidValue, match="YYYY-MM-DD"):
        parse_when("next tuesday", NOW)


def test_recommendations_only_move_forward() -> None:
    check_recommendation_status(RecommendationStatus.DRAFT, RecommendationStatus.PUBLISHED)
    with pytest.raises(Exception, match="forward only"):
        check_recommendation_status(RecommendationStatus.SENT, RecommendationStatus.DRAFT)


def test_reference_needs_approval_before_given() -> None:
    with pytest.raises(Exception, match="only after approval"):
        check_reference_transition(ReferenceStatus.REQUESTED, ReferenceStatus.GIVEN)
    with pytest.raises(Exception, match="only after approval"):
        check_reference_transition(ReferenceStatus.DENIED, ReferenceStatus.GIVEN)
    check_reference_transition(ReferenceStatus.APPROVED, ReferenceStatus.GIVEN)


def test_confidential_company_is_masked() -> None:
    assert shown_company("Globex", True) == "(confidential)"
    assert shown_company("Globex", False) == "Globex"
