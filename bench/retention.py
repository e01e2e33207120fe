"""`manage.py apply_retention` over a large database with a tenth of it due, while a caseworker
keeps saving a step: how long the run takes, and that the saves go through meanwhile.

The run erases each screening in a transaction of its own, so it holds SQLite's write lock for
one screening at a time; a step save waiting behind it waits milliseconds, not the whole run.
The saves are the app's own `services.save_step`, from a second thread with its own connection
(as another worker would be), each timed from call to commit.
"""

from __future__ import annotations

import datetime
import io
import threading
import time
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bench import data
from screening import services
from screening.models import Screening

CHUNK = 5000


@dataclass
class RetentionTiming:
    screenings: int
    due: int
    erased: int
    seconds: float
    saves: int
    failed_saves: int
    save_ms: list[float] = field(default_factory=list)

    @property
    def slowest_save_ms(self) -> float:
        return max(self.save_ms, default=0.0)

    @property
    def median_save_ms(self) -> float:
        ordered = sorted(self.save_ms)
        return ordered[len(ordered) // 2] if ordered else 0.0


def make_due(share: float = 0.10) -> int:
    """Age `share` of the screenings past their retention period (their last change 3 years
    ago), choosing among those a rule applies to; returns how many are due now."""
    target = int(Screening.objects.count() * share)
    ruled = Screening.objects.with_retention().filter(retention_rule__isnull=False)
    ids = list(ruled.order_by("pk").values_list("pk", flat=True)[:target])
    long_ago = timezone.now() - datetime.timedelta(days=3 * 365)
    for start in range(0, len(ids), CHUNK):
        Screening.objects.filter(pk__in=ids[start : start + CHUNK]).update(updated_at=long_ago)
    return Screening.objects.due_for_erasure().count()


def _keep_saving(screening: Screening, user, stop: threading.Event, timing: RetentionTiming):
    group = screening.groups[0]
    try:
        while True:  # at least one save, however short the run
            started = time.monotonic()
            try:
                services.save_step(
                    screening=screening,
                    user=user,
                    version=screening.version,
                    group_slug=group.slug,
                    answers=data.step_answers(group, f"retention {timing.saves}"),
                    step_notes="Saved while retention runs",
                    raise_danger=False,
                )
            except Exception:  # noqa: BLE001 - counted: the bench reports every failed save
                timing.failed_saves += 1
            else:
                timing.save_ms.append((time.monotonic() - started) * 1000)
                timing.saves += 1
            if stop.wait(0.05):
                break
    finally:
        connection.close()


def time_apply_retention(user) -> RetentionTiming:
    due = make_due()
    draft = data.new_screening(user, "HK-BENCH-RETENTION")
    timing = RetentionTiming(
        screenings=Screening.objects.count(), due=due, erased=0, seconds=0, saves=0, failed_saves=0
    )
    stop = threading.Event()
    saver = threading.Thread(target=_keep_saving, args=(draft, user, stop, timing))
    saver.start()
    out = io.StringIO()
    started = time.monotonic()
    try:
        call_command("apply_retention", stdout=out)
    finally:
        timing.seconds = time.monotonic() - started
        stop.set()
        saver.join()
    timing.erased = Screening.objects.filter(erased_at__isnull=False).count()
    return timing
