"""``goodword serve`` and ``goodword user``: the web app and API, and its accounts."""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Annotated, Any

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json
from goodword.cli.render import console, day, done, emit
from goodword.domain.errors import InvalidValue
from goodword.schemas.accounts import UserCreate
from goodword.services import accounts

user_app = typer.Typer(no_args_is_help=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _hosts(listening_on: str, named: list[str]) -> list[str]:
    """The Host names to accept besides this machine's: the address listened on (unless it
    is every address) and the ones named."""
    hosts = [] if listening_on in ("0.0.0.0", "::", "") else [listening_on]
    for name in named:
        name = name.strip().lower()
        if not name or "/" in name or " " in name or ("*" in name and not name.startswith("*.")):
            raise InvalidValue(
                f"--allowed-host '{name}': give a host name like refer.acme.example "
                "(or *.acme.example), without a scheme or path"
            )
        hosts.append(name)
    return [f"[{h}]" if ":" in h and not h.startswith("[") else h for h in hosts]


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Send cookies over HTTPS only (behind TLS).")
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A name this server is reached by (repeat for more); this machine's names "
            "and the public_url settings' hosts are always accepted, any other Host is refused.",
        ),
    ] = None,
) -> None:
    """Start the web app and the REST API (docs at /docs) on this database.

    On 127.0.0.1 the first visit creates the first account; on any other address create it
    first with `goodword user create`.

    Example: goodword serve --port 8000
    """
    import uvicorn  # the web stack loads only for this command: every other one starts lighter

    from goodword.web import server

    url, _, _ = deps.state(ctx).engine()
    os.environ[server.ENV_URL] = url
    os.environ[server.ENV_LOOPBACK] = "1" if _is_loopback(host) else "0"
    os.environ[server.ENV_SECURE] = "1" if secure_cookies else "0"
    os.environ[server.ENV_HOSTS] = ",".join(_hosts(host, allowed_host or []))
    if not _is_loopback(host) and accounts.count_users(deps.state(ctx).engine()[1]) == 0:
        raise InvalidValue(
            f"no account yet and {host} is not this machine only: "
            "create one first with `goodword user create EMAIL --name NAME`"
        )
    console.print(f"goodword on http://{host}:{port}/  (API docs: /docs) — Ctrl+C stops it")
    if not _is_loopback(host):
        named = ", ".join([*_hosts(host, allowed_host or []), "public_url hosts"])
        console.print(f"answering requests addressed to this machine, {named} (--allowed-host)")
    uvicorn.run(
        "goodword.web.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
    )


@user_app.command("create")
def user_create(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The account's email (its sign-in name).")],
    name: Annotated[str, typer.Option(help="The account's name, shown on pages.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Create an account (the first one opens the network the CLI keeps).

    Example: goodword user create ana@example.com --name "Ana Silva"
    """
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt(
            "Password (10 characters or more)", hide_input=True, confirmation_prompt=True
        )
    user = accounts.create_user(
        deps.state(ctx).engine()[1],
        UserCreate(email=email, name=name, password=password),
        deps.clock(),
    )
    emit(
        as_json,
        user,
        lambda u: done(f"account #{u.id} {u.email} created; sign in with `goodword serve`"),
    )


@user_app.command("list")
def user_list(
    ctx: typer.Context,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List the accounts on this database.

    Example: goodword user list
    """
    rows = accounts.list_users(deps.state(ctx).engine()[1])
    emit_page(ACCOUNTS, rows, paging(limit, every, as_json, as_jsonl))


ACCOUNTS: Columns[Any] = Columns(
    "Accounts",
    ["id", "email", "name", "since"],
    lambda u: [u.id, u.email, u.name, day(u.created_at)],
)
