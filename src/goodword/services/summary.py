"""A network at a glance: counts, referrals by stage, open asks, reciprocity leaders."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel
from sqlalchemy import func, select

from goodword.domain.milestones import GIVEN_STAGES, RECEIVED_STAGES
from goodword.schemas.practice import AskPublic, LedgerRow
from goodword.services import ledger
from goodword.services.asks import to_public as ask_public
from goodword.services.referrals import stage_of
from goodword.storage.tables import Ask, Interaction, Organization, Person, Referral
from goodword.storage.unit_of_work import UnitOfWork


class NetworkSummary(BaseModel):
    people: int
    organizations: int
    interactions: int
    received_by_stage: dict[str, int]
    given_by_stage: dict[str, int]
    open_asks: list[AskPublic]
    reciprocity_leaders: list[LedgerRow]


def summarize(uow: UnitOfWork, leaders: int = 5) -> NetworkSummary:
    with uow:
        ws = uow.workspace_id

        def count(model: type[Person] | type[Organization] | type[Interaction]) -> int:
            return (
                uow.session.scalar(
                    select(func.count()).select_from(model).where(model.workspace_id == ws)
                )
                or 0
            )

        stages: dict[str, Counter[str]] = {"received": Counter(), "given": Counter()}
        for referral in uow.session.scalars(select(Referral).where(Referral.workspace_id == ws)):
            stages[referral.direction][stage_of(referral).value] += 1
        open_asks = uow.session.scalars(
            select(Ask)
            .where(Ask.workspace_id == ws, Ask.status == "pending")
            .order_by(Ask.asked_at)
        )
        return NetworkSummary(
            people=count(Person),
            organizations=count(Organization),
            interactions=count(Interaction),
            received_by_stage={s.value: stages["received"][s.value] for s in RECEIVED_STAGES},
            given_by_stage={s.value: stages["given"][s.value] for s in GIVEN_STAGES},
            open_asks=[ask_public(a) for a in open_asks],
            reciprocity_leaders=[row for row in ledger.balance(uow) if row.balance > 0][:leaders],
        )
