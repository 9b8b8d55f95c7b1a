"""Warm introductions to a person or an organization, over the network as recorded.

The graph: you know people as strongly as their stored relationship strength says
(domain.strength, fading with a half-life of 180 days since it was recomputed; people
never scored count by their last contact); people you recorded as knowing each other (goodword knows); a
referrer knows whom they referred; two people you referred to
each other know each other; the target's colleagues at their organization know them
(weakly), and people who worked there before them or with them (more weakly). Paths
come from domain.intro_graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import Engine, or_, select

from goodword.domain.errors import NotFound
from goodword.domain.intro_graph import StrengthGraph
from goodword.schemas.network import Ref
from goodword.services.lookup import parse_id, resolve_org, resolve_person
from goodword.services.team_network import member_links
from goodword.storage.raw_rows import raw_rows
from goodword.storage.tables import Knows, PastPosition, Person, Referral
from goodword.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


YOU = 0
#: How strongly you know someone you were in touch with just now, and how fast it fades.
IN_TOUCH = 0.9
IN_TOUCH_HALF_LIFE_DAYS = 180
MIN_LINK = 0.05
REFERRER_KNOWS_REFERRED = 0.6
REFERRED_TO_EACH_OTHER = 0.5
COLLEAGUES = 0.2
PAST_COLLEAGUES = 0.1


class Link(BaseModel):
    person: Ref
    strength: float


class IntroPathPublic(BaseModel):
    score: float
    chain: list[Link]
    ask_first: Ref
    why: str


def _array(values: Iterable[Any], dtype: type[Any]) -> NDArray[Any]:
    import numpy as np

    return np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=dtype)


class Edges:
    """Links gathered in chunks (single links, and whole arrays from large queries), joined
    into one graph at the end."""

    def __init__(self) -> None:

        self.single: list[tuple[int, int, float]] = []
        self.chunks: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]] = []

    def add(self, a: int, b: int, strength: float) -> None:
        self.single.append((a, b, strength))

    def extend(self, a: Iterable[int], b: Iterable[int], strength: Iterable[float]) -> None:
        import numpy as np

        self.chunks.append((_array(a, np.int64), _array(b, np.int64), _array(strength, np.float64)))

    def graph(self) -> StrengthGraph:
        import numpy as np

        if self.single:
            a, b, s = zip(*self.single, strict=True)
            self.extend(a, b, s)
            self.single = []
        if not self.chunks:
            return StrengthGraph([], [], [])
        return StrengthGraph(
            np.concatenate([c[0] for c in self.chunks]),
            np.concatenate([c[1] for c in self.chunks]),
            np.concatenate([c[2] for c in self.chunks]),
        )


def network_edges(uow: UnitOfWork, now: datetime) -> Edges:
    """Every link the workspace implies: you and whom you are in touch with (fading),
    referrals, and who knows whom. A few set-based queries, whatever the network's size."""
    import numpy as np

    ws = uow.workspace_id
    edges = Edges()
    rows = uow.session.execute(
        select(Person.id, Person.strength, Person.strength_at, Person.last_interaction_at).where(
            Person.workspace_id == ws,
            or_(Person.strength_at.is_not(None), Person.last_interaction_at.is_not(None)),
        )
    ).all()
    for pid, score, scored_at, last in rows:
        if scored_at is not None and scored_at <= now:
            link = your_link(score, scored_at, now)
        elif last is not None and last <= now:
            link = in_touch(last, now)
        else:
            continue
        if link > 0:
            edges.add(YOU, pid, link)
    for direction, referrer, referred, recipient in uow.session.execute(
        select(
            Referral.direction,
            Referral.referrer_id,
            Referral.referred_person_id,
            Referral.recipient_person_id,
        ).where(Referral.workspace_id == ws)
    ):
        if direction == "received" and referrer and referred:
            edges.add(referrer, referred, REFERRER_KNOWS_REFERRED)
        if direction == "given" and referred and recipient:
            edges.add(referred, recipient, REFERRED_TO_EACH_OTHER)
    knows = raw_rows(
        uow,
        select(Knows.person_a_id, Knows.person_b_id, Knows.strength).where(
            Knows.workspace_id == ws
        ),
    )
    if knows:
        table = np.array(knows, dtype=np.float64)
        edges.extend(table[:, 0].astype(np.int64), table[:, 1].astype(np.int64), table[:, 2])
    return edges


def _targets(uow: UnitOfWork, target: str) -> list[int]:
    try:
        return [resolve_person(uow, target).id]
    except NotFound:
        if parse_id(target) is not None:
            raise
    try:
        org = resolve_org(uow, target)
    except NotFound:
        raise NotFound(f"no person or organization matches '{target}'") from None
    return list(uow.session.scalars(select(Person.id).where(Person.organization_id == org.id)))


def _colleague_edges(uow: UnitOfWork, targets: list[int], edges: Edges) -> None:
    """The target's colleagues know them, weakly: current colleagues at their organization,
    and — more weakly — anyone who worked where they work or used to work."""
    ws = uow.workspace_id
    now_at: dict[int, int | None] = dict(
        uow.session.execute(
            select(Person.id, Person.organization_id).where(Person.id.in_(targets))
        ).all()
    )
    orgs_of: dict[int, set[int]] = {t: {o} if (o := now_at.get(t)) else set() for t in targets}
    for pid, org in uow.session.execute(
        select(PastPosition.person_id, PastPosition.organization_id).where(
            PastPosition.workspace_id == ws, PastPosition.person_id.in_(targets)
        )
    ):
        orgs_of[pid].add(org)
    wanted = set().union(*orgs_of.values())
    if not wanted:
        return
    members: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for pid, at in uow.session.execute(
        select(Person.id, Person.organization_id).where(
            Person.workspace_id == ws, Person.organization_id.in_(wanted)
        )
    ):
        if at is not None:
            members[at].append((pid, True))
    for pid, org in uow.session.execute(
        select(PastPosition.person_id, PastPosition.organization_id).where(
            PastPosition.workspace_id == ws, PastPosition.organization_id.in_(wanted)
        )
    ):
        members[org].append((pid, False))
    for t, orgs in orgs_of.items():
        for org in orgs:
            for other, other_now in members[org]:
                both_now = now_at.get(t) == org and other_now
                edges.add(t, other, COLLEAGUES if both_now else PAST_COLLEAGUES)


def your_link(score: int, scored_at: datetime, now: datetime) -> float:
    """How strongly you know someone: their stored relationship strength (0–100), fading
    with the same half-life since it was last recomputed; none below the weakest link."""
    if score <= 0:
        return 0.0
    age = (now - scored_at).total_seconds() / 86400
    return float(max(MIN_LINK, min(1.0, score / 100) * 0.5 ** (age / IN_TOUCH_HALF_LIFE_DAYS)))


def in_touch(last: datetime, now: datetime) -> float:
    """How strongly you know someone you were last in touch with at ``last``."""
    age = (now - last).total_seconds() / 86400
    return float(max(MIN_LINK, IN_TOUCH * 0.5 ** (age / IN_TOUCH_HALF_LIFE_DAYS)))


def intro_paths(
    uow: UnitOfWork,
    target: str,
    now: datetime,
    hops: int = 3,
    limit: int = 3,
    *,
    asking_user: int | None = None,
) -> list[IntroPathPublic]:
    """The strongest chains to a person or an organization. ``asking_user``: in a team
    workspace, the member asking; every member's own network then joins the graph."""
    with uow:
        targets = _targets(uow, target)
        edges = network_edges(uow, now)
        _colleague_edges(uow, targets, edges)
        teammates: dict[int, str] = {}
        if asking_user is not None:
            engine = uow.session.get_bind()
            assert isinstance(engine, Engine)
            teammates = member_links(
                engine, uow.workspace_id, asking_user, YOU, now, in_touch, edges.add
            )
        graph = edges.graph()
        found = sorted(
            (c for t in targets for c in graph.best_chains(YOU, t, hops, limit)),
            key=lambda c: (-c.score, c.hops, c.people),
        )[:limit]
        on_paths = {p for c in found for p in c.people if p != YOU}
        rows = uow.session.execute(select(Person.id, Person.name).where(Person.id.in_(on_paths)))
        names: dict[int, str] = dict(rows.all()) | teammates
        return [_public(c.people, c.score, graph, names) for c in found]


def _public(
    people: tuple[int, ...], score: float, graph: StrengthGraph, names: dict[int, str]
) -> IntroPathPublic:
    chain = [
        Link(person=Ref(id=b, name=names[b]), strength=round(graph.strength(a, b), 3))
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
