"""Opportunities someone could be referred to: a job, a project, a client need, a partnership."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.domain.errors import RuleViolation
from goodword.domain.vocabulary import OpportunityStatus, parse_choice
from goodword.schemas.practice import OpportunityCreate, OpportunityPublic
from goodword.services.lookup import get_owned, ref, resolve_person
from goodword.services.organizations import company_for
from goodword.storage.tables import Opportunity, OpportunitySkill
from goodword.storage.unit_of_work import UnitOfWork


def to_public(o: Opportunity) -> OpportunityPublic:
    return OpportunityPublic(
        id=o.id,
        title=o.title,
        description=o.description,
        skills=[s.name for s in o.skills],
        organization=ref(o.organization),
        contact=ref(o.contact),
        status=o.status,
        created_at=o.created_at,
    )


def add_opportunity(uow: UnitOfWork, data: OpportunityCreate, now: datetime) -> OpportunityPublic:
    with uow:
        opportunity = Opportunity(
            workspace_id=uow.workspace_id,
            title=data.title.strip(),
            description=data.description or None,
            organization=company_for(uow, data.organization, now),
            contact=resolve_person(uow, data.contact) if data.contact else None,
            status=OpportunityStatus.OPEN.value,
            created_at=now,
        )
        seen: set[str] = set()
        for raw in data.skills:
            for name in (part.strip() for part in raw.split(",")):
                if name and name.lower() not in seen:
                    seen.add(name.lower())
                    opportunity.skills.append(
                        OpportunitySkill(workspace_id=uow.workspace_id, name=name)
                    )
        uow.session.add(opportunity)
        uow.session.flush()
        result = to_public(opportunity)
        uow.commit()
        return result


def close_opportunity(uow: UnitOfWork, opportunity_id: int) -> OpportunityPublic:
    with uow:
        opportunity = get_owned(uow, Opportunity, opportunity_id, "opportunity")
        if opportunity.status == OpportunityStatus.CLOSED.value:
            raise RuleViolation(f"opportunity #{opportunity_id} is already closed")
        opportunity.status = OpportunityStatus.CLOSED.value
        result = to_public(opportunity)
        uow.commit()
        return result


def show_opportunity(uow: UnitOfWork, opportunity_id: int) -> OpportunityPublic:
    with uow:
        return to_public(get_owned(uow, Opportunity, opportunity_id, "opportunity"))


def list_opportunities(uow: UnitOfWork, status: str | None = None) -> list[OpportunityPublic]:
    with uow:
        query = select(Opportunity).where(Opportunity.workspace_id == uow.workspace_id)
        if status:
            query = query.where(
                Opportunity.status
                == parse_choice(OpportunityStatus, status, "opportunity status").value
            )
        return [to_public(o) for o in uow.session.scalars(query.order_by(Opportunity.id))]
