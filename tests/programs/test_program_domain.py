"""The program's pure rules: email identity, fraud checks, rewards, caps, states, codes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.programs.rules.checks import LeadFacts, check_lead, lead_signals, normalise_email
from goodword.programs.rules.codes import canonical_code, make_code
from goodword.programs.rules.rewards import (
    RewardStatus,
    RewardType,
    check_reward_transition,
    parse_milestones,
    parse_reward,
    rewards_for_conversion,
)

DISPOSABLE = frozenset({"mailinator.com"})


def facts(lead: str, advocate: str | None = "ana.lee@gmail.com", **changes: object) -> LeadFacts:
    values: dict[str, object] = {
        "lead_email": lead,
        "advocate_email": advocate,
        "lead_customer_id": None,
        "advocate_customer_id": None,
        "lead_device": None,
        "advocate_devices": frozenset(),
        "leads_from_advocate_last_hour": 0,
        "burst_per_hour": 10,
        "lead_ip": None,
        "advocate_ips": frozenset(),
    }
    values.update(changes)
    return LeadFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("address", "identity"),
    [
        ("  Ana.Lee+promo@GoogleMail.com ", "analee@gmail.com"),
        ("a.n.a.lee@gmail.com", "analee@gmail.com"),
        ("Bo.Berg+x@example.com", "bo.berg@example.com"),
        ("bo.berg@example.com", "bo.berg@example.com"),
    ],
)
def test_email_identity(address: str, identity: str) -> None:
    assert normalise_email(address) == identity


@given(
    st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,5}){0,3}", fullmatch=True),
    st.sampled_from(["", "+x", "+promo.2"]),
)
def test_any_gmail_spelling_is_the_same_inbox(local: str, tag: str) -> None:
    base = normalise_email(f"{local.replace('.', '')}@gmail.com")
    assert normalise_email(f"{local.upper()}{tag}@googlemail.com") == base
    assert normalise_email(f" {local}{tag}@GMAIL.com ") == base


FRAUD = [
    ("gmail alias self-referral", facts("A.na.Lee+2@googlemail.com"), "self_referral"),
    (
        "same customer id",
        facts("x@example.com", lead_customer_id="C1", advocate_customer_id="C1"),
        "self_referral",
    ),
    ("disposable domain", facts("tmp@mailinator.com"), "disposable_email"),
    ("burst", facts("z@example.com", leads_from_advocate_last_hour=10), "burst"),
    (
        "same device",
        facts("z@example.com", lead_device="d1", advocate_devices=frozenset({"d1"})),
        "same_device",
    ),
]


@pytest.mark.parametrize(("case", "lead", "check"), FRAUD, ids=[c for c, _, _ in FRAUD])
def test_each_fraud_case_is_caught_with_its_reason(case: str, lead: LeadFacts, check: str) -> None:
    flags = check_lead(lead, DISPOSABLE)
    assert [f.check for f in flags] == [check]
    assert flags[0].detail


CLEAN = [
    facts("bo@example.com"),
    facts("ana.lee@example.com"),  # same local part, other domain: another person
    facts("analee2@gmail.com"),
    facts("z@example.com", leads_from_advocate_last_hour=9),
    facts("z@example.com", lead_device="d2", advocate_devices=frozenset({"d1"})),
    facts("z@example.com", lead_ip="10.0.0.1", advocate_ips=frozenset({"10.0.0.1"})),
]


@pytest.mark.parametrize("lead", CLEAN)
def test_clean_cases_are_never_flagged(lead: LeadFacts) -> None:
    assert check_lead(lead, DISPOSABLE) == []


def test_same_ip_is_a_signal_never_a_flag() -> None:
    shared = facts("z@example.com", lead_ip="10.0.0.1", advocate_ips=frozenset({"10.0.0.1"}))
    assert check_lead(shared, DISPOSABLE) == []
    assert [s.check for s in lead_signals(shared)] == ["same_ip"]


def test_rewards_parse_and_describe() -> None:
    cash = parse_reward("cash:50:usd")
    assert cash is not None and cash.amount == Decimal("50.00") and cash.describe() == "50 USD cash"
    assert parse_reward("discount-code:10:%").describe() == "10% discount code"  # type: ignore[union-attr]
    assert parse_reward("custom:A month free").describe() == "A month free"  # type: ignore[union-attr]
    assert parse_reward("none") is None and parse_reward("") is None
    assert parse_reward(cash.spec()) == cash


@pytest.mark.parametrize(
    "bad",
    [
        "money:5:USD",
        "cash:abc:USD",
        "cash:-5:USD",
        "cash:5:dollars",
        "cash:5:%",
        "custom:",
        "discount-code:150:%",
    ],
)
def test_bad_rewards_are_refused_with_the_fix(bad: str) -> None:
    with pytest.raises(InvalidValue, match=r"reward|custom"):
        parse_reward(bad)


def test_milestones_and_caps() -> None:
    bonus = parse_milestones("10=gift-card:100:USD,3=cash:25:USD")
    assert list(bonus) == [3, 10]
    cash = parse_reward("cash:50:USD")
    third = rewards_for_conversion(7, 1, cash, None, bonus, 2, 2, None)
    assert [e.rule for e in third] == ["conversion:7", "milestone:1:3"]
    capped = rewards_for_conversion(8, 1, cash, parse_reward("custom:hi"), {}, 5, 5, 5)
    assert [(e.beneficiary, e.capped) for e in capped] == [("advocate", True), ("friend", False)]
    with pytest.raises(InvalidValue):
        parse_milestones("three=cash:5:USD")


def test_reward_states_only_move_forward() -> None:
    check_reward_transition("pending", RewardStatus.APPROVED)
    check_reward_transition("issued", RewardStatus.CLAWED_BACK)
    for current, new in [
        ("issued", RewardStatus.ISSUED),
        ("denied", RewardStatus.APPROVED),
        ("clawed-back", RewardStatus.ISSUED),
    ]:
        with pytest.raises(RuleViolation):
            check_reward_transition(current, new)
    assert RewardType("gift-card") is RewardType.GIFT_CARD


@given(st.binary(min_size=8, max_size=8), st.text(max_size=30))
def test_codes_are_readable_and_canonical(random: bytes, name: str) -> None:
    code = make_code(name, random)
    assert canonical_code(code.upper()) == code
    assert not set(code.split("-")[1]) & set("ilou")


def test_codes_differ_with_the_random_bytes() -> None:
    import secrets

    codes = {make_code("Ana", secrets.token_bytes(8)) for _ in range(2000)}
    assert len(codes) == 2000
    assert canonical_code("../etc") is None
