"""Which backups of a folder to keep: the newest of each of the last days, weeks and months.

With 7 daily and 4 weekly (the defaults, BACKUP_KEEP_*), no backup is older than about 35 days:
a backup holds what the retention job erased since it was made (README, "Retention").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def to_keep(made: Iterable[datetime], *, daily: int, weekly: int, monthly: int) -> set[datetime]:
    """The times (of backups) to keep: for each of the `daily` most recent days that have a
    backup, its newest; likewise per ISO week and per month. The newest backup is always kept."""
    newest_first = sorted(made, reverse=True)
    kept: set[datetime] = set(newest_first[:1])
    for count, period in (
        (daily, lambda when: when.date()),
        (weekly, lambda when: when.isocalendar()[:2]),
        (monthly, lambda when: (when.year, when.month)),
    ):
        seen: list = []
        for when in newest_first:
            key = period(when)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            kept.add(when)
    return kept
