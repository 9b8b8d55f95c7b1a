"""The facts for an introduction request: whom to ask first, whom they would introduce you
to, and something true and good to say about that person (seeds 003 and 004: speak well
of the people who carry your name along)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from goodword.domain.errors import NotFound, RuleViolation
from goodword.services.draft_words import clause, first_name
from goodword.services.intros import intro_paths
from goodword.services.lookup import get_owned
from goodword.storage.tables import Brief, Person
from goodword.storage.unit_of_work import UnitOfWork


def _role(person: Person) -> str | None:
    company = person.organization.name if person.organization else None
    if person.title and company:
        return f"{person.title} at {company}"
    return person.title or company


def _strengths(person: Person) -> str | None:
    skills = [s.name for s in person.skills][:2]
    return " and ".join(skills) if skills else None


def intro_request(uow: UnitOfWork, target: Person, now: datetime) -> tuple[dict[str, Any], Person]:
    paths = intro_paths(uow, f"#{target.id}", now, hops=3, limit=1)
    if not paths:
        raise NotFound(
            f"no chain of people reaches {target.name} within 3 hops; record who knows whom "
            "(goodword knows A B --strength 0.6)"
        )
    chain = paths[0].chain
    if len(chain) == 1:
        raise RuleViolation(
            f"you know {target.name} yourself: no introduction needed "
            f"(goodword draft check-in --person {target.id})"
        )
    ask = get_owned(uow, Person, chain[0].person.id, "person")
    nxt = get_owned(uow, Person, chain[1].person.id, "person")
    brief = uow.session.get(Brief, uow.workspace_id)
    context = {
        "first_name": first_name(ask.name),
        "next_name": nxt.name,
        "next_first": first_name(nxt.name),
        "next_role": _role(nxt),
        "next_strengths": _strengths(nxt),
        "target": target.name,
        "target_role": _role(target),
        "direct": nxt.id == target.id,
        "looking_for": clause(brief.looking_for) if brief and brief.looking_for else None,
        "chain": " → ".join(["you", *(link.person.name for link in chain)]),
    }
    return context, ask
