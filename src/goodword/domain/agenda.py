"""The agenda: what the referral practice says to do on a day, most important first.

``build_agenda`` is a pure function of the facts, the day and the etiquette numbers. Every
item carries its reason in words, the command that drafts its message, and the command
that records it as done — after which the item is gone, because the rules look only at
what has been recorded.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from goodword.domain import agenda_courtesies as courtesy
from goodword.domain import agenda_obligations as owed
from goodword.domain import agenda_suggestions as suggest
from goodword.domain import history
from goodword.domain.agenda_facts import AgendaFacts
from goodword.domain.agenda_items import AgendaItem, ItemKind
from goodword.domain.etiquette import Etiquette


def build_agenda(
    facts: AgendaFacts, on: datetime, etiquette: Etiquette, suggestions: int = 10
) -> list[AgendaItem]:
    """Everything owed or worth doing on ``on``, most important first. Suggestions (asks,
    reciprocity, keep-in-touch) are capped at ``suggestions`` each; debts are all listed."""
    debts = _questions_first(
        [
            *owed.referral_items(facts, on, etiquette),
            *courtesy.recommendation_thanks(facts, on, etiquette),
            *courtesy.ask_items(facts, on, etiquette),
            *courtesy.reference_items(facts, on, etiquette),
            *courtesy.recommend_items(facts, on, etiquette),
        ]
    )
    # Never suggest asking someone — nor returning their favour — while they are still
    # owed a thank-you or news (seed 001): thanks first.
    owed_gratitude = {
        i.person.id
        for i in debts
        if i.person and i.kind in (ItemKind.THANK, ItemKind.UPDATE_REFERRER)
    }
    items = [
        *debts,
        *suggest.ask_suggestions(facts, on, etiquette, suggestions, exclude=owed_gratitude),
        *suggest.reciprocity(facts, on, suggestions, etiquette, exclude=owed_gratitude),
        *suggest.keep_in_touch(facts, on, suggestions),
        *history.catch_up(facts.backlog, on),
    ]
    return sorted(items, key=lambda i: (-i.priority, i.due, i.key))


def _questions_first(items: list[AgendaItem]) -> list[AgendaItem]:
    """Seed 003: a referral's qualifying questions come before reaching out to the person
    referred, however late the contact step is by now (thank, qualify, contact)."""
    asked = {i.about: i.priority for i in items if i.kind is ItemKind.QUALIFY}
    return [
        replace(i, priority=min(i.priority, asked[i.about] - 1))
        if i.kind is ItemKind.CONTACT and i.about in asked
        else i
        for i in items
    ]
