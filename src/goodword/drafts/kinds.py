"""The kinds of message goodword drafts and sends — names only, so that listing them (help
texts, API enums) never loads the template engine."""

from __future__ import annotations

#: Every draft kind, and what it is for.
DRAFT_KINDS: dict[str, str] = {
    "thank-you": "thank a referrer, or someone who recommended or introduced you",
    "ask": "ask for a referral, opening with thanks for a specific good moment",
    "follow-up": "the one gentle follow-up to an unanswered ask",
    "acknowledgement": "a gracious reply to a decline or to silence",
    "contact": "reach out to a referred person, speaking well of the referrer",
    "referrer-update": "tell the referrer you made contact, could not, or how it ended",
    "qualifying-questions": "ask the referrer what helps you serve the referral well",
    "fit-questions": "after a referral that was not a fit, ask what made the referrer think it was",
    "recommendation": "a recommendation or endorsement for a colleague",
    "reciprocal-offer": "offer something back to someone who gave you a lot",
    "check-in": "keep in touch, asking for nothing",
    "reference-approval": "ask your management before being a vendor's reference",
    "confidential-reference": "after management said no, ask the vendor to keep your name out",
    "intro-request": "ask the first person on the warmest chain to introduce you onwards",
}

#: The emails a referral program sends its advocates (queued, sent by the worker).
EMAIL_KINDS: dict[str, str] = {
    "advocate-confirm": "confirms a self sign-up before an advocate's link is issued",
    "advocate-welcome": "an advocate's welcome, with their link",
    "referral-signed-up": "tells an advocate their referral signed up",
    "referral-converted": "thanks an advocate when their referral converts",
    "reward-approved": "tells an advocate their reward is approved",
    "reward-issued": "tells an advocate their reward is issued",
    "share-reminder": "one gentle reminder to an advocate who never shared their link",
}
TEMPLATE_KINDS = {**DRAFT_KINDS, **EMAIL_KINDS}
