"""The restore drill: screenings with notes, a backup taken while a writer keeps saving, the
database wiped, the backup restored; everything acknowledged before the backup began is back,
exactly, and nothing saved meanwhile is back in part.

Runs on whichever database the suite runs on: SQLite in CI's first run (on a file, in WAL mode,
as in production), PostgreSQL in its second.
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from lib.database import DatabaseUnavailable
from screening import services
from screening.models import Answer, AuditEvent, Screening, StepNote, SupervisorNote
from tests.factories import answer_all, make_screening

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Ack:
    version: int
    group_slug: str
    marker: str
    at: float


class Writer(threading.Thread):
    """Saves the steps of one screening round and round, noting each save acknowledged."""

    def __init__(self, screening: Screening, user):
        super().__init__(daemon=True)
        self.screening_id, self.user = screening.pk, user
        self.acks: list[Ack] = []
        self.stop = threading.Event()
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            screening = Screening.objects.select_related("snapshot").get(pk=self.screening_id)
            groups, number = screening.groups, 0
            while not self.stop.is_set():
                number += 1
                group, marker = groups[number % len(groups)], f"[save {number}]"
                try:
                    services.save_step(
                        screening=screening,
                        user=self.user,
                        version=screening.version,
                        group_slug=group.slug,
                        answers={i.slug: ("yes", f"note {marker}") for i in group.indicators},
                        step_notes=f"step {marker}",
                        raise_danger=False,
                    )
                except DatabaseUnavailable:
                    continue  # not acknowledged: the caseworker would press Save again
                self.acks.append(Ack(screening.version, group.slug, marker, time.monotonic()))
        except Exception as error:  # reported by the test
            self.error = error
        finally:
            connection.close()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 30
        while len(self.acks) < count and self.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.acks) >= count, self.error


def everything(but: Screening) -> dict[str, list]:
    """Every screening, answer, note (decrypted), audit event and user, except `but`'s rows."""
    others = {"screening_id": but.pk}
    return {
        "screenings": list(Screening.objects.exclude(pk=but.pk).order_by("pk").values()),
        "answers": sorted(
            (a.screening_id, a.indicator_slug, a.value, a.note)
            for a in Answer.objects.exclude(**others)
        ),
        "step_notes": sorted(
            (n.screening_id, n.group_slug, n.text, n.saved_at)
            for n in StepNote.objects.exclude(**others)
        ),
        "supervisor_notes": sorted(
            (n.screening_id, n.kind, n.text, n.written_by_id, n.written_at)
            for n in SupervisorNote.objects.exclude(**others)
        ),
        "audit": list(AuditEvent.objects.exclude(**others).order_by("pk").values()),
        "users": list(get_user_model().objects.order_by("pk").values()),
    }


def test_a_backup_made_while_saving_restores_all_that_was_acknowledged_before_it(
    file_database, alice, sam, catalogue, tmp_path
):
    for number in range(3):
        screening = answer_all(make_screening(alice), alice, "not_sure", note=f"Note {number}.")
        services.complete_screening(screening=screening, user=alice, version=screening.version)
        services.review_screening(
            screening=screening, user=sam, version=screening.version, comment=f"Seen {number}."
        )
    answer_all(make_screening(alice, immediate_danger=True), alice, "yes", note="Locked in.")
    busy = make_screening(alice)
    start_version = busy.version
    start_edits = AuditEvent.objects.filter(screening_id=busy.pk, action="edited").count()
    writer = Writer(busy, alice)
    writer.start()
    writer.wait_for(3)

    began = time.monotonic()
    acknowledged = everything(but=busy)
    acked_before = [ack for ack in writer.acks if ack.at < began]
    backup = tmp_path / "drill.tar"
    call_command("backup", output=backup, stdout=io.StringIO())
    writer.wait_for(len(writer.acks) + 3)  # it kept saving during and after the backup
    writer.stop.set()
    writer.join(30)
    assert writer.error is None

    call_command("flush", interactive=False)
    assert not Screening.objects.exists() and not AuditEvent.objects.exists()
    call_command("restore", str(backup), stdout=io.StringIO())

    assert everything(but=busy) == acknowledged
    restored = Screening.objects.get(pk=busy.pk)
    saves = restored.version - start_version
    assert len(acked_before) <= saves <= len(writer.acks)
    # The writer's screening is as it was after exactly `saves` whole saves.
    last = {ack.group_slug: ack.marker for ack in writer.acks[:saves]}
    notes = dict(StepNote.objects.filter(screening=restored).values_list("group_slug", "text"))
    assert notes == {slug: f"step {marker}" for slug, marker in last.items()}
    for group in restored.groups:
        if group.slug in last:
            stored = Answer.objects.filter(
                screening=restored, indicator_slug__in=[i.slug for i in group.indicators]
            )
            assert {a.note for a in stored} == {f"note {last[group.slug]}"}
    edits = AuditEvent.objects.filter(screening_id=busy.pk, action="edited").count()
    assert edits == start_edits + saves
