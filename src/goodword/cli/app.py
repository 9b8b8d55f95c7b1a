"""The ``goodword`` command line: sub-commands, global options and one place for errors.

Commands are named here and loaded only when used (``cli.lazy_commands``)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from goodword import __version__
from goodword.cli.lazy_commands import Lazy, LazyRoot

app = typer.Typer(
    name="goodword",
    cls=LazyRoot,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"goodword {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database file or URL (sqlite:///…, postgresql://…). Default: "
            "GOODWORD_DATABASE_URL, else goodword.db in your user data folder.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """goodword: thank referrers, qualify referrals, close the loop, ask well, give back.

    Example: goodword demo  (then follow the --db it prints to explore the sample network)
    """
    from goodword.cli.deps import state

    state(ctx).db = db


def _records(module: str, kind: str, noun: str, name: str, *more: Any) -> Lazy:
    """A group of records (asks, recs, …) with the ``edit`` and ``delete`` every such group
    has, added when the group loads."""

    def add(group: typer.Typer) -> None:
        from goodword.cli import edit_cmd

        group.command("edit")(getattr(edit_cmd, f"edit_{kind}"))
        group.command("delete")(edit_cmd.delete_command(kind, noun, name))

    return Lazy(module, "app", group=True, extras=(*more, add))


def _lesson(group: typer.Typer) -> None:
    from goodword.cli import referral_lesson_cmd

    group.command("lesson")(referral_lesson_cmd.lesson)


LazyRoot.LAZY = {
    "today": Lazy("agenda_cmd", "today"),
    "draft": Lazy("draft_cmd", "draft"),
    "catch-up": Lazy("catch_up_cmd", "app", group=True),
    "people": Lazy("people_cmd", "app", group=True),
    "orgs": Lazy("orgs_cmd", "app", group=True),
    "interactions": _records("interactions_cmd", "interaction", "interaction", "interactions"),
    "log": Lazy("interactions_cmd", "log"),
    "referrals": _records("referrals_cmd", "referral", "referral", "referrals", _lesson),
    "asks": _records("asks_cmd", "ask", "ask", "asks"),
    "recs": _records("recs_cmd", "recommendation", "recommendation", "recs"),
    "references": _records("references_cmd", "reference", "reference request", "references"),
    "opportunities": _records("opportunities_cmd", "opportunity", "opportunity", "opportunities"),
    "thanks": _records("thanks_cmd", "gratitude", "thank-you", "thanks"),
    "brief": Lazy("brief_cmd", "app", group=True),
    "trash": Lazy("trash_cmd", "app", group=True),
    "balance": Lazy("ledger_cmd", "balance"),
    "strength": Lazy("strength_cmd", "strength"),
    "intro": Lazy("intro_cmd", "intro"),
    "knows": Lazy("knows_cmd", "knows"),
    "match": Lazy("match_cmd", "match"),
    "offer": Lazy("match_cmd", "offer"),
    "embeddings": Lazy("match_cmd", "embeddings"),
    "program": Lazy("program_cmd", "app", group=True),
    "run-due": Lazy("worker_cmd", "run_due_cmd"),
    "worker": Lazy("worker_cmd", "worker"),
    "webhooks": Lazy("webhooks_cmd", "app", group=True),
    "outbox": Lazy("webhooks_cmd", "outbox"),
    "settings": Lazy("settings_cmd", "app", group=True),
    "import": Lazy("import_cmd", "app", group=True),
    "imports": Lazy("import_cmd", "imports_app", group=True),
    "export": Lazy("export_cmd", "app", group=True),
    "duplicates": Lazy("duplicates_cmd", "find"),
    "merge": Lazy("people_cmd", "merge"),
    "merges": Lazy("duplicates_cmd", "merges"),
    "backup": Lazy("backup_cmd", "backup"),
    "restore": Lazy("backup_cmd", "restore"),
    "db": Lazy("db_cmd", "app", group=True),
    "demo": Lazy("demo_cmd", "demo"),
    "serve": Lazy("serve_cmd", "serve"),
    "user": Lazy("serve_cmd", "user_app", group=True, help="Accounts for `goodword serve`."),
}


def main() -> None:
    app()
