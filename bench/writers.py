"""Many caseworkers saving at once: count every save that failed, and every acknowledged save
that is not in the database afterwards.

Each writer owns one draft screening and its own session, and saves its steps round and round
for a fixed time. A save is acknowledged when the app redirects to the next step (a refused,
stale save redirects back to the same step). Every save writes a unique marker into the step's
notes and answer notes; afterwards the database must hold, for each screening, one version bump
and one audit event per acknowledged save, and for each step the last acknowledged marker.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.client import fetch, open_form
from bench.data import step_form
from screening.catalogue import CatalogueGroup
from screening.models import AuditEvent, Screening


@dataclass
class Step:
    path: str
    next_path: str
    group: CatalogueGroup


@dataclass
class Writer:
    screening_id: str
    session: str
    steps: list[Step]
    start_version: int = 0
    start_edits: int = 0


@dataclass
class Ack:
    screening_id: str
    group_slug: str
    marker: str


@dataclass
class WritersReport:
    writers: int
    seconds: float
    attempted: int
    acknowledged: int
    failed: int
    lost: int
    problems: list[str] = field(default_factory=list)


def writer_for(screening: Screening, session: str) -> Writer:
    steps = [
        Step(screening.step_url(number), screening.step_url(number + 1), group)
        for number, group in enumerate(screening.groups, start=2)
    ]
    edits = AuditEvent.objects.filter(screening_id=screening.pk, action="edited").count()
    return Writer(str(screening.pk), session, steps, screening.version, edits)


def _write(base_url: str, index: int, writer: Writer, deadline: float, acks, problems) -> int:
    form = open_form(base_url, writer.steps[0].path, writer.session)
    cookies = {"sessionid": writer.session, "csrftoken": form.csrf_cookie}
    version, attempts = form.version, 0
    while time.monotonic() < deadline:
        step = writer.steps[attempts % len(writer.steps)]
        attempts += 1
        marker = f"[writer {index} save {attempts}]"
        body = f"version={version}&" + step_form(
            step.group, csrf_token=form.csrf_token, marker=marker
        )
        try:
            reply = fetch(base_url, step.path, method="POST", cookies=cookies, form=body)
        except OSError as error:
            problems.append(f"writer {index}: {error!r}")
        else:
            if reply.status == 302 and reply.location.endswith(step.next_path):
                acks.append(Ack(writer.screening_id, step.group.slug, marker))
                version += 1
                continue
            problems.append(f"writer {index}: {reply.status} -> {reply.location or '-'}")
        # After a failure the outcome is unknown: read the current version back, as a user would.
        version = open_form(base_url, step.path, writer.session).version
    return attempts


def run_writers(base_url: str, writers: list[Writer], seconds: float) -> WritersReport:
    """Run every writer at once for `seconds`, then check the database against the acks."""
    acks: list[Ack] = []
    problems: list[str] = []
    attempts: list[int] = []
    deadline = time.monotonic() + seconds

    def work(index: int, writer: Writer) -> None:
        try:
            attempts.append(_write(base_url, index, writer, deadline, acks, problems))
        except Exception as error:  # a writer that dies is a failure to report, not a crash
            problems.append(f"writer {index} stopped: {error!r}")

    threads = [threading.Thread(target=work, args=item) for item in enumerate(writers, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lost, missing = lost_writes(writers, acks)
    return WritersReport(
        writers=len(writers),
        seconds=seconds,
        attempted=sum(attempts),
        acknowledged=len(acks),
        failed=len(problems),
        lost=lost,
        problems=problems[:10] + missing[:10],
    )


def lost_writes(writers: list[Writer], acks: list[Ack]) -> tuple[int, list[str]]:
    """Acknowledged saves the database does not show, with a description of each shortfall."""
    saves = Counter(ack.screening_id for ack in acks)
    latest = {(ack.screening_id, ack.group_slug): ack.marker for ack in acks}
    lost, missing = 0, []
    for writer in writers:
        screening = Screening.objects.get(pk=writer.screening_id)
        edits = AuditEvent.objects.filter(screening_id=screening.pk, action="edited").count()
        expected = saves[writer.screening_id]
        shortfall = max(
            writer.start_version + expected - screening.version,
            writer.start_edits + expected - edits,
            0,
        )
        if shortfall:
            missing.append(f"{screening.case_reference}: {shortfall} acknowledged saves missing")
        lost += shortfall
        notes = {note.group_slug: note.text for note in screening.step_notes.all()}
        answers = list(screening.answers.all())
        for step in writer.steps:
            marker = latest.get((writer.screening_id, step.group.slug))
            slugs = {indicator.slug for indicator in step.group.indicators}
            stored = [a.note for a in answers if a.indicator_slug in slugs]
            if marker and not (
                notes.get(step.group.slug, "").endswith(marker)
                and stored
                and all(note.endswith(marker) for note in stored)
            ):
                missing.append(f"{screening.case_reference}: last save of a step not stored")
                lost += 1
    return lost, missing
