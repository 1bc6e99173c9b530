"""``qa users`` and ``qa audit``: the accounts of a shared deployment and the record of changes.

Registered on the main group by :mod:`qa.cli`. Passwords are prompted twice without echo, or
read from the first line of stdin with ``--password-stdin`` (for scripts); tokens are printed
once and never stored in the clear.
"""

from __future__ import annotations

import sys
from dataclasses import asdict

import click

from qa.accounts import ROLES, Accounts
from qa.audit import AuditLog
from qa.cli_common import fail_cleanly, print_json, settings_of


def _accounts(ctx: click.Context) -> Accounts:
    return Accounts(settings_of(ctx).users_path)


@click.group()
def users() -> None:
    """Accounts for `qa serve`: readers ask, editors also add and remove articles.

    \b
    While at least one account exists, `qa serve` asks for a login and the HTTP API
    (/api/ask, /v1/chat/completions) wants an account's token.
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reader", show_default=True,
              help="reader: ask and read; editor: also upload and remove articles.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin (scripts).")
@click.pass_context
@fail_cleanly
def users_add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Create the account NAME (the password is asked for, twice)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(f"password for {name}", hide_input=True, confirmation_prompt=True)
    accounts = _accounts(ctx)
    first = not accounts.exists()
    account = accounts.add(name, password, role=role)  # type: ignore[arg-type]
    click.echo(f"created {account.role} {account.name!r} in {accounts.path}")
    if first:
        click.echo("this is the first account: `qa serve` now asks for a login", err=True)


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
@click.pass_context
@fail_cleanly
def users_list(ctx: click.Context, as_json: bool) -> None:
    """Show every account, its role and whether it has an API token."""
    found = _accounts(ctx).list()
    if as_json:
        print_json([asdict(a) for a in found])
        return
    if not found:
        click.echo("no accounts: `qa serve` is open to anyone who can reach it (loopback only). "
                   "Create one with `qa users add NAME --role editor`.")
        return
    for a in found:
        click.echo(f"{a.name:<24} {a.role:<7} created {a.created}{'  token' if a.has_token else ''}")


@users.command("remove")
@click.argument("name")
@click.pass_context
@fail_cleanly
def users_remove(ctx: click.Context, name: str) -> None:
    """Delete the account NAME; its logins and token stop working."""
    _accounts(ctx).remove(name)
    click.echo(f"removed {name!r}")


@users.command("token")
@click.argument("name")
@click.pass_context
@fail_cleanly
def users_token(ctx: click.Context, name: str) -> None:
    """Print a new API token for NAME (the previous one stops working).

    \b
    Use it as `Authorization: Bearer <token>` with /api/ask and /v1/chat/completions,
    or as the API key of an OpenAI client. It is shown once: only its hash is kept.
    """
    click.echo(_accounts(ctx).issue_token(name))


@click.command()
@click.option("-n", "--last", "limit", type=click.IntRange(1), default=None, help="Only the last N entries.")
@click.option("--actor", default=None, help="Only the changes made by this account.")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@click.pass_context
@fail_cleanly
def audit(ctx: click.Context, limit: int | None, actor: str | None, as_json: bool) -> None:
    """Who added, replaced or removed which article, and when (oldest first)."""
    log = AuditLog(settings_of(ctx).audit_path)
    entries = log.entries(limit=limit, actor=actor)
    if as_json:
        print_json([asdict(e) for e in entries])
        return
    if not entries:
        click.echo(f"no changes recorded yet ({log.path})")
        return
    for e in entries:
        title = f"  {e.title}" if e.title else ""
        click.echo(f"{e.time}  {e.actor:<16} {e.action:<8} {e.doc_id}{title}")
