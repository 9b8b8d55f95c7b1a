"""History is history: acts older than the horizon, or imported after the fact, never
become overdue duties; what history left unsettled is one catch-up item."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from goodword.domain.agenda import build_agenda
from goodword.domain.agenda_facts import (
    AgendaFacts,
    AskFacts,
    Backlog,
    Balance,
    Contact,
    HistoryAct,
    HistoryCount,
    RecommendationFacts,
    ReferralFacts,
    Who,
)
from goodword.domain.agenda_items import ItemKind
from goodword.domain.etiquette import Etiquette
from goodword.domain.milestones import Milestone, MilestoneKind
from goodword.domain.vocabulary import Outcome

ON = datetime(2026, 11, 22, 18, tzinfo=UTC)
E = Etiquette()
ANA = Who(1, "Ana Silva")


def ago(days: float) -> datetime:
    return ON - timedelta(days=days)


def rec(written: float, imported: float | None = None, rid: int = 1) -> RecommendationFacts:
    return RecommendationFacts(
        rid,
        ANA,
        "received",
        "recommendation",
        "linkedin",
        ago(written),
        ago(written),
        True,
        None,
        ago(imported) if imported is not None else None,
    )


def test_an_imported_recommendation_is_owed_from_the_import_not_late() -> None:
    [thank] = build_agenda(AgendaFacts(recommendations=(rec(6, imported=0),)), ON, E)
    assert thank.kind is ItemKind.THANK and thank.overdue_days == 0
    assert thank.due == ON + timedelta(days=E.thank_within_days)
    [late] = build_agenda(AgendaFacts(recommendations=(rec(6),)), ON, E)  # typed in, not imported
    assert late.overdue_days == 4


def test_acts_older_than_the_horizon_owe_nothing_of_their_own() -> None:
    old = ago(E.history_horizon_days + 1)
    facts = AgendaFacts(
        recommendations=(rec(E.history_horizon_days + 1), rec(4000, imported=0, rid=2)),
        referrals=(ReferralFacts(1, "client", ANA, "Dee", old, Decimal(900)),),
        asks=(AskFacts(1, ANA, "referral", None, old, None, None),),
    )
    assert build_agenda(facts, ON, E) == []


def test_a_win_this_month_on_an_old_referral_still_owes_a_bigger_thanks() -> None:
    won = Milestone(MilestoneKind.OUTCOME, ago(3), Outcome.WON)
    old = ReferralFacts(1, "client", ANA, "Dee", ago(400), None, (won,))
    items = build_agenda(AgendaFacts(referrals=(old,)), ON, E)
    assert next((i.kind, i.via) for i in items) == (ItemKind.THANK, "lunch")
    assert ItemKind.UPDATE_REFERRER in {i.kind for i in items}


def test_keep_in_touch_counts_from_the_import() -> None:
    imported_today = Contact(ANA, "network", 120, ago(4600), ago(0))
    assert build_agenda(AgendaFacts(contacts=(imported_today,)), ON, E) == []
    imported_long_ago = Contact(ANA, "network", 120, ago(4600), ago(130))
    [item] = build_agenda(AgendaFacts(contacts=(imported_long_ago,)), ON, E)
    assert item.overdue_days == 10
    assert (
        "not been in touch with Ana Silva since 2014 (you added them 4 months ago)" in item.reason
    )


def test_favours_from_history_are_returned_a_few_at_a_time() -> None:
    old = tuple(Balance(Who(n, f"P{n}"), 10 - n % 5, (), ago(3000)) for n in range(10))
    new = tuple(Balance(Who(100 + n, f"R{n}"), 4, (), ago(5)) for n in range(4))
    items = build_agenda(AgendaFacts(balances=old + new), ON, E)
    people = [i.person.id for i in items if i.kind is ItemKind.RECIPROCATE and i.person]
    assert len([p for p in people if p < 100]) == 3 and len([p for p in people if p >= 100]) == 4


def test_the_backlog_is_one_catch_up_item_told_in_years() -> None:
    backlog = Backlog(
        (
            HistoryCount("recommendation", 14, datetime(2012, 3, 1, tzinfo=UTC), ago(400)),
            HistoryCount("endorsement", 296, datetime(2014, 5, 1, tzinfo=UTC), ago(70)),
            HistoryCount(
                "ask", 2, datetime(2023, 1, 1, tzinfo=UTC), datetime(2023, 5, 1, tzinfo=UTC)
            ),
        ),
        (HistoryAct("endorsement", 7, ANA, ago(70)), HistoryAct("ask", 3, ANA, ago(900))),
    )
    [item] = build_agenda(AgendaFacts(backlog=backlog), ON, E)
    assert item.kind is ItemKind.CATCH_UP and item.overdue_days == 0 and item.person is None
    assert "14 recommendations (2012–2025)" in item.reason
    assert "296 endorsements (2014–2026)" in item.reason
    assert "2 asks (2023) were never answered" in item.reason
    assert item.draft == "goodword draft thank-you --recommendation 7"
    assert item.done == "goodword catch-up file"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6000), max_size=30))
def test_no_duty_is_ever_later_than_the_horizon(ages: list[int]) -> None:
    """Whatever the history, nothing on the agenda is more than the horizon late."""
    facts = AgendaFacts(
        recommendations=tuple(rec(a, rid=n) for n, a in enumerate(ages)),
        referrals=tuple(
            ReferralFacts(n, "client", ANA, "Dee", ago(a), None) for n, a in enumerate(ages)
        ),
        asks=tuple(
            AskFacts(n, ANA, "referral", None, ago(a), None, None) for n, a in enumerate(ages)
        ),
    )
    for item in build_agenda(facts, ON, E):
        assert item.overdue_days <= E.history_horizon_days
        assert "days late" not in item.reason or item.overdue_days < 14
