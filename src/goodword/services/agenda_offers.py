"""What the user could offer a person in return (seed 000: refer a colleague whose
expertise fits an opportunity): open opportunities that want their skills, and people in
the network whose skills fit an opening they are the contact for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select

from goodword.storage.tables import Opportunity, OpportunitySkill, Organization, Person, Skill
from goodword.storage.unit_of_work import UnitOfWork

MAX_OFFERS = 3


def offers_for(uow: UnitOfWork, person_ids: Sequence[int]) -> dict[int, list[str]]:
    if not person_ids:
        return {}
    ws = uow.workspace_id
    wanted: dict[int, set[str]] = defaultdict(set)
    opportunities: dict[int, tuple[str, str | None, int | None]] = {}
    for oid, title, org, contact, skill in uow.session.execute(
        select(
            Opportunity.id,
            Opportunity.title,
            Organization.name,
            Opportunity.contact_person_id,
            OpportunitySkill.name,
        )
        .outerjoin(Organization, Organization.id == Opportunity.organization_id)
        .join(OpportunitySkill, OpportunitySkill.opportunity_id == Opportunity.id)
        .where(Opportunity.workspace_id == ws, Opportunity.status == "open")
    ):
        opportunities[oid] = (title, org, contact)
        wanted[oid].add(skill.lower())
    if not opportunities:
        return {}
    skills: dict[int, set[str]] = defaultdict(set)
    for pid, name in uow.session.execute(
        select(Skill.person_id, Skill.name).where(Skill.person_id.in_(person_ids))
    ):
        skills[pid].add(name.lower())
    opted_out = set(
        uow.session.scalars(
            select(Person.id).where(Person.id.in_(person_ids), Person.matching_opt_out.is_(True))
        )
    )
    offers: dict[int, list[str]] = defaultdict(list)
    for pid in person_ids:
        if pid in opted_out:
            continue
        for oid, (job, company, contact_id) in opportunities.items():
            fit = sorted(skills[pid] & wanted[oid])
            if fit and contact_id != pid:
                at = f" at {company}" if company else ""
                offers[pid].append(f"them to {job}{at} (wants {', '.join(fit)})")
    hiring = {oid: o for oid, o in opportunities.items() if o[2] in set(person_ids)}
    if hiring:
        all_wanted = {s for oid in hiring for s in wanted[oid]}
        candidates = uow.session.execute(
            select(Skill.person_id, Person.name, func.lower(Skill.name))
            .join(Person, Person.id == Skill.person_id)
            .where(
                Skill.workspace_id == ws,
                func.lower(Skill.name).in_(all_wanted),
                Person.matching_opt_out.is_(False),
            )
            .order_by(Person.name)
            .limit(200)
        ).all()
        for oid, (title, _, contact) in hiring.items():
            assert contact is not None
            fits = sorted(
                {name for pid, name, skill in candidates if skill in wanted[oid] and pid != contact}
            )
            if fits:
                offers[contact].append(f"{', '.join(fits[:2])} for their {title} opening")
    return {pid: found[:MAX_OFFERS] for pid, found in offers.items()}
