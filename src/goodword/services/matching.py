"""Matching: the people whose expertise fits a need, and what the user could offer someone.

Profiles are read with a fixed number of set-based queries and indexed in memory
(domain.matching); people who opted out of matching are never read at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from goodword.domain.errors import InvalidValue
from goodword.domain.matching import LexicalIndex, Match, Profile, blend
from goodword.schemas.matching import MatchPublic, MatchResult, OfferPublic, OfferResult
from goodword.schemas.network import Ref
from goodword.semantic.encoder import Encoder, local_encoder
from goodword.semantic.encoder import available as encoder_available
from goodword.services.embeddings import embedding_matrix, refresh_embeddings, similarities
from goodword.services.lookup import get_owned, resolve_person
from goodword.storage.tables import (
    Note,
    Opportunity,
    OpportunitySkill,
    Organization,
    Person,
    Recommendation,
    Skill,
)
from goodword.storage.unit_of_work import UnitOfWork

MAX_TEXT = 4000


def load_profiles(uow: UnitOfWork) -> list[Profile]:
    ws = uow.workspace_id
    people = uow.session.execute(
        select(Person.id, Person.name, Person.title, Organization.name, Person.looking_for)
        .outerjoin(Organization, Organization.id == Person.organization_id)
        .where(Person.workspace_id == ws, Person.matching_opt_out.is_(False))
        .order_by(Person.id)
    ).all()
    skills: dict[int, list[str]] = defaultdict(list)
    for pid, name in uow.session.execute(
        select(Skill.person_id, Skill.name).where(Skill.workspace_id == ws).order_by(Skill.id)
    ):
        skills[pid].append(name)
    notes: dict[int | None, list[str]] = defaultdict(list)
    for note_of, body in uow.session.execute(
        select(Note.person_id, Note.body).where(
            Note.workspace_id == ws, Note.person_id.is_not(None)
        )
    ):
        notes[note_of].append(body)
    recommended: dict[int, list[str]] = defaultdict(list)
    for pid, text_, skill in uow.session.execute(
        select(Recommendation.person_id, Recommendation.text, Recommendation.skill).where(
            Recommendation.workspace_id == ws, Recommendation.direction == "given"
        )
    ):
        recommended[pid] += [t for t in (text_, skill) if t]
    return [
        Profile(
            person_id=pid,
            name=name,
            skills=tuple(skills[pid]),
            title=title or "",
            company=company or "",
            looking_for=looking or "",
            notes=" ".join(notes[pid])[:MAX_TEXT],
            recommendations=" ".join(recommended[pid])[:MAX_TEXT],
        )
        for pid, name, title, company, looking in people
    ]


def _public(m: Match, profiles: dict[int, Profile]) -> MatchPublic:
    p = profiles[m.person_id]
    return MatchPublic(
        person=Ref(id=m.person_id, name=m.name),
        score=m.score,
        why=m.why(),
        skills=m.skills,
        title=p.title or None,
        company=p.company or None,
    )


def match_people(
    uow: UnitOfWork,
    text: str | None = None,
    opportunity_id: int | None = None,
    limit: int = 10,
    *,
    now: datetime,
    semantic: bool | None = None,
    encoder: Encoder | None = None,
) -> MatchResult:
    """The people whose expertise fits ``text`` or an opportunity, best first, with why.

    ``semantic``: blend in closeness of meaning (default: when the extra is installed);
    only profiles changed since their vector was stored are embedded.
    """
    if not (text and text.strip()) and opportunity_id is None:
        raise InvalidValue("say what is needed: a text, or --opportunity ID")
    with uow:
        skills: list[str] = []
        exclude: list[int] = []
        query = (text or "").strip()
        if opportunity_id is not None:
            opportunity = get_owned(uow, Opportunity, opportunity_id, "opportunity")
            query = " ".join(
                filter(None, [query, opportunity.title, opportunity.description or ""])
            )
            skills = [s.name for s in opportunity.skills]
            exclude = [opportunity.contact_person_id] if opportunity.contact_person_id else []
        profiles = load_profiles(uow)
    index = LexicalIndex(profiles)
    terms = index.query_terms(query, skills)
    lexical = index.scores(terms)
    if semantic is None:
        semantic = encoder is not None or encoder_available()
    if semantic:
        if encoder is None:
            if not encoder_available():
                raise InvalidValue(
                    'the semantic layer is an extra: pip install "goodword[semantic]" '
                    "(or match without --semantic)"
                )
            encoder = local_encoder()
        refresh_embeddings(uow, profiles, encoder, now)
        matrix = embedding_matrix(uow, profiles, encoder.name)
        meaning = similarities(matrix, encoder.encode([" ".join([query, *skills])])[0])
        found = index.rank(blend(lexical, meaning), terms, limit, exclude, similarity=meaning)
    else:
        found = index.rank(lexical, terms, limit, exclude)
    by_id = {p.person_id: p for p in profiles}
    return MatchResult(
        query=query,
        terms=terms,
        semantic=bool(semantic),
        matches=[_public(m, by_id) for m in found],
    )


def _opportunity_profiles(uow: UnitOfWork, not_for: int) -> list[Profile]:
    """Open opportunities as profiles (id, title, skills, organization, description),
    leaving out those the person is the contact for."""
    skills: dict[int, list[str]] = defaultdict(list)
    for oid, name in uow.session.execute(
        select(OpportunitySkill.opportunity_id, OpportunitySkill.name).where(
            OpportunitySkill.workspace_id == uow.workspace_id
        )
    ):
        skills[oid].append(name)
    rows = uow.session.execute(
        select(Opportunity.id, Opportunity.title, Opportunity.description, Organization.name)
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .where(
            Opportunity.workspace_id == uow.workspace_id,
            Opportunity.status == "open",
            Opportunity.contact_person_id.is_distinct_from(not_for),
        )
    )
    return [
        Profile(oid, title, tuple(skills[oid]), title, org or "", notes=description or "")
        for oid, title, description, org in rows
    ]


def offers_for_person(uow: UnitOfWork, person: str, limit: int = 5) -> OfferResult:
    """What the user could refer to this person: openings that fit what they do, people who
    need what they do, and people who do what they look for."""
    with uow:
        who = resolve_person(uow, person)
        me = Ref(id=who.id, name=who.name)
        profiles = load_profiles(uow)
        openings = _opportunity_profiles(uow, who.id)
    mine = next((p for p in profiles if p.person_id == me.id), None)
    if mine is None:  # opted out: nothing is suggested for or about them
        return OfferResult(person=me, offers=[])
    does = " ".join([*mine.skills, mine.title])
    offers: list[OfferPublic] = []
    where = {o.person_id: o.company for o in openings}
    if openings and does.strip():
        for m in LexicalIndex(openings).search(does, mine.skills, limit):
            at = f" at {where[m.person_id]}" if where[m.person_id] else ""
            offers.append(
                OfferPublic(
                    kind="opportunity",
                    about=f"refer them to {m.name}{at}",
                    opportunity_id=m.person_id,
                    score=m.score,
                    why=m.why(),
                )
            )
    needs = [
        Profile(p.person_id, p.name, title=p.looking_for)
        for p in profiles
        if p.looking_for and p.person_id != me.id
    ]
    if needs and does.strip():
        for m in LexicalIndex(needs).search(does, mine.skills, limit):
            offers.append(
                OfferPublic(
                    kind="client",
                    about=f"introduce {m.name}, who looks for what they do",
                    person=Ref(id=m.person_id, name=m.name),
                    score=m.score,
                    why="they look for: " + ", ".join(m.title_words),
                )
            )
    if mine.looking_for:
        for m in LexicalIndex(profiles).search(mine.looking_for, (), limit, exclude=[me.id]):
            offers.append(
                OfferPublic(
                    kind="provider",
                    about=f"introduce them to {m.name}, for what they look for",
                    person=Ref(id=m.person_id, name=m.name),
                    score=m.score,
                    why=m.why(),
                )
            )
    order = {"opportunity": 0, "client": 1, "provider": 2}
    offers.sort(key=lambda o: (order[o.kind], -o.score))
    return OfferResult(person=me, offers=offers[: limit * 3])


def refresh_all_embeddings(
    uow: UnitOfWork, now: datetime, progress: Callable[[int, int], None] | None = None
) -> int:
    """Embed every profile that changed since it was last embedded (the semantic extra)."""
    if not encoder_available():
        raise InvalidValue(
            'the semantic layer is an extra: pip install "goodword[semantic]" '
            "(torch's CPU build first: pip install torch==2.13.0)"
        )
    with uow:
        profiles = load_profiles(uow)
    return refresh_embeddings(uow, profiles, local_encoder(), now, progress)
