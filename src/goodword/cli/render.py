"""Output: Rich for people, one JSON document for scripts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any, TypeVar

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

T = TypeVar("T")


def jsonable(data: Any) -> Any:
    dump = getattr(data, "model_dump", None)  # a pydantic model (not imported for --version)
    if callable(dump):
        return dump(mode="json")
    if isinstance(data, list | tuple):
        return [jsonable(item) for item in data]
    if isinstance(data, dict):
        return {key: jsonable(value) for key, value in data.items()}
    return data


def emit(as_json: bool, data: T, show: Callable[[T], None]) -> None:
    """Print ``data`` as one JSON document, or hand it to ``show`` for people."""
    if as_json:
        print(json.dumps(jsonable(data), indent=2, ensure_ascii=False))
    else:
        show(data)


_zone: list[tzinfo] = []
"""The zone this invocation shows days in (the workspace's), once a command opened it."""


def use_zone(zone: tzinfo) -> None:
    _zone[:] = [zone]


def local(value: datetime) -> datetime:
    """An instant as the user's clock shows it."""
    return value.astimezone(_zone[0]) if _zone else value


def day(value: datetime | None) -> str:
    """The user's calendar day of an instant."""
    return local(value).date().isoformat() if value else "—"


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    empty: str = "nothing yet",
) -> None:
    rows = list(rows)
    if not rows:
        console.print(Text(f"{title + ': ' if title else ''}{empty}", style="dim"))
        return
    grid = Table(
        title=Text(title, style="bold") if title else None,
        title_justify="left",
        header_style="bold",
    )
    for index, column in enumerate(columns):
        # Short values (ids, dates, stages) never wrap, so long text shares the rest.
        # Names and kinds wrap too, so on a narrow terminal long text still gets a
        # readable width rather than one letter per line.
        longest = max(len(str(row[index])) for row in rows)
        grid.add_column(column, overflow="fold", no_wrap=longest <= 10)
    for row in rows:
        grid.add_row(*(Text("—" if cell is None or cell == "" else str(cell)) for cell in row))
    console.print(grid)


def fields(pairs: Iterable[tuple[str, Any]]) -> None:
    """A two-column key/value block for one record."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for key, value in pairs:
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, datetime):
            value = day(value)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        grid.add_row(key, Text(str(value)))
    console.print(grid)


def done(message: str) -> None:
    console.print(f"[green]✓[/green] {escape(message)}")


def warn(message: str) -> None:
    err_console.print(f"[yellow]![/yellow] {escape(message)}")
