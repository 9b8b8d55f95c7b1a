"""The debts of the practice: thanks, qualifying, contact, closing the loop (seed 003),
follow-ups and graceful closes of asks (seed 004), approvals (seed 002), promised
recommendations (seed 000). Each is owed until the matching milestone is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from goodword.domain.agenda_facts import AgendaFacts, ReferralFacts
from goodword.domain.agenda_items import (
    AgendaItem,
    DraftRef,
    ItemKind,
    item,
    late_clause,
    on_day,
    overdue_days,
    with_article,
)
from goodword.domain.etiquette import Etiquette
from goodword.domain.history import is_history, owed_from
from goodword.domain.milestones import (
    CONTACT_ATTEMPTS,
    Milestone,
    MilestoneKind,
    updated_after,
)
from goodword.domain.time_words import ago
from goodword.domain.vocabulary import Outcome

GESTURE = "go beyond an email — a handwritten note, a gift or lunch"
PLATFORM = {"linkedin": "LinkedIn", "letter": "a letter", "reference-call": "a reference call"}
ENDED = {
    Outcome.WON: "was won",
    Outcome.LOST: "was lost",
    Outcome.NOT_A_FIT: "turned out not to be a fit",
    Outcome.NO_RESPONSE: "ended without a response",
}


def _known_by(at: datetime | None, on: datetime) -> bool:
    """Whether something dated ``at`` had happened by ``on`` (later events do not count)."""
    return at is not None and at <= on


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
            yield from _thanks_after_a_win(r, known, on, e)
        yield from _loop(r, known, on, e)


def _thanks(
    r: ReferralFacts, known: list[Milestone], on: datetime, e: Etiquette, facts: AgendaFacts
) -> Iterator[AgendaItem]:
    who, about = r.referrer, f"referral:{r.id}"
    draft = DraftRef("thank-you", "referral", r.id)
    done = f"goodword referrals thank {r.id} --via email"
    thanks = [m for m in known if m.kind is MilestoneKind.THANKED]
    due = r.referred_at + timedelta(days=e.thank_within_days)
    if not thanks:
        valuable = r.value is not None and r.value >= facts.high_value
        extra = f"; it could be worth {r.value:,.0f}, so {GESTURE}" if valuable else ""
        reason = (
            f"{who.name} referred {r.referred} to you {ago(r.referred_at, on)} and has "
            f"not been thanked{late_clause(overdue_days(due, on))}{extra}. "
            "A referral is a gift: thank them first."
        )
        yield item(
            ItemKind.THANK,
            who,
            about,
            due,
            on,
            reason,
            draft,
            done,
            bonus=5 if valuable else 0,
            via="email",
        )
    else:
        yield from _thanks_after_a_win(r, known, on, e)


def _thanks_after_a_win(
    r: ReferralFacts, known: list[Milestone], on: datetime, e: Etiquette
) -> Iterator[AgendaItem]:
    """A referral that was won deserves a second, bigger thank-you (owed from the win, so
    even a referral from long ago, won this month, owes it)."""
    who, about = r.referrer, f"referral:{r.id}"
    draft = DraftRef("thank-you", "referral", r.id)
    thanks = [m for m in known if m.kind is MilestoneKind.THANKED]
    outcome = next((m for m in known if m.kind is MilestoneKind.OUTCOME), None)
    if (
        outcome is not None
        and outcome.outcome is Outcome.WON
        and not is_history(outcome.at, on, e)
        and not any(m.at >= outcome.at for m in thanks)
    ):
        due = outcome.at + timedelta(days=e.thank_within_days)
        reason = (
            f"{r.referred}, referred by {who.name}, was won on {on_day(outcome.at, on)}: "
            f"thank {who.name} again and {GESTURE}."
        )
        yield item(
            ItemKind.THANK,
            who,
            about,
            due,
            on,
            reason,
            draft,
            f"goodword referrals thank {r.id} --via lunch",
            bonus=5,
            via="lunch",
        )


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
        f"{who.name} referred {r.referred} to you {ago(r.referred_at, on)} and you "
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
            f"the referral of {r.referred} "
            f"{ENDED[latest.outcome] if latest.outcome else 'ended'} on {on_day(latest.at, on)}"
        )
    elif latest.kind is MilestoneKind.CONTACTED:
        what = f"you made contact with {r.referred} on {on_day(latest.at, on)}"
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


def recommendation_thanks(facts: AgendaFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    for rec in facts.recommendations:
        if rec.direction != "received" or rec.written_at > on:
            continue
        if _known_by(rec.thanked_at, on) or is_history(rec.written_at, on, e):
            continue
        due = owed_from(rec.written_at, rec.imported_at) + timedelta(days=e.thank_within_days)
        reason = (
            f"{rec.person.name} wrote you {with_article(rec.kind)} on "
            f"{PLATFORM.get(rec.platform, rec.platform)} {ago(rec.written_at, on)} "
            "and has not been "
            f"thanked{late_clause(overdue_days(due, on))}."
        )
        yield item(
            ItemKind.THANK,
            rec.person,
            f"recommendation:{rec.id}",
            due,
            on,
            reason,
            DraftRef("thank-you", "recommendation", rec.id),
            f"goodword recs thank {rec.id} --via email",
            via="email",
        )


def ask_items(facts: AgendaFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    for a in facts.asks:
        if a.asked_at > on or _known_by(a.answered_at, on) or is_history(a.asked_at, on, e):
            continue
        what = with_article(a.kind) + (f" ({a.purpose})" if a.purpose else "")
        expire = a.asked_at + timedelta(days=e.ask_expire_after_days)
        if expire <= on:
            reason = (
                f"{a.person.name} has not answered your ask for {what} of "
                f"{on_day(a.asked_at, on)}; close it as no-response and send a gracious note "
                "that keeps the relationship — no pressure."
            )
            yield item(
                ItemKind.CLOSE_ASK,
                a.person,
                f"ask:{a.id}",
                expire,
                on,
                reason,
                DraftRef("acknowledgement", "ask", a.id),
                f"goodword asks answer {a.id} no-response",
            )
            continue
        followed = _known_by(a.followed_up_at, on)
        due = a.asked_at + timedelta(days=e.ask_followup_after_days)
        if not followed and due <= on:
            reason = (
                f"You asked {a.person.name} for {what} {ago(a.asked_at, on)} and heard "
                "nothing; one gentle follow-up is fine — and only one."
            )
            yield item(
                ItemKind.FOLLOW_UP_ASK,
                a.person,
                f"ask:{a.id}",
                due,
                on,
                reason,
                DraftRef("follow-up", "ask", a.id),
                f"goodword asks follow-up {a.id}",
            )


def reference_items(facts: AgendaFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    for ref in facts.references:
        if ref.requested_at > on or _known_by(ref.decided_at, on):
            continue
        if is_history(ref.requested_at, on, e):
            continue
        as_company = f" as {ref.company_shown}" if ref.company_shown else ""
        reason = (
            f"{ref.vendor} asked you to be a reference{as_company} "
            f"{ago(ref.requested_at, on)}: check with your management before you give "
            "it (and ask the vendor to keep the company confidential if needed)."
        )
        yield item(
            ItemKind.APPROVE_REFERENCE,
            None,
            f"reference:{ref.id}",
            ref.requested_at + timedelta(days=e.reference_decide_within_days),
            on,
            reason,
            DraftRef("reference-approval", "reference", ref.id),
            f'goodword references approve {ref.id} --by "NAME"',
        )


def recommend_items(facts: AgendaFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    for rec in facts.recommendations:
        if rec.direction != "given" or rec.written_at > on:
            continue
        if _known_by(rec.sent_at, on) or is_history(rec.written_at, on, e):
            continue
        if rec.has_text:
            reason = (
                f"Your draft {rec.kind} for {rec.person.name} has waited since "
                f"{on_day(rec.written_at, on)}; send it on {PLATFORM.get(rec.platform, rec.platform)}."
            )
        else:
            reason = (
                f"You promised {rec.person.name} {with_article(rec.kind)} "
                f"on {on_day(rec.written_at, on)}; write it while your memory of "
                "their work is fresh."
            )
        yield item(
            ItemKind.RECOMMEND,
            rec.person,
            f"recommendation:{rec.id}",
            rec.written_at + timedelta(days=e.recommend_within_days),
            on,
            reason,
            DraftRef("recommendation", "person", rec.person.id),
            f"goodword recs status {rec.id} sent",
        )
