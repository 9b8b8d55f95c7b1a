"""The ``goodword`` command line: sub-commands, global options and one place for errors."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated, Any

import typer
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from typer.core import TyperGroup

from goodword import __version__
from goodword.cli import (
    asks_cmd,
    brief_cmd,
    db_cmd,
    demo_cmd,
    interactions_cmd,
    ledger_cmd,
    opportunities_cmd,
    orgs_cmd,
    people_cmd,
    recs_cmd,
    references_cmd,
    referrals_cmd,
    settings_cmd,
)
from goodword.cli.deps import state
from goodword.cli.render import err_console
from goodword.domain.errors import DomainError


def _fail(message: str, code: int = 1) -> None:
    err_console.print(
        f"[bold red]Error:[/bold red] {message}", markup=True, soft_wrap=True, highlight=False
    )
    sys.exit(code)


def _first_line(error: SQLAlchemyError) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


class GoodwordGroup(TyperGroup):
    """Every refusal, usage mistake or storage failure becomes one line and exit code 1."""

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from rich.markup import escape

        try:
            result = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except DomainError as error:
            _fail(escape(str(error)))
        except typer.Abort:
            _fail("aborted; nothing was changed")
        except typer.Exit as exit_:
            sys.exit(exit_.exit_code)
        except typer.TyperException as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                print(error.ctx.get_help())  # type: ignore[attr-defined]
                sys.exit(0)
            format_message = getattr(error, "format_message", None)
            message = format_message() if callable(format_message) else str(error)
            context = getattr(error, "ctx", None)
            hint = f" (see '{context.command_path} --help')" if context is not None else ""
            _fail(escape(f"{message}{hint}"))
        except OperationalError as error:
            _fail(escape(f"cannot use the database: {_first_line(error)}"))
        except SQLAlchemyError as error:
            _fail(escape(f"the database refused the operation: {_first_line(error)}"))
        except KeyboardInterrupt:
            _fail("interrupted; nothing was changed", 130)
        except Exception as error:  # a bug: say so in one line, details on request
            if os.environ.get("GOODWORD_DEBUG"):
                traceback.print_exc()
            _fail(
                escape(
                    f"unexpected internal error ({type(error).__name__}: {error}); "
                    "run again with GOODWORD_DEBUG=1 for details and report it"
                )
            )
        sys.exit(result if isinstance(result, int) else 0)


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


app.add_typer(people_cmd.app, name="people")
app.add_typer(orgs_cmd.app, name="orgs")
app.add_typer(interactions_cmd.app, name="interactions")
app.command("log", help=interactions_cmd.log.__doc__)(interactions_cmd.log)
app.add_typer(referrals_cmd.app, name="referrals")
app.add_typer(asks_cmd.app, name="asks")
app.add_typer(recs_cmd.app, name="recs")
app.add_typer(references_cmd.app, name="references")
app.add_typer(opportunities_cmd.app, name="opportunities")
app.add_typer(brief_cmd.app, name="brief")
app.command("balance")(ledger_cmd.balance)
app.add_typer(settings_cmd.app, name="settings")
app.add_typer(db_cmd.app, name="db")
app.command("demo")(demo_cmd.demo)


def main() -> None:
    app()
