"""Options shared by many commands."""

from __future__ import annotations

from typing import Annotated

import typer

JSON = "--json"
Json = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of tables.")]
When = Annotated[
    str | None,
    typer.Option("--on", help="When: YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, yesterday or Nd."),
]
Note = Annotated[str | None, typer.Option(help="A note.")]
