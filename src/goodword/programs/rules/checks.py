"""Quality and fraud checks for a referral program: each failed check is a recorded reason.

A check never drops a lead or a conversion silently. It returns :class:`Flag` values (which
hold the item for a reviewer, with the evidence) and :class:`Signal` values (shown to the
reviewer but never blocking on their own: offices and families share an IP address).
The caller supplies every fact (pure functions, no I/O); the list of disposable domains is
passed in as a set so tests can use their own.
"""

from __future__ import annotations

from dataclasses import dataclass

GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


@dataclass(frozen=True)
class Flag:
    """A failed check: ``check`` is a stable code, ``detail`` the evidence in words."""

    check: str
    detail: str


def normalise_email(email: str) -> str:
    """The identity behind an address: lower-case and trimmed; ``+tags`` removed; for
    Gmail/Googlemail, dots in the local part removed and the domain unified.

    ``Ana.Lee+promo@GoogleMail.com`` and ``analee@gmail.com`` reach the same inbox, so a
    self-referral through one of them is still a self-referral.
    """
    cleaned = email.strip().lower()
    local, sep, domain = cleaned.rpartition("@")
    if not sep:
        return cleaned
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def email_domain(email: str) -> str:
    return email.strip().lower().rpartition("@")[2]


@dataclass(frozen=True)
class LeadFacts:
    """What is known when a lead arrives, gathered by the service."""

    lead_email: str
    advocate_email: str | None
    lead_customer_id: str | None
    advocate_customer_id: str | None
    lead_device: str | None
    advocate_devices: frozenset[str]
    leads_from_advocate_last_hour: int
    burst_per_hour: int
    lead_ip: str | None
    advocate_ips: frozenset[str]


def self_referral(
    lead_email: str,
    advocate_email: str | None,
    lead_customer: str | None,
    advocate_customer: str | None,
) -> Flag | None:
    if advocate_email and normalise_email(lead_email) == normalise_email(advocate_email):
        return Flag(
            "self_referral",
            f"the lead's address {lead_email.strip()} is the advocate's own "
            f"({advocate_email.strip()}) once dots and +tags are ignored",
        )
    if lead_customer and advocate_customer and lead_customer.strip() == advocate_customer.strip():
        return Flag(
            "self_referral", f"the lead has the advocate's own customer id '{lead_customer}'"
        )
    return None


def check_lead(facts: LeadFacts, disposable: frozenset[str] | set[str]) -> list[Flag]:
    """Every check a new lead fails, in a stable order."""
    flags: list[Flag] = []
    own = self_referral(
        facts.lead_email, facts.advocate_email, facts.lead_customer_id, facts.advocate_customer_id
    )
    if own:
        flags.append(own)
    domain = email_domain(facts.lead_email)
    if domain in disposable:
        flags.append(Flag("disposable_email", f"{domain} is a disposable email domain"))
    if facts.leads_from_advocate_last_hour >= facts.burst_per_hour:
        flags.append(
            Flag(
                "burst",
                f"{facts.leads_from_advocate_last_hour + 1} leads from this advocate within an "
                f"hour (the program allows {facts.burst_per_hour} before review)",
            )
        )
    if facts.lead_device and facts.lead_device in facts.advocate_devices:
        flags.append(
            Flag(
                "same_device", "the lead came from the same browser (device cookie) as the advocate"
            )
        )
    return flags


def lead_signals(facts: LeadFacts) -> list[Flag]:
    """Evidence for a reviewer that never holds a lead by itself."""
    if facts.lead_ip and facts.lead_ip in facts.advocate_ips:
        return [
            Flag(
                "same_ip",
                f"same IP address as the advocate ({facts.lead_ip}); common for offices and "
                "families, so not a block by itself",
            )
        ]
    return []


def check_conversion(
    customer_id: str | None, advocate_customer_id: str | None, lead_flags: list[Flag]
) -> list[Flag]:
    """A conversion inherits nothing silently: an unreviewed flagged lead holds it too."""
    flags: list[Flag] = []
    if customer_id and advocate_customer_id and customer_id.strip() == advocate_customer_id.strip():
        flags.append(
            Flag("self_referral", f"the order's customer id '{customer_id}' is the advocate's own")
        )
    if lead_flags:
        flags.append(
            Flag(
                "lead_flagged",
                "the lead is waiting for review: " + ", ".join(f.check for f in lead_flags),
            )
        )
    return flags
