"""The etiquette numbers (DESIGN.md §1): defaults, validation, and per-tier cadences.

Every number is a per-workspace setting; the storage keeps only the ones a user changed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from goodword.domain.errors import InvalidValue
from goodword.domain.vocabulary import Tier

DESCRIPTIONS: dict[str, str] = {
    "thank_within_days": "days to thank the referrer of a received referral",
    "update_referrer_within_days": "days to tell the referrer about contact or outcome",
    "ask_window_days": "a positive interaction this recent makes an ask well timed",
    "ask_spacing_days": "minimum days between two asks to the same person",
    "ask_followup_after_days": "days without an answer before one gentle follow-up",
    "ask_expire_after_days": "days without an answer before an ask closes as no-response",
    "contact_within_days": "days to reach out to a referred person",
    "reference_decide_within_days": "days to get approval for a vendor reference request",
    "recommend_within_days": "days to send a recommendation you promised or drafted",
    "cadence_inner_days": "keep-in-touch cadence for the inner tier",
    "cadence_close_days": "keep-in-touch cadence for the close tier",
    "cadence_network_days": "keep-in-touch cadence for the network tier",
    "cadence_acquaintance_days": "keep-in-touch cadence for the acquaintance tier",
    "agenda_suggestions": "how many ask, reciprocate and keep-in-touch suggestions to list",
    "high_value_referral": "a referral worth at least this much is thanked with the biggest gesture (lunch)",
    "history_horizon_days": "acts older than this are history: counted, never overdue duties",
}

#: Settings that are not a number of days: their own bounds.
BOUNDS: dict[str, tuple[int, int]] = {
    "agenda_suggestions": (0, 1000),
    "high_value_referral": (1, 1_000_000_000),
}


@dataclass(frozen=True)
class Etiquette:
    thank_within_days: int = 2
    update_referrer_within_days: int = 7
    ask_window_days: int = 30
    ask_spacing_days: int = 90
    ask_followup_after_days: int = 10
    ask_expire_after_days: int = 30
    contact_within_days: int = 3
    reference_decide_within_days: int = 5
    recommend_within_days: int = 7
    cadence_inner_days: int = 30
    cadence_close_days: int = 60
    cadence_network_days: int = 120
    cadence_acquaintance_days: int = 365
    agenda_suggestions: int = 10
    high_value_referral: int = 5000
    history_horizon_days: int = 60

    def cadence_for(self, tier: Tier) -> int:
        return int(getattr(self, f"cadence_{tier.value}_days"))

    def as_dict(self) -> dict[str, int]:
        return {f.name: int(getattr(self, f.name)) for f in fields(self)}

    def with_value(self, key: str, raw: str | int) -> Etiquette:
        """Return a copy with ``key`` set, refusing unknown keys and impossible numbers."""
        updated = replace(self, **{key: parse_setting(key, raw)})
        updated.check()
        return updated

    def check(self) -> None:
        if self.ask_followup_after_days >= self.ask_expire_after_days:
            raise InvalidValue(
                "ask_followup_after_days must be smaller than ask_expire_after_days "
                f"({self.ask_followup_after_days} >= {self.ask_expire_after_days})"
            )


def parse_setting(key: str, raw: str | int) -> int:
    if key not in DESCRIPTIONS:
        raise InvalidValue(f"unknown setting '{key}': use one of {', '.join(DESCRIPTIONS)}")
    low, high = BOUNDS.get(key, (1, 3650))
    unit = "" if key in BOUNDS else " days"
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise InvalidValue(f"setting {key} must be a whole number{unit}, not '{raw}'") from None
    if value < low or value > high:
        raise InvalidValue(f"setting {key} must be between {low} and {high}{unit}, not {value}")
    return value


def etiquette_from(overrides: dict[str, str]) -> Etiquette:
    """Build the etiquette from stored overrides (unknown keys are ignored), checked as a whole."""
    values = {key: parse_setting(key, raw) for key, raw in overrides.items() if key in DESCRIPTIONS}
    result = replace(Etiquette(), **values)
    result.check()
    return result
