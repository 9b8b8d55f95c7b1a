"""The courtesies the practice owes outside a referral's own life: thanks for a
recommendation and writing the one you promised (seed 000); an ask's one follow-up, its
graceful close, and acknowledging a decline (seed 004); a vendor reference approved before
it is given — and, when management says no, asking the vendor to keep the company's name
confidential (seed 002)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from goodword.domain.agenda_facts import AgendaFacts, AskFacts, ReferenceFacts
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
from goodword.domain.lifecycles import reopened_confidential
from goodword.domain.time_words import ago

PLATFORM = {"linkedin": "LinkedIn", "letter": "a letter", "reference-call": "a reference call"}


def _known_by(at: datetime | None, on: datetime) -> bool:
    """Whether something dated ``at`` had happened by ``on`` (later events do not count)."""
    return at is not None and at <= on


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
        if a.asked_at > on:
            continue
        if _known_by(a.answered_at, on):
            yield from _acknowledge_decline(a, on, e)  # owed from the answer, not the ask
            continue
        if is_history(a.asked_at, on, e):
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


def _acknowledge_decline(a: AskFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    """Seed 004: "Acknowledge their response, express your understanding, and continue to
    engage with them positively" — a decline owes a short, warm reply."""
    if a.status != "declined" or a.answered_at is None or _known_by(a.acknowledged_at, on):
        return
    if is_history(a.answered_at, on, e):
        return
    what = with_article(a.kind) + (f" ({a.purpose})" if a.purpose else "")
    due = a.answered_at + timedelta(days=e.thank_within_days)
    reason = (
        f"{a.person.name} declined your ask for {what} on {on_day(a.answered_at, on)}"
        f"{late_clause(overdue_days(due, on))}: acknowledge the answer, say you understand, "
        "and keep the relationship going — it has nothing to do with you."
    )
    yield item(
        ItemKind.ACKNOWLEDGE_DECLINE,
        a.person,
        f"ask:{a.id}",
        due,
        on,
        reason,
        DraftRef("acknowledgement", "ask", a.id),
        f"goodword asks acknowledged {a.id}",
    )


def reference_items(facts: AgendaFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    for ref in facts.references:
        if ref.requested_at > on:
            continue
        if _known_by(ref.decided_at, on):
            yield from _after_denial(ref, on, e)  # owed from the denial
            continue
        # Reopened: management said no, then the vendor agreed to leave the name out.
        retried = reopened_confidential(ref.confidential, ref.confidentiality_asked_at)
        if is_history(retried or ref.requested_at, on, e):
            continue
        if ref.confidential:
            as_company = " (your company's name kept confidential)"
        else:
            as_company = f" as {ref.company_shown}" if ref.company_shown else ""
        if retried is not None:
            reason = (
                f"{ref.vendor} agreed to keep your company's name confidential after your "
                "management said no: ask your management again — a confidential reference may be fine."
            )
        else:
            reason = (
                f"{ref.vendor} asked you to be a reference{as_company} "
                f"{ago(ref.requested_at, on)}: check with your management before you give "
                "it (and ask the vendor to keep the company confidential if needed)."
            )
        yield item(
            ItemKind.APPROVE_REFERENCE,
            None,
            f"reference:{ref.id}",
            (retried or ref.requested_at) + timedelta(days=e.reference_decide_within_days),
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


def _after_denial(ref: ReferenceFacts, on: datetime, e: Etiquette) -> Iterator[AgendaItem]:
    """Seed 002: "If your manager isn't comfortable with this or if it is against corporate
    policy, check with the vendor to see if your company name can be made confidential."""
    if ref.status != "denied" or ref.confidential or ref.decided_at is None:
        return
    if _known_by(ref.confidentiality_asked_at, on) or is_history(ref.decided_at, on, e):
        return
    due = ref.decided_at + timedelta(days=e.reference_decide_within_days)
    reason = (
        f"Your management said no to being a reference for {ref.vendor} "
        f"({on_day(ref.decided_at, on)}){late_clause(overdue_days(due, on))}: ask {ref.vendor} "
        "whether your company's name can be kept confidential — if so, you might still "
        "take part, with approval."
    )
    yield item(
        ItemKind.ASK_CONFIDENTIAL,
        None,
        f"reference:{ref.id}",
        due,
        on,
        reason,
        DraftRef("confidential-reference", "reference", ref.id),
        f"goodword references confidentiality-asked {ref.id}",
    )
