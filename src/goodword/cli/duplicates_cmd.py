"""``goodword duplicates``, ``goodword merge`` and ``goodword merges``."""

from __future__ import annotations

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import emit, table
from goodword.services import duplicates
from goodword.services.duplicates import DuplicateProposal, MergePublic


def show_proposals(rows: list[DuplicateProposal]) -> None:
    table(
        "Possible duplicates",
        ["keep", "merge", "why", "to merge"],
        [
            [f"#{p.keep.id} {p.keep.name}", f"#{p.merge.id} {p.merge.name}", p.evidence, p.command]
            for p in rows
        ],
        empty="no duplicates found",
    )


def find(ctx: typer.Context, as_json: Json = False) -> None:
    """List people who look recorded twice, with the evidence; nothing is merged.

    Example: goodword duplicates
    """
    emit(as_json, duplicates.find_duplicates(deps.uow(ctx)), show_proposals)


def merges(ctx: typer.Context, as_json: Json = False) -> None:
    """List the merges made so far: who was kept, who was folded in, what moved.

    Example: goodword merges --json
    """

    def show(rows: list[MergePublic]) -> None:
        table(
            "Merges",
            ["when", "kept", "merged", "moved"],
            [
                [
                    m.merged_at[:10],
                    m.kept_name,
                    f"#{m.merged_id} {m.merged_name}",
                    ", ".join(f"{n} {k}" for k, n in m.moved.items()) or "—",
                ]
                for m in rows
            ],
            empty="no merges yet",
        )

    emit(as_json, duplicates.list_merges(deps.uow(ctx)), show)
