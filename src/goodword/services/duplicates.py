"""Finding people recorded twice: the same email, link or phone on two records, or nearly
the same name at the same company. Proposals only — merging is the user's decision."""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import combinations

from pydantic import BaseModel
from sqlalchemy import select

from goodword.interop.identity import normalise_email, normalise_phone, normalise_url
from goodword.schemas.network import Ref
from goodword.storage.tables import ContactPoint, MergeRecord, Organization, Person
from goodword.storage.unit_of_work import UnitOfWork

#: How alike two names must be (rapidfuzz token-sort ratio, 0–100) to propose a merge.
NAME_SIMILARITY = 88


class DuplicateProposal(BaseModel):
    keep: Ref
    merge: Ref
    evidence: str
    command: str


class MergePublic(BaseModel):
    id: int
    kept: Ref | None
    kept_name: str
    merged_id: int
    merged_name: str
    moved: dict[str, int]
    merged_at: str


def find_duplicates(uow: UnitOfWork) -> list[DuplicateProposal]:
    from rapidfuzz import fuzz  # loaded when used: every command imports this module, few need it

    with uow:
        ws = uow.workspace_id
        names: dict[int, str] = {
            row[0]: row[1]
            for row in uow.session.execute(
                select(Person.id, Person.name).where(Person.workspace_id == ws)
            )
        }
        proposals: dict[tuple[int, int], str] = {}
        shared: dict[tuple[str, str], set[int]] = defaultdict(set)
        held: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        normal = {"email": normalise_email, "url": normalise_url, "phone": normalise_phone}
        for pid, kind, value in uow.session.execute(
            select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value).where(
                ContactPoint.workspace_id == ws, ContactPoint.kind.in_(list(normal))
            )
        ):
            key = normal[kind](value)
            if key:
                shared[(kind, key)].add(pid)
                held[pid][kind].add(key)
        for (kind, value), holders in shared.items():
            for a, b in combinations(sorted(holders), 2):
                proposals.setdefault((a, b), f"both have the {kind} {value}")
        by_company: dict[int, list[int]] = defaultdict(list)
        companies: dict[int, str] = {}
        for pid, oid, org in uow.session.execute(
            select(Person.id, Person.organization_id, Organization.name)
            .join(Organization, Organization.id == Person.organization_id)
            .where(Person.workspace_id == ws)
        ):
            if oid is not None:
                by_company[oid].append(pid)
                companies[oid] = org
        for oid, ids in by_company.items():
            for a, b in combinations(sorted(ids), 2):
                score = fuzz.token_sort_ratio(names[a].lower(), names[b].lower())
                if score >= NAME_SIMILARITY and (a, b) not in proposals:
                    alike = (
                        f"the same name, both at {companies[oid]}"
                        if names[a].lower() == names[b].lower()
                        else f"names '{names[a]}' and '{names[b]}' are "
                        f"{score:.0f}% alike, both at {companies[oid]}"
                    )
                    proposals[(a, b)] = alike + _differ(held[a], held[b])
        return [
            DuplicateProposal(
                keep=Ref(id=a, name=names[a]),
                merge=Ref(id=b, name=names[b]),
                evidence=why,
                command=f'goodword merge "#{a}" "#{b}"',
            )
            for (a, b), why in sorted(proposals.items())
        ]


WORDS = {"email": "emails", "url": "LinkedIn links", "phone": "phone numbers"}


def _differ(a: dict[str, set[str]], b: dict[str, set[str]]) -> str:
    """Name and company alone never make one person: say when their keys disagree."""
    differ = [WORDS[kind] for kind in WORDS if a.get(kind) and b.get(kind)]
    if not differ:
        return ""
    return f" — but their {' and '.join(differ)} differ: merge only if they are one person"


def list_merges(uow: UnitOfWork) -> list[MergePublic]:
    with uow:
        rows = uow.session.scalars(
            select(MergeRecord)
            .where(MergeRecord.workspace_id == uow.workspace_id)
            .order_by(MergeRecord.merged_at)
        )
        return [
            MergePublic(
                id=m.id,
                kept=Ref(id=m.kept_id, name=m.kept_name) if m.kept_id else None,
                kept_name=m.kept_name,
                merged_id=m.merged_id,
                merged_name=m.merged_name,
                moved=json.loads(m.moved),
                merged_at=m.merged_at.isoformat(),
            )
            for m in rows
        ]
