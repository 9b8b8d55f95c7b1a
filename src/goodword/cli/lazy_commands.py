"""The command tree, loaded a branch at a time: `goodword today` imports the agenda's
modules and no others, and `goodword --version` imports none (issue 16: a command starts
in about the time Python takes to load Typer, Rich and SQLAlchemy).

Each top-level command is named here with the module that defines it; the root group
imports that module only when the command is looked up (to run it, or to list it in
``--help``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import typer

from goodword.cli.errors import GoodwordGroup

_EXTENDED: set[int] = set()
Extra = Callable[[Any], None]
"""Something to add to a loaded sub-app before it is built (its edit/delete commands)."""


@dataclass(frozen=True)
class Lazy:
    module: str
    attribute: str
    group: bool = False
    """A Typer sub-app (``people``) rather than one function (``today``)."""
    help: str | None = None
    extras: tuple[Extra, ...] = field(default=())

    def load(self, name: str) -> Any:
        """The click command for ``name`` (typer's own click: hence ``Any`` here)."""
        target = getattr(importlib.import_module(f"goodword.cli.{self.module}"), self.attribute)
        if self.group:
            if id(target) not in _EXTENDED:  # once per process, however many trees are built
                _EXTENDED.add(id(target))
                for extra in self.extras:
                    extra(target)
            built = typer.main.get_group(target)
            built.name = name
            if self.help:
                built.help = self.help
            return built
        single = typer.Typer()
        single.command(name, help=self.help)(target)
        return typer.main.get_command(single)


class LazyRoot(GoodwordGroup):
    """The root group: its commands are ``LAZY`` (filled by ``cli.app``), built on first
    lookup and kept."""

    LAZY: ClassVar[dict[str, Lazy]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.LAZY, *(name for name in super().list_commands(ctx) if name not in self.LAZY)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.LAZY:
            self.add_command(self.LAZY[cmd_name].load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)
