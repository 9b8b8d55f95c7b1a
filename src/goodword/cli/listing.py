"""Every list command pages the same way: ``--limit`` rows (50 unless told) and a line
saying how many more; ``--all`` streams every row, a chunk at a time; ``--json`` prints one
JSON array (streamed too), ``--jsonl`` one JSON object per line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Annotated, Generic, TypeVar

import typer
from rich.text import Text

from goodword.cli.render import console, err_console, jsonable, table
from goodword.domain.errors import InvalidValue

T = TypeVar("T")

DEFAULT_LIMIT = 50
#: Rows per table when ``--all`` prints for people: one table's worth in memory.
TABLE_CHUNK = 500

Limit = Annotated[
    int, typer.Option("--limit", min=1, help=f"At most this many (default {DEFAULT_LIMIT}).")
]
All = Annotated[bool, typer.Option("--all", help="Every row, streamed (ignores --limit).")]
Jsonl = Annotated[bool, typer.Option("--jsonl", help="One JSON object per line instead of tables.")]


@dataclass(frozen=True)
class Columns(Generic[T]):
    """How a list prints as a table: its title, its columns, one row per item."""

    title: str
    names: Sequence[str]
    row: Callable[[T], Sequence[object]]
    empty: str = "nothing yet"


@dataclass(frozen=True)
class Paging:
    limit: int = DEFAULT_LIMIT
    every: bool = False
    as_json: bool = False
    as_jsonl: bool = False

    def __post_init__(self) -> None:
        if self.as_json and self.as_jsonl:
            raise InvalidValue("--json and --jsonl: choose one")

    @property
    def take(self) -> int | None:
        """How many rows to ask the service for (None: all of them)."""
        return None if self.every else self.limit


def paging(limit: int, every: bool, as_json: bool, as_jsonl: bool) -> Paging:
    return Paging(limit, every, as_json, as_jsonl)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def emit_list(columns: Columns[T], items: Iterable[T], total: int, p: Paging) -> None:
    """Print a page (or, with ``--all``, everything) and say how much was left out."""
    shown = 0
    if p.as_jsonl:
        for item in items:
            sys.stdout.write(json.dumps(jsonable(item), ensure_ascii=False) + "\n")
            shown += 1
    elif p.as_json:
        sys.stdout.write("[")
        for item in items:
            sys.stdout.write(("," if shown else "") + "\n")
            sys.stdout.write(_indented(json.dumps(jsonable(item), indent=2, ensure_ascii=False)))
            shown += 1
        sys.stdout.write("\n]\n" if shown else "]\n")
    else:
        for chunk in _chunks(items, TABLE_CHUNK):
            title = columns.title if not shown else None
            if not shown and total > len(chunk):
                title = f"{columns.title} ({len(chunk) if not p.every else total:,} of {total:,})"
            table(title, columns.names, [columns.row(item) for item in chunk])
            shown += len(chunk)
        if not shown:
            table(columns.title, columns.names, [], empty=columns.empty)
    sys.stdout.flush()
    more = total - shown
    if more > 0 and not p.every:
        hint = f"… and {more:,} more: --limit {min(total, p.limit * 4)} or --all to see them"
        if p.as_json or p.as_jsonl:
            err_console.print(Text(hint, "dim"))
        else:
            console.print(Text(hint, "dim"))


def _indented(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def emit_page(columns: Columns[T], found: Sequence[T], p: Paging) -> None:
    """A list the service returned whole (a workspace's asks, references…): the page of it."""
    emit_list(columns, found[: p.take] if p.take is not None else found, len(found), p)
