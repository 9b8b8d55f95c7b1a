"""The ``goodword`` command line: sub-commands, global options and one place for errors."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword import __version__
from goodword.cli import (
    agenda_cmd,
    asks_cmd,
    backup_cmd,
    brief_cmd,
    catch_up_cmd,
    db_cmd,
    demo_cmd,
    draft_cmd,
    duplicates_cmd,
    edit_cmd,
    export_cmd,
    import_cmd,
    interactions_cmd,
    intro_cmd,
    knows_cmd,
    ledger_cmd,
    match_cmd,
    opportunities_cmd,
    orgs_cmd,
    people_cmd,
    program_cmd,
    recs_cmd,
    references_cmd,
    referral_lesson_cmd,
    referrals_cmd,
    serve_cmd,
    settings_cmd,
    strength_cmd,
    thanks_cmd,
    trash_cmd,
    webhooks_cmd,
    worker_cmd,
)
from goodword.cli.deps import state
from goodword.cli.errors import GoodwordGroup

app = typer.Typer(
    name="goodword",
    cls=GoodwordGroup,
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
    state(ctx).db = db


app.command("today")(agenda_cmd.today)
app.command("draft")(draft_cmd.draft)
app.add_typer(catch_up_cmd.app, name="catch-up")
app.add_typer(people_cmd.app, name="people")
app.add_typer(orgs_cmd.app, name="orgs")
app.add_typer(interactions_cmd.app, name="interactions")
app.command("log", help=interactions_cmd.log.__doc__)(interactions_cmd.log)
app.add_typer(referrals_cmd.app, name="referrals")
referrals_cmd.app.command("lesson")(referral_lesson_cmd.lesson)
app.add_typer(asks_cmd.app, name="asks")
app.add_typer(recs_cmd.app, name="recs")
app.add_typer(references_cmd.app, name="references")
app.add_typer(opportunities_cmd.app, name="opportunities")
app.add_typer(thanks_cmd.app, name="thanks")
app.add_typer(brief_cmd.app, name="brief")
app.add_typer(trash_cmd.app, name="trash")
for group, kind, noun, name, edit in (
    (interactions_cmd.app, "interaction", "interaction", "interactions", edit_cmd.edit_interaction),
    (referrals_cmd.app, "referral", "referral", "referrals", edit_cmd.edit_referral),
    (asks_cmd.app, "ask", "ask", "asks", edit_cmd.edit_ask),
    (thanks_cmd.app, "gratitude", "thank-you", "thanks", edit_cmd.edit_gratitude),
    (recs_cmd.app, "recommendation", "recommendation", "recs", edit_cmd.edit_recommendation),
    (references_cmd.app, "reference", "reference request", "references", edit_cmd.edit_reference),
    (
        opportunities_cmd.app,
        "opportunity",
        "opportunity",
        "opportunities",
        edit_cmd.edit_opportunity,
    ),
):
    group.command("edit")(edit)
    group.command("delete")(edit_cmd.delete_command(kind, noun, name))
app.command("balance")(ledger_cmd.balance)
app.command("strength")(strength_cmd.strength)
app.command("intro")(intro_cmd.intro)
app.command("knows")(knows_cmd.knows)
app.command("match")(match_cmd.match)
app.command("offer")(match_cmd.offer)
app.command("embeddings")(match_cmd.embeddings)
app.add_typer(program_cmd.app, name="program")
app.command("run-due")(worker_cmd.run_due_cmd)
app.command("worker")(worker_cmd.worker)
app.add_typer(webhooks_cmd.app, name="webhooks")
app.command("outbox")(webhooks_cmd.outbox)
app.add_typer(settings_cmd.app, name="settings")
app.add_typer(import_cmd.app, name="import")
app.add_typer(import_cmd.imports_app, name="imports")
app.add_typer(export_cmd.app, name="export")
app.command("duplicates")(duplicates_cmd.find)
app.command("merge")(people_cmd.merge)
app.command("merges")(duplicates_cmd.merges)
app.command("backup")(backup_cmd.backup)
app.command("restore")(backup_cmd.restore)
app.add_typer(db_cmd.app, name="db")
app.command("demo")(demo_cmd.demo)
app.command("serve")(serve_cmd.serve)
app.add_typer(serve_cmd.user_app, name="user", help="Accounts for `goodword serve`.")


def main() -> None:
    app()
