"""Asking for the user's name once, the first time the CLI drafts something, so every
message it drafts after that is signed (``goodword settings set your_name`` changes it)."""

from __future__ import annotations

import sys

import click
import typer

from goodword.cli import deps
from goodword.cli.render import warn
from goodword.services.signature import name_wanted, remember_name

UNSIGNED = 'drafts are unsigned until you set your name: goodword settings set your_name "…"'


def interactive() -> bool:
    """Only a person at a terminal is asked; scripts and pipes never wait on a prompt."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def ask_name_once(ctx: typer.Context) -> bool:
    """Ask a person at a terminal for their name if drafts would be unsigned; True when
    they still are (a script: the caller says so once its work is done)."""
    uow = deps.uow(ctx)
    if not name_wanted(uow):
        return False
    if not interactive():
        return True
    name = click.prompt(
        "Your name, to sign the messages goodword drafts (Enter to skip)",
        default="",
        show_default=False,
        err=True,
    )
    remember_name(uow, str(name), deps.clock())
    return False


def say_unsigned() -> None:
    warn(UNSIGNED)
