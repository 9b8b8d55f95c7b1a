"""Arguments that would poison the store are refused in one line, exit 1, nothing written,
on both engines: control characters, values past the columns, ids past 32 bits, dates
past the calendar, digits that are not ASCII."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli


@pytest.mark.parametrize(
    "args",
    [
        ["people", "add", "Bad\x00Name"],
        ["people", "add", "Bell\x07"],
        ["referrals", "receive", "--from", "Pete Ruiz", "--prospect", "Bo", "--value", "1e400"],
        ["referrals", "receive", "--from", "Pete Ruiz", "--prospect", "Bo", "--value", "NaN"],
        ["referrals", "receive", "--from", "Pete Ruiz", "--prospect", "Bo", "--on", "10000000d"],
        ["referrals", "show", "2147483648"],
        ["people", "show", "#9223372036854775806"],
        ["settings", "set", "smtp_port", "²"],
        ["settings", "set", "cadence_days", "٣٠"],
    ],
)
def test_poison_is_refused_in_one_line(cli: Cli, args: list[str]) -> None:
    cli.ok("people", "add", "Pete Ruiz")
    error = cli.fails(*args)
    assert "Traceback" not in error


def test_text_with_line_breaks_and_tabs_is_still_text(cli: Cli) -> None:
    cli.ok("people", "add", "Pete Ruiz", "--how-met", "at the meetup\n\tthen lunch")
    assert cli.json("people", "show", "Pete Ruiz")["how_met"] == "at the meetup\n\tthen lunch"
