"""Suggestions: whom to ask now (seed 004), whom to give back to, whom to check in with
(seed 001). Only the best few of each kind are listed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from goodword.domain.agenda_facts import AgendaFacts, Moment
from goodword.domain.agenda_items import (
    AgendaItem,
    DraftRef,
    ItemKind,
    item,
    late_clause,
    overdue_days,
)
from goodword.domain.etiquette import Etiquette
from goodword.domain.time_words import ago
from goodword.domain.vocabulary import Sentiment

#: How much a positive moment says about asking now (seed 004: best after a finished
#: project or good feedback).
MOMENT_WEIGHT = {
    "project-completed": 3.0,
    "feedback-received": 3.0,
    "meeting": 1.5,
    "call": 1.5,
    "event": 1.2,
    "introduction": 1.2,
}
TIER_RANK = {"inner": 0, "close": 1, "network": 2, "acquaintance": 3}


def moment_score(moment: Moment, on: datetime, window_days: int) -> float:
    """Stronger for better kinds of moment, fading to zero across the ask window."""
    age = max(0.0, (on - moment.at).total_seconds() / 86400)
    return MOMENT_WEIGHT.get(moment.kind, 1.0) * max(0.0, 1 - age / window_days)


def ask_suggestions(
    facts: AgendaFacts,
    on: datetime,
    e: Etiquette,
    limit: int,
    exclude: set[int] | None = None,
) -> Iterator[AgendaItem]:
    window_start = on - timedelta(days=e.ask_window_days)
    spacing_start = on - timedelta(days=e.ask_spacing_days)
    asked_recently = {pid for pid, at in facts.recent_asks if spacing_start < at <= on}
    asked_recently |= exclude or set()
    by_person: dict[int, list[Moment]] = defaultdict(list)
    for m in facts.moments:
        if m.at <= on and m.person.id not in asked_recently:
            by_person[m.person.id].append(m)
    ranked: list[tuple[float, Moment]] = []
    for moments in by_person.values():
        last_negative = max(
            (m.at for m in moments if m.sentiment is Sentiment.NEGATIVE), default=None
        )
        good = [
            m
            for m in moments
            if m.sentiment is Sentiment.POSITIVE
            and m.at >= window_start
            and (last_negative is None or m.at > last_negative)
        ]
        if good:
            best = max(good, key=lambda m: (moment_score(m, on, e.ask_window_days), m.at))
            ranked.append((moment_score(best, on, e.ask_window_days), best))
    ranked.sort(key=lambda pair: (-pair[0], -pair[1].at.timestamp(), pair[1].person.id))
    for score, m in ranked[:limit]:
        note = f" ({m.note})" if m.note else ""
        reason = (
            f"{m.person.name}: your {m.kind} {ago(m.at, on)} went well{note} and you have "
            f"not asked them in {e.ask_spacing_days} days — a good moment to ask, "
            "opening with thanks for it."
        )
        yield item(
            ItemKind.ASK,
            m.person,
            f"person:{m.person.id}",
            m.at + timedelta(days=e.ask_window_days),
            on,
            reason,
            DraftRef("ask", "person", m.person.id),
            f'goodword asks add "#{m.person.id}" --for referral --about "…"',
            bonus=round(score * 5),
        )


def reciprocity(facts: AgendaFacts, on: datetime, limit: int) -> Iterator[AgendaItem]:
    owed = sorted(
        (b for b in facts.balances if b.balance > 0), key=lambda b: (-b.balance, b.person.id)
    )
    for b in owed[:limit]:
        offers = f" You could refer: {'; '.join(b.offers)}." if b.offers else ""
        reason = (
            f"{b.person.name} has given you more than you have given back "
            f"(balance +{b.balance}); return the favour.{offers}"
        )
        yield item(
            ItemKind.RECIPROCATE,
            b.person,
            f"person:{b.person.id}",
            on,
            on,
            reason,
            DraftRef("reciprocal-offer", "person", b.person.id),
            f'goodword referrals give "…" --to "#{b.person.id}"',
            bonus=min(10, b.balance),
        )


def keep_in_touch(facts: AgendaFacts, on: datetime, limit: int) -> Iterator[AgendaItem]:
    due_list = []
    for c in facts.contacts:
        if c.since > on:
            continue
        start = c.last_at if c.last_at is not None else c.since
        due = start + timedelta(days=c.cadence_days)
        if due <= on:
            due_list.append((TIER_RANK.get(c.tier, 9), due, c))
    due_list.sort(key=lambda t: (t[0], t[1], t[2].person.id))
    for _, due, c in due_list[:limit]:
        last = (
            f"your last interaction with {c.person.name} was {ago(c.last_at, on)}"
            if c.last_at
            else f"you have not been in touch with {c.person.name} since adding them"
        )
        late = overdue_days(due, on)
        reason = (
            f"Check in, not only when you need something: {last}, and your {c.tier} "
            f"cadence is every {c.cadence_days} days{late_clause(late)}."
        )
        yield item(
            ItemKind.KEEP_IN_TOUCH,
            c.person,
            f"person:{c.person.id}",
            due,
            on,
            reason,
            DraftRef("check-in", "person", c.person.id),
            f'goodword log "#{c.person.id}" --kind message',
        )
