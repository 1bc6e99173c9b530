"""``qa feedback``: list the readers' ratings of answers and export them as ``qa eval`` fixtures.

    qa feedback list [--json] [--since DATE] [--rating up|down|all]
    qa feedback export [-o FILE] [--since DATE] [--rating up|down|all]

Registered on the ``qa`` group with ``cli.add_command(feedback)``; the store is
``Settings.feedback_path`` of the settings the group loaded (``ctx.obj["settings"]``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from qa.cli_common import fail_cleanly, print_json, settings_of
from qa.feedback import Feedback, FeedbackStore, Rating, describe


def _store(ctx: click.Context) -> FeedbackStore:
    return FeedbackStore(settings_of(ctx).feedback_path)


def _rating(value: str) -> Rating | None:
    return None if value == "all" else value  # type: ignore[return-value]


SINCE = click.option("--since", type=click.DateTime(), default=None, metavar="DATE",
                     help="Only ratings given or changed since this date or time (UTC), e.g. 2025-06-01.")
RATING = click.option("--rating", type=click.Choice(["up", "down", "all"]), default="all", show_default=True,
                      help="Only 👍 (up) or 👎 (down) ratings.")


@click.group()
def feedback() -> None:
    """Readers' 👍/👎 ratings of answers and their corrections (from the chat UI)."""


@feedback.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the fixtures to FILE (default: standard output).")
@SINCE
@RATING
@click.pass_context
@fail_cleanly
def export_cmd(ctx: click.Context, output: Path | None, since: datetime | None, rating: str) -> None:
    """Write the ratings as fixture JSON lines that `qa eval FILE` scores.

    \b
    👍 answer            -> its span (or quoted sentence); docs: the cited articles
    👎 + correction      -> the correction; docs: cited articles whose passage holds it
    👍 "cannot answer"   -> an "unanswerable" fixture (the answer is to abstain)
    👎 without correction, or a correction no cited passage holds: skipped
    Only the latest rating of a question counts. Ids are fb<rating id>, stable across exports.
    """
    store = _store(ctx)
    dest = output if output is not None else click.get_text_stream("stdout")
    result = store.export_fixtures(dest, since=since, rating=_rating(rating))
    click.echo(describe(result) + (f" to {output}" if output is not None else ""), err=True)


def _line(fb: Feedback) -> str:
    mark = "👍" if fb.rating == "up" else "👎"
    said = "(cannot answer)" if fb.abstained else (fb.span or fb.answer)
    text = f"{fb.id:>5}  {fb.created[:16].replace('T', ' ')}  {mark}  {fb.user or '-'}  {fb.question}\n       → {said}"
    return text + (f"\n       ✎ {fb.correction}" if fb.correction else "")


@feedback.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print every rating with its citations as JSON.")
@SINCE
@RATING
@click.pass_context
@fail_cleanly
def list_cmd(ctx: click.Context, as_json: bool, since: datetime | None, rating: str) -> None:
    """Show the ratings, oldest first: id, time (UTC), 👍/👎, user, question, answer, correction."""
    items = _store(ctx).list(since=since, rating=_rating(rating))
    if as_json:
        print_json([fb.to_dict() for fb in items])
        return
    if not items:
        click.echo("no ratings yet: 👍/👎 under an answer in the chat (qa serve) stores one")
        return
    for fb in items:
        click.echo(_line(fb))
