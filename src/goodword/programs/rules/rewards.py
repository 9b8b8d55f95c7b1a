"""The rules of a referral program: rewards, milestones, caps, the hold, reward states.

Everything here is pure: the service passes the program's settings and the counts it read,
and gets back which rewards a conversion earns (each with its *rule key*, which the store keeps
unique so a reward can be created only once) and whether a state change is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.limits import digits


class RewardType(StrEnum):
    DISCOUNT_CODE = "discount-code"
    ACCOUNT_CREDIT = "account-credit"
    CASH = "cash"
    GIFT_CARD = "gift-card"
    DONATION = "donation"
    CUSTOM = "custom"


#: Rewards goodword can hand out itself once approved (it makes the code or credit
#: reference); cash, gift cards and donations wait for the owner to mark them paid.
SELF_ISSUED = frozenset({RewardType.DISCOUNT_CODE, RewardType.ACCOUNT_CREDIT, RewardType.CUSTOM})


class RewardStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    ISSUED = "issued"
    DENIED = "denied"
    CLAWED_BACK = "clawed-back"


NEXT: dict[RewardStatus, frozenset[RewardStatus]] = {
    RewardStatus.PENDING: frozenset(
        {RewardStatus.APPROVED, RewardStatus.DENIED, RewardStatus.CLAWED_BACK}
    ),
    RewardStatus.APPROVED: frozenset(
        {RewardStatus.ISSUED, RewardStatus.DENIED, RewardStatus.CLAWED_BACK}
    ),
    RewardStatus.ISSUED: frozenset({RewardStatus.CLAWED_BACK}),
    RewardStatus.DENIED: frozenset(),
    RewardStatus.CLAWED_BACK: frozenset(),
}


def check_reward_transition(current: str, new: RewardStatus) -> None:
    if new not in NEXT[RewardStatus(current)]:
        raise RuleViolation(f"a reward that is {current} cannot become {new.value}")


class ProgramKind(StrEnum):
    CUSTOMER = "customer"
    HIRING = "hiring"


@dataclass(frozen=True)
class Reward:
    """One reward as the rules state it: ``cash:50:USD``, ``discount-code:10:%``,
    ``custom:A month free``."""

    type: RewardType
    amount: Decimal | None = None
    currency: str | None = None
    text: str | None = None

    def describe(self) -> str:
        if self.type is RewardType.CUSTOM:
            return self.text or "custom reward"
        amount = f"{self.amount.normalize():f}" if self.amount is not None else ""
        unit = "%" if self.currency == "%" else f" {self.currency}" if self.currency else ""
        return f"{amount}{unit} {self.type.value.replace('-', ' ')}".strip()

    def spec(self) -> str:
        if self.type is RewardType.CUSTOM:
            return f"custom:{self.text}"
        return ":".join(
            p for p in (self.type.value, _plain(self.amount), self.currency) if p is not None
        )


def _plain(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount.normalize():f}"


def parse_reward(text: str | None) -> Reward | None:
    """``none`` (or empty) means no reward on that side."""
    if text is None or text.strip().lower() in ("", "none"):
        return None
    kind, _, rest = text.strip().partition(":")
    try:
        reward_type = RewardType(kind.strip().lower())
    except ValueError:
        allowed = ", ".join(t.value for t in RewardType)
        raise InvalidValue(
            f"reward '{text}': the type must be one of {allowed} (e.g. cash:50:USD, "
            "discount-code:10:%, custom:A month free)"
        ) from None
    if reward_type is RewardType.CUSTOM:
        if not rest.strip():
            raise InvalidValue("a custom reward needs its words: custom:A month free")
        return Reward(reward_type, text=rest.strip()[:200])
    amount_text, _, currency = rest.partition(":")
    try:
        amount = Decimal(amount_text.strip())
    except InvalidOperation:
        raise InvalidValue(
            f"reward '{text}': '{amount_text}' is not an amount (e.g. cash:50:USD)"
        ) from None
    if not amount.is_finite() or amount <= 0 or amount >= Decimal("1e10"):
        raise InvalidValue(f"reward '{text}': the amount must be above 0 and below 10 billion")
    unit = currency.strip().upper()
    if not (unit == "%" or (len(unit) == 3 and unit.isalpha())):
        raise InvalidValue(
            f"reward '{text}': give a currency code like USD or EUR (or % for a discount)"
        )
    if unit == "%" and (reward_type is not RewardType.DISCOUNT_CODE or amount > 100):
        raise InvalidValue(f"reward '{text}': only a discount code can be a percentage, up to 100")
    return Reward(reward_type, amount.quantize(Decimal("0.01")), unit)


def parse_milestones(text: str | None) -> dict[int, Reward]:
    """``3=cash:25:USD,10=gift-card:100:USD``: a bonus when an advocate reaches N conversions;
    ``none`` (or empty) for no bonuses."""
    if text is None or text.strip().lower() in ("", "none"):
        return {}
    found: dict[int, Reward] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        count, sep, spec = part.partition("=")
        if not sep or not digits(count.strip()) or int(count) < 1:
            raise InvalidValue(
                f"milestone '{part.strip()}': write it as COUNT=REWARD, e.g. 3=cash:25:USD"
            )
        reward = parse_reward(spec)
        if reward is None:
            raise InvalidValue(f"milestone '{part.strip()}' needs a reward")
        found[int(count)] = reward
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class EarnedReward:
    """A reward a conversion earns; ``rule`` is unique per program (exactly once)."""

    beneficiary: str  # "advocate" or "friend"
    rule: str
    reward: Reward
    capped: bool = False


def rewards_for_conversion(
    conversion_id: int,
    advocate_id: int,
    advocate: Reward | None,
    friend: Reward | None,
    milestones: dict[int, Reward],
    advocate_conversions_before: int,
    advocate_rewards_before: int,
    cap: int | None,
) -> list[EarnedReward]:
    """The rewards one conversion earns. Past the per-advocate cap the advocate's reward is
    still created, already denied with the reason, so the advocate can see why."""
    earned: list[EarnedReward] = []
    if advocate is not None:
        capped = cap is not None and advocate_rewards_before >= cap
        earned.append(EarnedReward("advocate", f"conversion:{conversion_id}", advocate, capped))
    if friend is not None:
        earned.append(EarnedReward("friend", f"friend:{conversion_id}", friend))
    reached = advocate_conversions_before + 1
    if reached in milestones:
        earned.append(
            EarnedReward("advocate", f"milestone:{advocate_id}:{reached}", milestones[reached])
        )
    return earned
