"""A received referral's debts (seeds 001, 003): thanks, qualifying, contact, closing the
loop. Each is owed until the matching milestone is recorded; the courtesies outside a
referral (asks, references, recommendations) are in ``agenda_courtesies``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal

from goodword.domain.agenda_facts import AgendaFacts, ReferralFacts
from goodword.domain.agenda_items import (
    AgendaItem,
    DraftRef,
    ItemKind,
    aside,
    item,
    late_clause,
    on_day,
    overdue_days,
)
from goodword.domain.etiquette import Etiquette
from goodword.domain.gestures import Gesture, ReferralWeight, fitting_gesture
from goodword.domain.history import is_history
from goodword.domain.milestones import (
    CONTACT_ATTEMPTS,
    Milestone,
    MilestoneKind,
    updated_after,
)
from goodword.domain.time_words import ago
from goodword.domain.vocabulary import Outcome

ENDED = {
    Outcome.WON: "was won",
    Outcome.LOST: "was lost",
    Outcome.NOT_A_FIT: "turned out not to be a fit",
    Outcome.NO_RESPONSE: "ended without a response",
}


def _known(referral: ReferralFacts, on: datetime) -> list[Milestone]:
    return [m for m in referral.milestones if m.at <= on]


def referral_items(facts: AgendaFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    for r in facts.referrals:
        if r.referred_at > on:
            continue
        known = _known(r, on)
        if not is_history(r.referred_at, on, e):
            yield from _thanks(r, known, on, e, facts)
            yield from _before_contact(r, known, on, e)
        else:
            yield from _thanks_after_a_win(r, known, on, e, facts)
        yield from _loop(r, known, on, e)
        yield from _lesson(r, known, on, e)


def _outcome(known: list[Milestone]) -> Milestone | None:
    """The outcome milestone among those known on the day (recorded once at most)."""
    return next((m for m in known if m.kind is MilestoneKind.OUTCOME), None)


def gesture_for(r: ReferralFacts, known: list[Milestone], high_value: Decimal) -> Gesture:
    """The fitting way to thank for ``r`` as of the milestones known on the day."""
    outcome = _outcome(known)
    return fitting_gesture(
        ReferralWeight(
            value=r.value,
            high_value=high_value,
            kind=r.kind,
            won=outcome is not None and outcome.outcome is Outcome.WON,
            times_referred=r.times_referred,
            tier=r.referrer_tier,
        )
    )


def _thank_item(
    r: ReferralFacts, due: datetime, on: datetime, reason: str, gesture: Gesture, bonus: int
) -> AgendaItem:
    """A thank-you owed for ``r``: its draft, and the done command naming the gesture."""
    return item(
        ItemKind.THANK,
        r.referrer,
        f"referral:{r.id}",
        due,
        on,
        reason,
        DraftRef("thank-you", "referral", r.id),
        f"goodword referrals thank {r.id} --via {gesture.via.value}",
        bonus=bonus,
        via=gesture.via.value,
    )


def _thanks(
    r: ReferralFacts, known: list[Milestone], on: datetime, e: Etiquette, facts: AgendaFacts
) -> Iterator[AgendaItem]:
    if any(m.kind is MilestoneKind.THANKED for m in known):
        yield from _thanks_after_a_win(r, known, on, e, facts)
        return
    due = r.referred_at + timedelta(days=e.thank_within_days)
    gesture = gesture_for(r, known, facts.high_value)
    valuable = r.value is not None and r.value >= facts.high_value
    worth = f"; it could be worth {r.value:,.0f}" if valuable else ""
    outcome = _outcome(known)
    if outcome is not None and outcome.outcome is Outcome.NOT_A_FIT:
        why = "It was not a fit, but a referral is a gift — it is the thought that counts"
    else:
        why = "A referral is a gift: thank them first"
    reason = (
        f"{r.referrer.name} referred {aside(r.referred)} to you {ago(r.referred_at, on)} and "
        f"has not been thanked{late_clause(overdue_days(due, on))}{worth}. {why}, with "
        f"{gesture.words} — more than another email."
    )
    yield _thank_item(r, due, on, reason, gesture, bonus=5 if valuable else 0)


def _thanks_after_a_win(
    r: ReferralFacts, known: list[Milestone], on: datetime, e: Etiquette, facts: AgendaFacts
) -> Iterator[AgendaItem]:
    """A referral that was won deserves a second, bigger thank-you (owed from the win, so
    even a referral from long ago, won this month, owes it)."""
    outcome = _outcome(known)
    if outcome is None or outcome.outcome is not Outcome.WON or is_history(outcome.at, on, e):
        return
    if any(m.kind is MilestoneKind.THANKED and m.at >= outcome.at for m in known):
        return
    who = r.referrer
    gesture = gesture_for(r, known, facts.high_value)
    reason = (
        f"{r.referred}, referred by {who.name}, was won on {on_day(outcome.at, on)}: "
        f"thank {who.name} again, with {gesture.words}."
    )
    due = outcome.at + timedelta(days=e.thank_within_days)
    yield _thank_item(r, due, on, reason, gesture, bonus=5)


def _before_contact(
    r: ReferralFacts, known: list[Milestone], on: datetime, e: Etiquette
) -> Iterator[AgendaItem]:
    kinds = {m.kind for m in known}
    if kinds & {*CONTACT_ATTEMPTS, MilestoneKind.OUTCOME}:
        return
    who, about = r.referrer, f"referral:{r.id}"
    if MilestoneKind.QUALIFIED not in kinds:
        due = r.referred_at + timedelta(days=e.thank_within_days)
        reason = (
            f"Before reaching out to {r.referred}, ask {who.name} how they know them, "
            "whether there is anything special to be aware of, and how you can help "
            "their relationship."
        )
        yield item(
            ItemKind.QUALIFY,
            who,
            about,
            due,
            on,
            reason,
            DraftRef("qualifying-questions", "referral", r.id),
            f'goodword referrals qualify {r.id} --how-known "…"',
        )
    due = r.referred_at + timedelta(days=e.contact_within_days)
    reason = (
        f"{who.name} referred {aside(r.referred)} to you {ago(r.referred_at, on)} and you "
        f"have not reached out{late_clause(overdue_days(due, on))}; "
        f"when you do, speak well of {who.name}."
    )
    yield item(
        ItemKind.CONTACT,
        who,
        about,
        due,
        on,
        reason,
        DraftRef("contact", "referral", r.id),
        f"goodword referrals contacted {r.id}  (or contact-failed)",
    )


def _loop(
    r: ReferralFacts, known: list[Milestone], on: datetime, e: Etiquette
) -> Iterator[AgendaItem]:
    news = [m for m in known if m.kind in (*CONTACT_ATTEMPTS, MilestoneKind.OUTCOME)]
    if not news:
        return
    latest = news[-1]  # facts keep milestones in the order they happened and were recorded
    if updated_after(known, latest) or is_history(latest.at, on, e):
        return
    who = r.referrer
    if latest.kind is MilestoneKind.OUTCOME:
        what = (
            f"the referral of {aside(r.referred)} "
            f"{ENDED[latest.outcome] if latest.outcome else 'ended'} on {on_day(latest.at, on)}"
        )
    elif latest.kind is MilestoneKind.CONTACTED:
        what = f"you made contact with {aside(r.referred)} on {on_day(latest.at, on)}"
    else:
        what = (
            f"you could not reach {r.referred} ({on_day(latest.at, on)}) — they may reach out "
            "again on your behalf"
        )
    due = latest.at + timedelta(days=e.update_referrer_within_days)
    late = overdue_days(due, on)
    reason = f"Close the loop with {who.name}: {what}{late_clause(late)}."
    yield item(
        ItemKind.UPDATE_REFERRER,
        who,
        f"referral:{r.id}",
        due,
        on,
        reason,
        DraftRef("referrer-update", "referral", r.id),
        f"goodword referrals referrer-updated {r.id}",
    )


def _lesson(
    r: ReferralFacts, known: list[Milestone], on: datetime, e: Etiquette
) -> Iterator[AgendaItem]:
    """Seed 003's ugly sweater: "ask the referrer what made them think this was a good
    referral for you … what particular things do you say or do that made them think this
    was what you were looking for?" — then adjust how you present yourself."""
    outcome = _outcome(known)
    if outcome is None or outcome.outcome is not Outcome.NOT_A_FIT:
        return
    if any(m.kind is MilestoneKind.WHY_FIT for m in known) or is_history(outcome.at, on, e):
        return
    who = r.referrer
    due = outcome.at + timedelta(days=e.update_referrer_within_days)
    reason = (
        f"{aside(r.referred)} was not a fit{late_clause(overdue_days(due, on))}: ask "
        f"{who.name} what made them think it was, and what you say or do that gave that "
        "impression — their answer can sharpen your brief."
    )
    yield item(
        ItemKind.ASK_WHY_FIT,
        who,
        f"referral:{r.id}",
        due,
        on,
        reason,
        DraftRef("fit-questions", "referral", r.id),
        f'goodword referrals lesson {r.id} --why-fit "…" --impression "…"',
    )
