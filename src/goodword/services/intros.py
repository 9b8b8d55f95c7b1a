"""Warm introductions to a person or an organization, over the network as recorded.

The graph: you know the people you are in touch with (strong when recent, fading with a
half-life of 180 days); people you recorded as knowing each other (goodword knows); a
referrer knows whom they referred; two people you referred to
each other know each other; the target's colleagues at their organization know them
(weakly). Paths come from domain.intro_paths.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import pairwise

from pydantic import BaseModel
from sqlalchemy import select

from goodword.domain.errors import NotFound
from goodword.domain.intro_paths import best_paths
from goodword.schemas.network import Ref
from goodword.services.lookup import parse_id, resolve_org, resolve_person
from goodword.storage.tables import Knows, Person, Referral
from goodword.storage.unit_of_work import UnitOfWork

YOU = 0
#: How strongly you know someone you were in touch with just now, and how fast it fades.
IN_TOUCH = 0.9
IN_TOUCH_HALF_LIFE_DAYS = 180
MIN_LINK = 0.05
REFERRER_KNOWS_REFERRED = 0.6
REFERRED_TO_EACH_OTHER = 0.5
COLLEAGUES = 0.2


class Link(BaseModel):
    person: Ref
    strength: float


class IntroPathPublic(BaseModel):
    score: float
    chain: list[Link]
    ask_first: Ref
    why: str


def _link(graph: dict[int, dict[int, float]], a: int, b: int, strength: float) -> None:
    if a != b:
        graph[a][b] = max(graph[a].get(b, 0.0), strength)
        graph[b][a] = max(graph[b].get(a, 0.0), strength)


def intro_paths(
    uow: UnitOfWork, target: str, now: datetime, hops: int = 3, limit: int = 3
) -> list[IntroPathPublic]:
    with uow:
        ws = uow.workspace_id
        try:
            targets = [resolve_person(uow, target).id]
        except NotFound:
            if parse_id(target) is not None:
                raise
            try:
                org = resolve_org(uow, target)
            except NotFound:
                raise NotFound(f"no person or organization matches '{target}'") from None
            targets = list(
                uow.session.scalars(select(Person.id).where(Person.organization_id == org.id))
            )
        graph: dict[int, dict[int, float]] = defaultdict(dict)
        names: dict[int, str] = {YOU: "You"}
        for pid, name, last in uow.session.execute(
            select(Person.id, Person.name, Person.last_interaction_at).where(
                Person.workspace_id == ws
            )
        ):
            names[pid] = name
            if last is not None and last <= now:
                age = (now - last).total_seconds() / 86400
                _link(
                    graph,
                    YOU,
                    pid,
                    max(MIN_LINK, IN_TOUCH * 0.5 ** (age / IN_TOUCH_HALF_LIFE_DAYS)),
                )
        for direction, referrer, referred, recipient in uow.session.execute(
            select(
                Referral.direction,
                Referral.referrer_id,
                Referral.referred_person_id,
                Referral.recipient_person_id,
            ).where(Referral.workspace_id == ws)
        ):
            if direction == "received" and referrer and referred:
                _link(graph, referrer, referred, REFERRER_KNOWS_REFERRED)
            if direction == "given" and referred and recipient:
                _link(graph, referred, recipient, REFERRED_TO_EACH_OTHER)
        for a, b, strength in uow.session.execute(
            select(Knows.person_a_id, Knows.person_b_id, Knows.strength).where(
                Knows.workspace_id == ws
            )
        ):
            _link(graph, a, b, strength)
        orgs = set(
            uow.session.scalars(
                select(Person.organization_id).where(
                    Person.id.in_(targets), Person.organization_id.is_not(None)
                )
            )
        )
        colleagues: dict[int, list[int]] = defaultdict(list)
        for pid, org_id in uow.session.execute(
            select(Person.id, Person.organization_id).where(
                Person.workspace_id == ws, Person.organization_id.in_(orgs)
            )
        ):
            if org_id is not None:
                colleagues[org_id].append(pid)
        for members in colleagues.values():
            for t in set(members) & set(targets):
                for other in members:
                    _link(graph, t, other, COLLEAGUES)
        found = sorted(
            (path for t in targets for path in best_paths(graph, YOU, t, hops, limit)),
            key=lambda p: (-p.score, p.hops, p.people),
        )[:limit]
        return [_public(path.people, path.score, graph, names) for path in found]


def _public(
    people: tuple[int, ...], score: float, graph: dict[int, dict[int, float]], names: dict[int, str]
) -> IntroPathPublic:
    chain = [
        Link(person=Ref(id=b, name=names[b]), strength=round(graph[a][b], 3))
        for a, b in pairwise(people)
    ]
    first = chain[0].person
    if len(chain) == 1:
        why = f"you already know {first.name}: reach out directly"
    else:
        why = (
            f"you know {first.name} best along this chain (link {chain[0].strength:.2f}); "
            f"ask {first.name} to introduce you to {chain[1].person.name}"
        )
    return IntroPathPublic(score=round(score, 4), chain=chain, ask_first=first, why=why)
