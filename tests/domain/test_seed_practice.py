"""Issue 15's rules, each tested from the seed's own words (on a fixed clock)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from goodword.domain.agenda import build_agenda
from goodword.domain.agenda_facts import (
    AgendaFacts,
    AskFacts,
    Balance,
    Contact,
    ReferenceFacts,
    ReferralFacts,
)
from goodword.domain.agenda_items import AgendaItem, ItemKind
from goodword.domain.milestones import Milestone, settled_at
from goodword.domain.next_steps import next_step
from goodword.domain.vocabulary import Direction, Outcome
from tests.domain.test_agenda_rules import ANA, BO, ON, E, K, days_ago, referral


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


# Seed 004: "If someone chooses not to respond or declines your request … Acknowledge their
# response, express your understanding, and continue to engage with them positively."


def declined(answered: float, acknowledged: float | None = None, asked: float = 90) -> AskFacts:
    return AskFacts(
        7,
        BO,
        "referral",
        None,
        days_ago(asked),
        None,
        days_ago(answered),
        "declined",
        days_ago(acknowledged) if acknowledged is not None else None,
    )


def test_a_decline_owes_an_acknowledgement_even_for_an_old_ask() -> None:
    (ack,) = of(ItemKind.ACKNOWLEDGE_DECLINE, agenda(AgendaFacts(asks=(declined(1),))))
    assert ack.person == BO and "say you understand" in ack.reason
    assert ack.draft == "goodword draft acknowledgement --ask 7"
    assert ack.done == "goodword asks acknowledged 7"


def test_once_acknowledged_nothing_more_is_owed_and_keeping_in_touch_goes_on() -> None:
    facts = AgendaFacts(
        asks=(declined(5, acknowledged=4),),
        contacts=(Contact(BO, "inner", 30, days_ago(40), days_ago(400)),),
    )
    assert [i.kind for i in agenda(facts)] == [ItemKind.KEEP_IN_TOUCH]


def test_an_accepted_answer_or_an_acknowledgement_later_than_the_day_counts_as_of_the_day() -> None:
    accepted = replace(declined(1), status="accepted")
    assert not of(ItemKind.ACKNOWLEDGE_DECLINE, agenda(AgendaFacts(asks=(accepted,))))
    later = declined(3, acknowledged=-1)  # acknowledged tomorrow: still owed today
    assert of(ItemKind.ACKNOWLEDGE_DECLINE, agenda(AgendaFacts(asks=(later,))))


def test_a_decline_from_history_is_not_a_debt() -> None:
    assert not of(ItemKind.ACKNOWLEDGE_DECLINE, agenda(AgendaFacts(asks=(declined(400),))))


# Seed 002: "If your manager isn't comfortable with this or if it is against corporate
# policy, check with the vendor to see if your company name can be made confidential. If so,
# you might still be able to participate!"


def reference(**changes: object) -> ReferenceFacts:
    base = ReferenceFacts(4, "CloudNine BI", "Northwind", days_ago(90), days_ago(2), "denied")
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_denied_reference_leads_to_asking_the_vendor_for_confidentiality() -> None:
    (step,) = of(ItemKind.ASK_CONFIDENTIAL, agenda(AgendaFacts(references=(reference(),))))
    assert "ask CloudNine BI whether your company's name can be kept confidential" in step.reason
    assert step.draft == "goodword draft confidential-reference --reference 4"
    assert step.done == "goodword references confidentiality-asked 4"


def test_no_confidentiality_step_once_asked_or_when_already_confidential() -> None:
    asked = reference(confidentiality_asked_at=days_ago(1))
    already = reference(confidential=True, company_shown="(confidential)")
    items = agenda(AgendaFacts(references=(asked, replace(already, id=5))))
    assert items == []


def test_the_vendor_agreeing_reopens_the_request_for_a_fresh_approval() -> None:
    reopened = reference(
        status="requested", decided_at=None, confidential=True, confidentiality_asked_at=days_ago(1)
    )
    (step,) = agenda(AgendaFacts(references=(reopened,)))
    assert step.kind is ItemKind.APPROVE_REFERENCE and step.overdue_days == 0
    assert "agreed to keep your company's name confidential" in step.reason
    assert "Northwind" not in step.reason


# Seed 001: "When you receive a referral, thank the person. Send a gift card, or a note in the
# mail, invite them to lunch or happy hour; go beyond just another email."


def thank_item(r: ReferralFacts, high: int = 5000) -> AgendaItem:
    facts = AgendaFacts(referrals=(r,), high_value=Decimal(high))
    return of(ItemKind.THANK, build_agenda(facts, ON, E))[0]


def test_every_referral_is_thanked_beyond_an_email() -> None:
    ordinary = thank_item(referral())
    assert ordinary.via == "handwritten-note"
    assert "a handwritten note in the mail — more than another email" in ordinary.reason
    assert ordinary.done == "goodword referrals thank 1 --via handwritten-note"


def test_the_gesture_grows_with_how_often_and_how_close() -> None:
    second_from_a_close_friend = replace(referral(), times_referred=2, referrer_tier="close")
    assert thank_item(second_from_a_close_friend).via == "gift-card"
    job = replace(referral(), kind="job", times_referred=3, referrer_tier="inner")
    assert thank_item(job).via == "lunch"


def test_the_gesture_grows_with_what_it_could_be_worth() -> None:
    assert thank_item(replace(referral(), value=Decimal(1500))).via == "handwritten-note"
    some = replace(referral(), value=Decimal(1500), referrer_tier="inner")
    assert thank_item(some).via == "gift-card"
    assert thank_item(replace(referral(), value=Decimal(9000))).via == "lunch"


def test_a_won_referral_is_celebrated_with_lunch() -> None:
    won = referral(
        Milestone(K.THANKED, days_ago(20), None),
        Milestone(K.CONTACTED, days_ago(15)),
        Milestone(K.OUTCOME, days_ago(1), Outcome.WON),
        received=21,
    )
    again = thank_item(won)
    assert again.via == "lunch" and "was won" in again.reason


# Seed 003: "If you do get an ugly sweater referral … ask the referrer what made them think
# this was a good referral for you? … what particular things do you say or do that made them
# think this was what you were looking for?"

NOT_A_FIT = Milestone(K.OUTCOME, days_ago(2), Outcome.NOT_A_FIT)


def test_an_ugly_sweater_is_thanked_anyway_for_the_thought() -> None:
    thank = thank_item(referral(NOT_A_FIT))
    assert "it is the thought that counts" in thank.reason
    assert "handwritten note" in thank.reason


def test_a_referral_that_was_not_a_fit_asks_what_made_it_seem_one() -> None:
    thanked = referral(Milestone(K.THANKED, days_ago(4)), NOT_A_FIT)
    (lesson,) = of(ItemKind.ASK_WHY_FIT, agenda(AgendaFacts(referrals=(thanked,))))
    assert "ask Ana Silva what made them think it was" in lesson.reason
    assert "what you say or do that gave that impression" in lesson.reason
    assert lesson.draft == "goodword draft fit-questions --referral 1"
    assert not of(ItemKind.QUALIFY, agenda(AgendaFacts(referrals=(thanked,))))


def test_once_the_referrer_said_why_the_lesson_is_kept_and_nothing_asks_again() -> None:
    learned = referral(
        Milestone(K.THANKED, days_ago(4)), NOT_A_FIT, Milestone(K.WHY_FIT, days_ago(1))
    )
    assert not of(ItemKind.ASK_WHY_FIT, agenda(AgendaFacts(referrals=(learned,))))


def test_a_not_a_fit_referral_is_settled_only_with_its_lesson() -> None:
    life = [
        Milestone(K.THANKED, days_ago(4)),
        NOT_A_FIT,
        Milestone(K.REFERRER_UPDATED, days_ago(1)),
    ]
    assert settled_at(Direction.RECEIVED, life) is None
    lesson = Milestone(K.WHY_FIT, days_ago(0.5))
    assert settled_at(Direction.RECEIVED, [*life, lesson]) == lesson.at


def test_the_referral_page_names_the_lesson_as_the_next_step() -> None:
    closed = next_step("received", "loop-closed", "not-a-fit", ("thanked", "outcome"))
    assert closed.startswith("It was not a fit: ask the referrer what made them think it was")
    learned = next_step("received", "loop-closed", "not-a-fit", ("outcome", "why-fit"))
    assert learned.startswith("Loop closed.")
