"""Issue 15's rules, each tested from the seed's own words (on a fixed clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from goodword.domain.agenda import build_agenda
from goodword.domain.agenda_facts import AgendaFacts, Balance, ReferralFacts, Who
from goodword.domain.agenda_items import AgendaItem, ItemKind
from goodword.domain.etiquette import Etiquette
from goodword.domain.milestones import Milestone, MilestoneKind
from goodword.domain.vocabulary import Outcome

ON = datetime(2026, 11, 22, 18, tzinfo=UTC)
E = Etiquette()
ANA, BO = Who(1, "Ana Silva"), Who(2, "Bo Chen")
K = MilestoneKind


def days_ago(n: float) -> datetime:
    return ON - timedelta(days=n)


def referral(
    *milestones: Milestone, received: float = 5, rid: int = 1, who: Who = ANA
) -> ReferralFacts:
    return ReferralFacts(rid, "client", who, "Dee Park", days_ago(received), None, milestones)


def agenda(facts: AgendaFacts) -> list[AgendaItem]:
    return build_agenda(facts, ON, E)


def of(kind: ItemKind, items: list[AgendaItem]) -> list[AgendaItem]:
    return [i for i in items if i.kind is kind]


# Seed 004: "Express Gratitude: Always take the time to thank individuals who refer you …
# Reciprocate: Make it a priority to refer others in your network as well."  Thanks come
# first; the favour is returned once the balance really leans.


def test_return_the_favour_waits_while_a_thank_you_is_still_owed() -> None:
    first = referral(received=1)  # yesterday's referral, not yet thanked: +3
    items = agenda(AgendaFacts(referrals=(first,), balances=(Balance(ANA, 3),)))
    assert of(ItemKind.THANK, items) and not of(ItemKind.RECIPROCATE, items)


def test_one_thanked_referral_does_not_lean_enough_to_owe_a_favour() -> None:
    thanked = referral(Milestone(K.THANKED, days_ago(4)))
    items = agenda(AgendaFacts(referrals=(thanked,), balances=(Balance(ANA, 2),)))
    assert not of(ItemKind.RECIPROCATE, items)


def test_two_thanked_referrals_lean_and_the_favour_is_suggested() -> None:
    items = agenda(AgendaFacts(balances=(Balance(ANA, 4),)))
    (favour,) = of(ItemKind.RECIPROCATE, items)
    assert favour.person == ANA and "return the favour" in favour.reason


def test_a_won_referral_owes_a_favour_even_alone_once_thanked() -> None:
    items = agenda(AgendaFacts(balances=(Balance(ANA, 2, won=True), Balance(BO, 2))))
    (favour,) = of(ItemKind.RECIPROCATE, items)
    assert favour.person == ANA and "one of their referrals was won" in favour.reason


def test_a_won_referral_still_owed_its_second_thanks_is_thanked_before_any_favour() -> None:
    won = referral(
        Milestone(K.THANKED, days_ago(40)),
        Milestone(K.CONTACTED, days_ago(35)),
        Milestone(K.OUTCOME, days_ago(3), Outcome.WON),
        received=45,
    )
    items = agenda(AgendaFacts(referrals=(won,), balances=(Balance(ANA, 2, won=True),)))
    assert of(ItemKind.THANK, items) and not of(ItemKind.RECIPROCATE, items)
