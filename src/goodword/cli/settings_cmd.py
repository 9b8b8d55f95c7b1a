"""``goodword settings``: the etiquette numbers of this workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import emit, table
from goodword.schemas.settings import SettingPublic
from goodword.services import workspaces

app = typer.Typer()


def show_settings(rows: list[SettingPublic]) -> None:
    table(
        "Settings",
        ["key", "value", "default", "meaning"],
        [[s.key, s.value, s.default, s.description] for s in rows],
    )


@app.callback(invoke_without_command=True)
def settings(ctx: typer.Context, as_json: Json = False) -> None:
    """Show the etiquette numbers (or set/reset one).

    Example: goodword settings set thank_within_days 3
    """
    if ctx.invoked_subcommand is None:
        emit(as_json, workspaces.list_settings(deps.uow(ctx)), show_settings)


@app.command("show")
def show(ctx: typer.Context, as_json: Json = False) -> None:
    """Show the etiquette numbers.

    Example: goodword settings show --json
    """
    emit(as_json, workspaces.list_settings(deps.uow(ctx)), show_settings)


@app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Setting name.")],
    value: Annotated[str, typer.Argument(help="Whole number of days.")],
    as_json: Json = False,
) -> None:
    """Change one number.

    Example: goodword settings set ask_spacing_days 120
    """
    emit(as_json, workspaces.set_setting(deps.uow(ctx), key, value), show_settings)


@app.command("reset")
def reset(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Setting name.")],
    as_json: Json = False,
) -> None:
    """Put one number back to its default.

    Example: goodword settings reset ask_spacing_days
    """
    emit(as_json, workspaces.reset_setting(deps.uow(ctx), key), show_settings)
