"""The agenda rules, scenario by scenario (seeds 001, 003, 004) and as laws over histories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from goodword.domain.agenda import build_agenda
from goodword.domain.agenda_facts import (
    AgendaFacts,
    AskFacts,
    Balance,
    Contact,
    Moment,
    RecommendationFacts,
    ReferenceFacts,
    ReferralFacts,
    Who,
)
from goodword.domain.agenda_items import ItemKind
from goodword.domain.etiquette import Etiquette
from goodword.domain.milestones import Milestone, MilestoneKind
from goodword.domain.vocabulary import Outcome, Sentiment
from tests.domain.test_milestones import valid_lives

ON = datetime(2026, 11, 22, 18, tzinfo=UTC)
E = Etiquette()
ANA, BO = Who(1, "Ana Silva"), Who(2, "Bo Chen")
K = MilestoneKind


def days_ago(n: float) -> datetime:
    return ON - timedelta(days=n)


def referral(
    *milestones: Milestone, received: float = 5, value: int | None = None, rid: int = 1
) -> ReferralFacts:
    return ReferralFacts(
        rid,
        "client",
        ANA,
        "Dee Park",
        days_ago(received),
        Decimal(value) if value else None,
        tuple(milestones),
    )


def kinds(facts: AgendaFacts, on: datetime = ON) -> list[str]:
    return [i.kind.value for i in build_agenda(facts, on, E)]


def test_unthanked_referral_five_days_old_is_an_overdue_thank_with_its_reason() -> None:
    items = build_agenda(AgendaFacts(referrals=(referral(),)), ON, E)
    thank = next(i for i in items if i.kind is ItemKind.THANK)
    assert thank.overdue_days == 3 and thank.person == ANA
    assert "Ana Silva referred Dee Park to you 5 days ago" in thank.reason
    assert "— 3 days late" in thank.reason and thank.overdue == "3 days late"
    assert thank.draft == "goodword draft thank-you --referral 1"
    assert items[0] is thank  # a debt of gratitude comes first


def test_once_thanked_the_thank_disappears() -> None:
    facts = AgendaFacts(referrals=(referral(Milestone(K.THANKED, days_ago(1))),))
    assert "thank" not in kinds(facts)


def test_high_value_referral_suggests_the_biggest_gesture() -> None:
    items = build_agenda(AgendaFacts(referrals=(referral(value=20000),)), ON, E)
    assert "it could be worth 20,000" in items[0].reason and items[0].via == "lunch"


def test_qualify_and_contact_until_contact_is_attempted() -> None:
    assert {"qualify", "contact"} <= set(kinds(AgendaFacts(referrals=(referral(),))))
    qualified = referral(Milestone(K.THANKED, days_ago(4)), Milestone(K.QUALIFIED, days_ago(3)))
    assert "qualify" not in kinds(AgendaFacts(referrals=(qualified,)))
    assert "contact" in kinds(AgendaFacts(referrals=(qualified,)))


def test_the_questions_come_before_reaching_out() -> None:
    """Seed 003: "Before reaching out to the referral, ask the referrer a few questions" —
    thank, then qualify, then contact, however late the contact is by now."""
    for received in (1, 5, 30, 55):
        order = kinds(AgendaFacts(referrals=(referral(received=received),)))
        steps = [k for k in order if k in ("thank", "qualify", "contact")]
        assert steps == ["thank", "qualify", "contact"], (received, order)
    thanked = referral(Milestone(K.THANKED, days_ago(20)), received=40)
    assert [k for k in kinds(AgendaFacts(referrals=(thanked,))) if k != "reciprocate"] == [
        "qualify",
        "contact",
    ]


def test_contact_and_contact_failed_both_owe_the_referrer_an_update() -> None:
    for attempt in (K.CONTACTED, K.CONTACT_FAILED):
        facts = AgendaFacts(
            referrals=(
                referral(Milestone(K.THANKED, days_ago(4)), Milestone(attempt, days_ago(3))),
            )
        )
        found = kinds(facts)
        assert "update-referrer" in found and "contact" not in found


def test_update_is_owed_again_when_the_outcome_arrives_then_the_loop_closes() -> None:
    history = [
        Milestone(K.THANKED, days_ago(9)),
        Milestone(K.CONTACTED, days_ago(8)),
        Milestone(K.REFERRER_UPDATED, days_ago(7)),
        Milestone(K.OUTCOME, days_ago(2), Outcome.LOST),
    ]
    assert "update-referrer" in kinds(AgendaFacts(referrals=(referral(*history),)))
    history.append(Milestone(K.REFERRER_UPDATED, days_ago(1)))
    assert kinds(AgendaFacts(referrals=(referral(*history),))) == []


def test_won_referral_owes_a_second_bigger_thanks() -> None:
    history = (
        Milestone(K.THANKED, days_ago(9)),
        Milestone(K.CONTACTED, days_ago(8)),
        Milestone(K.OUTCOME, days_ago(2), Outcome.WON),
        Milestone(K.REFERRER_UPDATED, days_ago(1)),
    )
    items = build_agenda(AgendaFacts(referrals=(referral(*history),)), ON, E)
    assert [i.kind for i in items] == [ItemKind.THANK]
    assert "was won" in items[0].reason


def ask(asked: float, followed: float | None = None, answered: float | None = None) -> AskFacts:
    return AskFacts(
        4,
        BO,
        "referral",
        "Series B CTOs",
        days_ago(asked),
        days_ago(followed) if followed is not None else None,
        days_ago(answered) if answered is not None else None,
    )


def test_ask_gets_one_follow_up_then_a_graceful_close() -> None:
    assert kinds(AgendaFacts(asks=(ask(5),))) == []
    assert kinds(AgendaFacts(asks=(ask(12),))) == ["follow-up-ask"]
    assert kinds(AgendaFacts(asks=(ask(20, followed=8),))) == []  # never a second nag
    assert kinds(AgendaFacts(asks=(ask(31, followed=20),))) == ["close-ask"]
    assert kinds(AgendaFacts(asks=(ask(31, answered=2),))) == []


def moment(
    who: Who,
    days: float,
    sentiment: Sentiment = Sentiment.POSITIVE,
    kind: str = "project-completed",
) -> Moment:
    return Moment(who, days_ago(days), kind, sentiment, "Shipped v2")


def test_ask_suggested_after_a_completed_project_without_recent_asks() -> None:
    facts = AgendaFacts(moments=(moment(ANA, 6),), recent_asks=((ANA.id, days_ago(365)),))
    items = build_agenda(facts, ON, E)
    assert [i.kind for i in items] == [ItemKind.ASK]
    assert "project-completed 6 days ago went well (Shipped v2)" in items[0].reason


def test_no_ask_suggestion_when_asked_20_days_ago_or_after_a_negative_moment() -> None:
    asked = AgendaFacts(moments=(moment(ANA, 6),), recent_asks=((ANA.id, days_ago(20)),))
    assert kinds(asked) == []
    soured = AgendaFacts(moments=(moment(ANA, 6), moment(ANA, 2, Sentiment.NEGATIVE, "call")))
    assert kinds(soured) == []


def test_no_ask_suggestion_for_someone_still_owed_a_thank_you() -> None:
    facts = AgendaFacts(referrals=(referral(),), moments=(moment(ANA, 3),))
    assert "ask" not in kinds(facts)


def test_stronger_and_fresher_moments_rank_first() -> None:
    facts = AgendaFacts(moments=(moment(ANA, 20, kind="email"), moment(BO, 3)))
    assert [i.person for i in build_agenda(facts, ON, E)] == [BO, ANA]


def test_reciprocate_keep_in_touch_reference_and_recommend() -> None:
    facts = AgendaFacts(
        balances=(
            Balance(ANA, 7, ("them to Staff engineer at Initech (wants python)",)),
            Balance(BO, 0),
        ),
        contacts=(
            Contact(BO, "inner", 30, days_ago(45), days_ago(400)),
            Contact(ANA, "network", 120, days_ago(45), days_ago(400)),
        ),
        references=(ReferenceFacts(2, "DataCo", "(confidential)", days_ago(3), None),),
        recommendations=(
            RecommendationFacts(
                3, BO, "given", "recommendation", "linkedin", days_ago(10), None, False
            ),
        ),
    )
    items = {i.kind: i for i in build_agenda(facts, ON, E)}
    assert set(items) == {
        ItemKind.RECIPROCATE,
        ItemKind.KEEP_IN_TOUCH,
        ItemKind.APPROVE_REFERENCE,
        ItemKind.RECOMMEND,
    }
    assert "Staff engineer at Initech" in items[ItemKind.RECIPROCATE].reason
    assert items[ItemKind.KEEP_IN_TOUCH].person == BO  # only the inner cadence ran out
    assert items[ItemKind.KEEP_IN_TOUCH].overdue_days == 15
    assert "Globex" not in items[ItemKind.APPROVE_REFERENCE].reason
    assert "promised" in items[ItemKind.RECOMMEND].reason


def test_suggestions_are_capped_but_debts_are_not() -> None:
    people = [Who(i, f"P{i}") for i in range(30)]
    facts = AgendaFacts(
        moments=tuple(moment(p, 3) for p in people),
        referrals=tuple(referral(rid=i, received=1) for i in range(30)),
    )
    items = build_agenda(facts, ON, E, suggestions=4)
    assert sum(i.kind is ItemKind.ASK for i in items) == 4
    assert sum(i.kind is ItemKind.THANK for i in items) == 30


# --- laws over random histories ---------------------------------------------------------

lives = st.lists(st.tuples(valid_lives(), st.integers(0, 120)), max_size=4)
asks_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.none() | st.integers(0, 60), st.none() | st.integers(0, 60)),
    max_size=4,
)


def shifted(life: list[Milestone], start: datetime) -> tuple[Milestone, ...]:
    base = life[0].at if life else start
    return tuple(Milestone(m.kind, start + (m.at - base), m.outcome) for m in life)


def random_facts(
    histories: list[tuple[list[Milestone], int]], asks: list[tuple[int, int | None, int | None]]
) -> AgendaFacts:
    referrals = tuple(
        ReferralFacts(
            n, "client", Who(n, f"R{n}"), f"X{n}", days_ago(age), None, shifted(life, days_ago(age))
        )
        for n, (life, age) in enumerate(histories)
    )
    ask_facts = tuple(
        AskFacts(
            n,
            Who(100 + n, f"A{n}"),
            "referral",
            None,
            days_ago(age),
            days_ago(min(f, age)) if f is not None else None,
            days_ago(min(a, age)) if a is not None else None,
        )
        for n, (age, f, a) in enumerate(asks)
    )
    return AgendaFacts(referrals=referrals, asks=ask_facts)


@settings(max_examples=150)
@given(lives, asks_strategy)
def test_no_item_for_a_step_already_recorded(
    histories: list[tuple[list[Milestone], int]], asks: list[tuple[int, int | None, int | None]]
) -> None:
    facts = random_facts(histories, asks)
    for i in build_agenda(facts, ON, E):
        assert i.reason.strip() and i.draft.startswith("goodword draft ")
        if i.about.startswith("referral:"):
            r = facts.referrals[int(i.about.split(":")[1])]
            done = {m.kind for m in r.milestones if m.at <= ON}
            if i.kind is ItemKind.THANK and K.THANKED in done:
                assert "was won" in i.reason
            if i.kind in (ItemKind.CONTACT, ItemKind.QUALIFY):
                assert not done & {K.CONTACTED, K.CONTACT_FAILED, K.OUTCOME}
            if i.kind is ItemKind.QUALIFY:
                assert K.QUALIFIED not in done
            if i.kind is ItemKind.UPDATE_REFERRER:
                # In the order things happened (ties: the order they were recorded in), no
                # update follows the latest news.
                known = sorted((m for m in r.milestones if m.at <= ON), key=lambda m: m.at)
                last_news = max(
                    n
                    for n, m in enumerate(known)
                    if m.kind in (K.CONTACTED, K.CONTACT_FAILED, K.OUTCOME)
                )
                assert not any(m.kind is K.REFERRER_UPDATED for m in known[last_news + 1 :])
        if i.kind is ItemKind.FOLLOW_UP_ASK:
            a = facts.asks[int(i.about.split(":")[1])]
            assert a.followed_up_at is None or a.followed_up_at > ON
            assert a.answered_at is None or a.answered_at > ON


@settings(max_examples=150)
@given(lives, asks_strategy, st.integers(0, 90))
def test_the_agenda_of_a_day_ignores_what_came_after(
    histories: list[tuple[list[Milestone], int]],
    asks: list[tuple[int, int | None, int | None]],
    back: int,
) -> None:
    facts = random_facts(histories, asks)
    day = ON - timedelta(days=back)
    known = AgendaFacts(
        referrals=tuple(
            ReferralFacts(
                r.id,
                r.kind,
                r.referrer,
                r.referred,
                r.referred_at,
                r.value,
                tuple(m for m in r.milestones if m.at <= day),
            )
            for r in facts.referrals
            if r.referred_at <= day
        ),
        asks=tuple(
            AskFacts(
                a.id,
                a.person,
                a.kind,
                a.purpose,
                a.asked_at,
                a.followed_up_at if a.followed_up_at and a.followed_up_at <= day else None,
                a.answered_at if a.answered_at and a.answered_at <= day else None,
            )
            for a in facts.asks
            if a.asked_at <= day
        ),
    )
    assert build_agenda(facts, day, E) == build_agenda(known, day, E)


def test_recommendation_reasons_read_as_sentences() -> None:
    facts = AgendaFacts(
        recommendations=(
            RecommendationFacts(
                3, BO, "given", "recommendation", "linkedin", days_ago(10), None, False
            ),
            RecommendationFacts(
                4, ANA, "received", "endorsement", "linkedin", days_ago(5), None, True
            ),
        )
    )
    reasons = sorted(i.reason for i in build_agenda(facts, ON, E))
    assert reasons[0].startswith("Ana Silva wrote you an endorsement on LinkedIn 5 days ago")
    assert reasons[1].startswith("You promised Bo Chen a recommendation on 2026-11-12;")
