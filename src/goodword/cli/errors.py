"""One place where every failure becomes one line on stderr and an exit code."""

from __future__ import annotations

import os
import sys
import traceback
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from typer.core import TyperGroup

from goodword.cli.render import err_console
from goodword.domain.errors import DomainError
from goodword.domain.limits import control_characters

if TYPE_CHECKING:
    from pydantic import ValidationError


def _fail(message: str, code: int = 1) -> None:
    err_console.print(
        f"[bold red]Error:[/bold red] {escape(message)}", soft_wrap=True, highlight=False
    )
    sys.exit(code)


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _is_validation(error: Exception) -> bool:
    """A pydantic refusal — checked without importing pydantic, which a command that never
    loaded it cannot have raised (``--version`` stays light)."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(error, pydantic.ValidationError)


def describe_validation(error: ValidationError) -> str:
    """Pydantic's complaint about a field, named as the option a person typed."""
    first = error.errors()[0]
    field = str(first["loc"][-1]) if first["loc"] else "value"
    option = "--" + field.replace("_", "-")
    return f"{option}: {first['msg'].lower()}"


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
        for argument in sys.argv[1:] if args is None else args:
            if isinstance(argument, str) and control_characters(argument):
                _fail(
                    f"the argument {argument!r} holds a control character (such as NUL), "
                    "which no goodword field takes; remove it and run again"
                )
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
            _fail(str(error))
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
            _fail(f"{message}{hint}")
        except OperationalError as error:
            _fail(f"cannot use the database: {_first_line(error)}")
        except SQLAlchemyError as error:
            _fail(f"the database refused the operation: {_first_line(error)}")
        except KeyboardInterrupt:
            _fail("interrupted; nothing was changed", 130)
        except Exception as error:  # a bug: say so in one line, details on request
            if _is_validation(error):
                _fail(describe_validation(error))  # type: ignore[arg-type]
            if os.environ.get("GOODWORD_DEBUG"):
                traceback.print_exc()
            _fail(
                f"unexpected internal error ({type(error).__name__}: {_first_line(error)}); "
                "run again with GOODWORD_DEBUG=1 for details and report it"
            )
        sys.exit(result if isinstance(result, int) else 0)
