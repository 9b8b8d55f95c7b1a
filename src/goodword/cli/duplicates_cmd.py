"""``goodword duplicates``, ``goodword merge`` and ``goodword merges``."""

from __future__ import annotations

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json
from goodword.services import duplicates
from goodword.services.duplicates import DuplicateProposal, MergePublic

PROPOSALS: Columns[DuplicateProposal] = Columns(
    "Possible duplicates",
    ["keep", "merge", "why", "to merge"],
    lambda p: [
        f"#{p.keep.id} {p.keep.name}",
        f"#{p.merge.id} {p.merge.name}",
        p.evidence,
        p.command,
    ],
    empty="no duplicates found",
)
MERGES: Columns[MergePublic] = Columns(
    "Merges",
    ["when", "kept", "merged", "moved"],
    lambda m: [
        m.merged_at[:10],
        m.kept_name,
        f"#{m.merged_id} {m.merged_name}",
        ", ".join(f"{n} {k}" for k, n in m.moved.items()) or "—",
    ],
    empty="no merges yet",
)


def find(
    ctx: typer.Context,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List people who look recorded twice, with the evidence; nothing is merged (two
    people who only share a name and a company stay two until you merge them).

    Example: goodword duplicates
    """
    p = paging(limit, every, as_json, as_jsonl)
    emit_page(PROPOSALS, duplicates.find_duplicates(deps.uow(ctx)), p)


def merges(
    ctx: typer.Context,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List the merges made so far: who was kept, who was folded in, what moved.

    Example: goodword merges --json
    """
    p = paging(limit, every, as_json, as_jsonl)
    emit_page(MERGES, duplicates.list_merges(deps.uow(ctx)), p)
