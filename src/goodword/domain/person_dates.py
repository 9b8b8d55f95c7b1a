"""Days people keep: birthdays and anniversaries, with or without the year, as address
books write them (``1985-04-12``, ``19850412``, ``--04-12``, ``--0412``, Apple's year-less
``1604-04-12``), and when the next one falls."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from goodword.domain.errors import InvalidValue

#: Apple writes a day without a year as this year (with X-APPLE-OMIT-YEAR).
NO_YEAR = 1604
KINDS = ("birthday", "anniversary")


@dataclass(frozen=True)
class KeptDay:
    month: int
    day: int
    year: int | None = None

    def text(self) -> str:
        """``1985-04-12``, or ``--04-12`` without a year (vCard 4's form)."""
        head = f"{self.year:04d}" if self.year else "-"
        return f"{head}-{self.month:02d}-{self.day:02d}"

    def next_on_or_after(self, on: date) -> date:
        """The next time this day comes round (29 February: the 28th in other years)."""
        for year in (on.year, on.year + 1):
            day = self.day
            if self.month == 2 and day == 29 and not calendar.isleap(year):
                day = 28
            when = date(year, self.month, day)
            if when >= on:
                return when
        raise AssertionError("a day comes round within a year")


def parse_day(text: str) -> KeptDay:
    """A birthday or anniversary as typed or exported; refused with the forms it reads."""
    raw = text.strip().split("T")[0].strip()
    year: int | None = None
    try:
        if raw.startswith("--"):
            digits = raw[2:].replace("-", "")
            month, day = int(digits[:2]), int(digits[2:4])
            if len(digits) != 4:
                raise ValueError
        else:
            digits = raw.replace("-", "")
            if len(digits) == 8:
                year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
            elif len(digits) == 4 and len(raw) == 5 and raw[2] == "-":
                month, day = int(digits[:2]), int(digits[2:])  # 04-12
            else:
                raise ValueError
        if year == NO_YEAR or year == 0:
            year = None
        date(year or 2000, month, day)  # a real day (29 February needs a leap year)
        if year is not None and not 1800 <= year <= 2200:
            raise ValueError
    except ValueError:
        raise InvalidValue(
            f"cannot read the day '{text}': use YYYY-MM-DD, or MM-DD / --MM-DD without a year"
        ) from None
    return KeptDay(month, day, year)


#: How many days ahead a birthday or anniversary is worth a check-in on the agenda.
AHEAD_DAYS = 3


def upcoming(on: date, ahead: int = AHEAD_DAYS) -> list[tuple[int, int]]:
    """The (month, day) pairs falling from ``on`` to ``ahead`` days later; in a year without
    29 February, the 28th stands for it too."""
    found = []
    for n in range(ahead + 1):
        when = date.fromordinal(on.toordinal() + n)
        found.append((when.month, when.day))
        if when.month == 2 and when.day == 28 and not calendar.isleap(when.year):
            found.append((2, 29))
    return found
