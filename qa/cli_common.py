"""What every ``qa`` command shares: turning user errors into one line, the settings, JSON output.

Kept apart from :mod:`qa.cli` so command groups in their own modules (``qa users``,
``qa feedback``) use the same conventions without importing the whole command line.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Any, Callable

import click

from qa.errors import QAError
from qa.settings import Settings

EXIT_USER_ERROR = 2


def fail_cleanly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A :class:`QAError` becomes ``error: …`` on stderr and exit code 2; Ctrl-C exits 130."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except QAError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USER_ERROR)
        except KeyboardInterrupt:
            click.echo("interrupted; work finished so far is kept", err=True)
            sys.exit(130)

    return wrapper


def settings_of(ctx: click.Context) -> Settings:
    """The settings the ``qa`` group loaded (from ``--config`` or the environment)."""
    return ctx.obj["settings"]


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
