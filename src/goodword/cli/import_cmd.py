"""``goodword import …``: bring a network in from LinkedIn, phones and contact lists."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_list, paging
from goodword.cli.options import Json
from goodword.cli.render import console, day, done, emit, table, warn
from goodword.interop import google_contacts, linkedin, mapped_csv, vcard
from goodword.interop.incoming import ImportBatch
from goodword.services import import_batches, import_undo, importing
from goodword.services.collector_pause import collector_paused
from goodword.services.import_batches import ImportBatchPublic
from goodword.services.importing import ImportReport

app = typer.Typer(
    help="Import: LinkedIn export, vCard, Google Contacts, any CSV.", no_args_is_help=True
)
Source = Annotated[Path, typer.Argument(help="The file (or folder) to import.")]


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on a terminal; nothing under --json or when output is not a TTY."""
    if quiet or not console.is_terminal:
        yield lambda done_, total: None
        return
    with Progress(
        TextColumn("Importing"), BarColumn(), TaskProgressColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("import", total=None)
        yield lambda done_, total: bar.update(task, completed=done_, total=total)


def show_report(r: ImportReport) -> None:
    matched = f" ({importing.matched_words(r)})" if r.matched else ""
    repeated = f", {r.repeated:,} repeated rows joined" if r.repeated else ""
    done(
        f"{r.source}: {r.created:,} created, {r.matched:,} already known{matched} — "
        f"{r.updated:,} of them updated, {r.unchanged:,} unchanged{repeated}; "
        f"{r.recommendations:,} recommendations, {r.interactions:,} interactions"
        + (
            f" (import #{r.batch}: `goodword import undo {r.batch}` takes it back)"
            if r.batch
            else ""
        )
    )
    if r.files:
        console.print(
            "files read: " + ", ".join(f"{n} ({c})" for n, c in r.files.items()), markup=False
        )
    if r.unknown_files:
        console.print("ignored (not read): " + ", ".join(r.unknown_files), markup=False)
    if r.skipped:
        table("Skipped", ["file", "line", "why"], [[p.file, p.line, p.reason] for p in r.skipped])
    for p in r.errors:
        warn(f"{p.file}, line {p.line}: {p.reason}")


def run(ctx: typer.Context, read: Callable[[], ImportBatch], as_json: bool) -> None:
    with collector_paused():  # reading builds as many objects as importing
        batch = read()
        with progress_bar(as_json) as progress:
            report = importing.import_batch(deps.uow(ctx), batch, deps.clock(), progress)
    emit(as_json, report, show_report)


@app.command("linkedin")
def import_linkedin(ctx: typer.Context, path: Source, as_json: Json = False) -> None:
    """Import LinkedIn's "Get a copy of your data" export (the zip, or its folder):
    connections, recommendations, endorsements, invitations and your own skills.

    Example: goodword import linkedin ~/Downloads/Basic_LinkedInDataExport_11-22-2026.zip
    """
    run(ctx, lambda: linkedin.read_export(path.expanduser()), as_json)


@app.command("vcard")
def import_vcard(ctx: typer.Context, path: Source, as_json: Json = False) -> None:
    """Import a .vcf address book: vCard 2.1 (Android), 3.0 (iPhone, macOS, Google) or 4.0.

    Example: goodword import vcard ~/Downloads/contacts.vcf
    """
    run(ctx, lambda: vcard.read_vcards(path.expanduser()), as_json)


@app.command("google")
def import_google(ctx: typer.Context, path: Source, as_json: Json = False) -> None:
    """Import a Google Contacts CSV export (current or older format).

    Example: goodword import google ~/Downloads/contacts.csv
    """
    run(ctx, lambda: google_contacts.read_google(path.expanduser()), as_json)


@app.command("csv")
def import_csv(
    ctx: typer.Context,
    path: Source,
    mapping: Annotated[
        list[str],
        typer.Option(
            "--map", help="Column=field (repeatable); fields: " + ", ".join(mapped_csv.FIELDS)
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show how the first rows map; write nothing.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Import any CSV, mapping its columns to fields.

    Example: goodword import csv clients.csv --map "Full name=name" --map "Mail=email" --dry-run
    """
    fields = mapped_csv.parse_mapping(mapping)
    if dry_run:
        batch = mapped_csv.read_mapped(path.expanduser(), fields)
        preview: list[dict[str, Any]] = [
            {
                "line": p.line,
                "name": p.name,
                "emails": p.emails,
                "phones": p.phones,
                "company": p.company,
                "title": p.title,
                "tags": p.tags,
                "skills": p.skills,
            }
            for p in batch.people[:5]
        ]
        emit(
            as_json,
            preview,
            lambda rows: table(
                f"First rows of {path.name} (nothing written)",
                ["line", "name", "email", "phone", "company", "title", "tags"],
                [
                    [
                        r["line"],
                        r["name"],
                        ", ".join(r["emails"]),
                        ", ".join(r["phones"]),
                        r["company"],
                        r["title"],
                        ", ".join(r["tags"]),
                    ]
                    for r in rows
                ],
            ),
        )
        return
    run(ctx, lambda: mapped_csv.read_mapped(path.expanduser(), fields), as_json)


@app.command("undo")
def undo(
    ctx: typer.Context,
    batch: Annotated[int, typer.Argument(help="The import's number (goodword imports list).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: Json = False,
) -> None:
    """Take an import back: everything it brought goes, what it changed is put back as it
    was. Refused, changing nothing, when something recorded since depends on it.

    Example: goodword import undo 3 --yes
    """
    if not yes:
        removes = import_undo.undo_impact(deps.uow(ctx), batch)
        what = ", ".join(import_undo.counted(t, n) for t, n in removes.items()) or "nothing"
        typer.confirm(f"Undo import #{batch}, removing {what}?", abort=True)
    report = import_undo.undo_import(deps.uow(ctx), batch, deps.clock())
    emit(
        as_json,
        report,
        lambda r: done(
            f"import #{r.batch} ({r.source}) undone: removed "
            + (", ".join(import_undo.counted(t, n) for t, n in r.removed.items()) or "nothing")
        ),
    )


imports_app = typer.Typer(help="The imports you ran, each one a batch you can undo.")

IMPORTS: Columns[ImportBatchPublic] = Columns(
    "Imports",
    ["batch", "when", "source", "files", "created", "known", "updated"],
    lambda b: [
        b.id,
        day(b.created_at),
        b.source,
        ", ".join(b.files),
        f"{b.created:,}",
        f"{b.matched:,}",
        f"{b.updated:,}",
    ],
    empty="no imports yet",
)


@imports_app.command("list")
def list_imports(
    ctx: typer.Context,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """The imports that can be undone, newest first.

    Example: goodword imports list
    """
    p = paging(limit, every, as_json, as_jsonl)
    uow = deps.uow(ctx)
    total = import_batches.count_imports(uow)
    emit_list(IMPORTS, import_batches.list_imports(uow, p.take), total, p)
