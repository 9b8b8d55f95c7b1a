"""Suggestions: whom to ask now (seed 004), whom to give back to, whom to check in with
(seed 001). Only the best few of each kind are listed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from goodword.domain.agenda_facts import AgendaFacts, Balance, Moment
from goodword.domain.agenda_items import (
    AgendaItem,
    DraftRef,
    ItemKind,
    item,
    late_clause,
    overdue_days,
)
from goodword.domain.dates import days_between
from goodword.domain.etiquette import Etiquette
from goodword.domain.history import HISTORY_PACE, is_history
from goodword.domain.person_dates import AHEAD_DAYS, KeptDay
from goodword.domain.time_words import ago, since
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


#: How far a balance must lean before "return the favour" is suggested: two referrals
#: thanked (3 + 3 − 1 − 1), not one referral the day after it came (seed 004's reciprocity
#: is a habit, not a receipt).
LEANS = 4


def leans(b: Balance) -> bool:
    """Whether the user owes ``b.person`` a favour worth suggesting: the balance leans, or
    one of their referrals was won, and it is not yet returned."""
    return b.balance > 0 and (b.balance >= LEANS or b.won)


def reciprocity(
    facts: AgendaFacts,
    on: datetime,
    limit: int,
    e: Etiquette | None = None,
    exclude: set[int] | None = None,
) -> Iterator[AgendaItem]:
    """Whom to give back to: everyone whose recent favours are unreturned, and — a few at a
    time, not a decade's worth at once — those whose favours are history. Never next to a
    thank-you still owed (``exclude``): thanks come first, the favour after."""
    skip = exclude or set()
    owed = sorted(
        (b for b in facts.balances if leans(b) and b.person.id not in skip),
        key=lambda b: (-b.balance, b.person.id),
    )
    etiquette = e or Etiquette()
    recent = [
        b
        for b in owed
        if b.last_favour_at is None or not is_history(b.last_favour_at, on, etiquette)
    ]
    old = [b for b in owed if b not in recent][:HISTORY_PACE]
    chosen = sorted([*recent, *old], key=lambda b: (-b.balance, b.person.id))[:limit]
    for b in chosen:
        offers = f" You could refer: {'; '.join(b.offers)}." if b.offers else ""
        won = " — and one of their referrals was won" if b.won else ""
        reason = (
            f"{b.person.name} has given you more than you have given back "
            f"(balance +{b.balance}){won}; return the favour.{offers}"
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


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _when(day: date, today: date) -> str:
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    return f"on {WEEKDAYS[day.weekday()]} {day.day} {day.strftime('%B')}"


def kept_days(facts: AgendaFacts, on: datetime) -> Iterator[AgendaItem]:
    """A birthday or an anniversary is a natural moment to check in — never to ask."""
    today = on.date()
    seen: set[int] = set()
    for d in sorted(facts.days, key=lambda d: (d.kind != "birthday", d.person.id)):
        if d.person.id in seen:
            continue
        if d.last_at is not None and days_between(d.last_at, on) <= 2:
            continue  # in touch in the last days: wished them well already
        when = KeptDay(d.month, d.day, d.year).next_on_or_after(today)
        if (when - today).days > AHEAD_DAYS:
            continue
        seen.add(d.person.id)
        what = (
            f"{d.person.name}'s birthday"
            if d.kind == "birthday"
            else (f"{d.person.name}'s anniversary")
        )
        turns = f" (they turn {when.year - d.year})" if d.year and d.kind == "birthday" else ""
        reason = (
            f"It is {what} {_when(when, today)}{turns}: a natural moment to check in and wish "
            "them well — no ask attached."
        )
        yield item(
            ItemKind.KEEP_IN_TOUCH,
            d.person,
            f"person:{d.person.id}",
            datetime.combine(when, time(12), on.tzinfo),
            on,
            reason,
            DraftRef("check-in", "person", d.person.id),
            f'goodword log "#{d.person.id}" --kind message',
            bonus=10,
        )


def keep_in_touch(facts: AgendaFacts, on: datetime, limit: int) -> Iterator[AgendaItem]:
    """Birthdays and anniversaries first, then the longest-overdue cadences (one item per
    person, ``limit`` in all)."""
    special = list(kept_days(facts, on))[:limit]
    yield from special
    limit -= len(special)
    wished = {i.person.id for i in special if i.person}
    due_list = []
    for c in facts.contacts:
        if c.since > on or c.person.id in wished:
            continue
        # Counted from when they were added at the earliest: someone known only from a
        # 2014 connection imported today is due a check-in one cadence from today.
        start = max(c.last_at, c.since) if c.last_at is not None else c.since
        due = start + timedelta(days=c.cadence_days)
        if due <= on:
            due_list.append((TIER_RANK.get(c.tier, 9), due, c))
    due_list.sort(key=lambda t: (t[0], t[1], t[2].person.id))
    for _, due, c in due_list[:limit]:
        if c.last_at is None:
            last = f"you have not been in touch with {c.person.name} since adding them"
        elif c.last_at < c.since:
            last = (
                f"you have not been in touch with {c.person.name} {since(c.last_at, on)} "
                f"(you added them {ago(c.since, on)})"
            )
        else:
            last = f"your last interaction with {c.person.name} was {ago(c.last_at, on)}"
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
