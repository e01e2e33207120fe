"""purge_screenings deletes what is past retention and keeps the audit trail."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from screening.models import Answer, AuditEvent, Screening, StepNote
from tests.factories import answer_all, make_screening


@pytest.fixture
def old_and_new(alice, catalogue):
    old = make_screening(alice, screened_on=timezone.localdate() - datetime.timedelta(days=400))
    answer_all(old, alice, "yes", note="old")
    new = make_screening(alice)
    answer_all(new, alice, "yes", note="new")
    return old, new


def test_it_reports_without_deleting_on_a_dry_run(old_and_new, capsys):
    call_command("purge_screenings", "--older-than", "365", "--dry-run")
    assert "Would delete 1 screenings" in capsys.readouterr().out
    assert Screening.objects.count() == 2


def test_it_deletes_old_screenings_with_their_answers_and_keeps_the_trail(old_and_new, capsys):
    old, new = old_and_new
    trail_before = AuditEvent.objects.filter(screening_id=old.pk).count()
    call_command("purge_screenings", "--older-than", "365")
    out = capsys.readouterr().out
    assert "Deleted 1 screenings" in out and "24 answers" in out and "5 notes" in out
    assert list(Screening.objects.all()) == [new]
    assert not Answer.objects.filter(screening_id=old.pk).exists()
    assert not StepNote.objects.filter(screening_id=old.pk).exists()
    trail = AuditEvent.objects.filter(screening_id=old.pk)
    assert trail.count() == trail_before + 1
    assert trail.last().action == "purged"


def test_it_uses_the_retention_setting_by_default(old_and_new, settings, capsys):
    call_command("purge_screenings", "--dry-run")
    assert "Would delete 0 screenings" in capsys.readouterr().out  # 730 days by default


def test_it_refuses_a_zero_retention(db):
    with pytest.raises(CommandError):
        call_command("purge_screenings", "--older-than", "0")
