"""A reopened screening: when it was reopened is stored on it, and the list marks it "Reopened"."""

from __future__ import annotations

import datetime
import importlib

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from screening import services
from screening.models import Screening, SupervisorNote
from tests.factories import make_screening, sign_in

fill_migration = importlib.import_module("screening.migrations.0010_review_order")


def _reopen(screening: Screening, supervisor) -> None:
    services.reopen_screening(
        screening=screening, user=supervisor, version=screening.version, reason="Age was wrong."
    )


def test_it_records_when_a_supervisor_reopens(sam, alice, catalogue):
    screening = make_screening(alice, status="reviewed")
    before = timezone.now()
    _reopen(screening, sam)
    screening.refresh_from_db()
    assert screening.reopened_at >= before
    assert screening.is_reopened


def test_it_keeps_the_date_but_is_no_longer_reopened_once_completed_again(sam, alice, catalogue):
    screening = make_screening(alice, status="completed")
    _reopen(screening, sam)
    services.complete_screening(screening=screening, user=alice, version=screening.version)
    screening.refresh_from_db()
    assert screening.reopened_at is not None
    assert not screening.is_reopened


def test_it_is_not_reopened_when_never_reopened(alice, catalogue):
    assert not make_screening(alice).is_reopened


def test_it_marks_reopened_drafts_in_the_list(client, sam, alice, catalogue):
    reopened = make_screening(alice, case_reference="AGAIN-1", status="reviewed")
    _reopen(reopened, sam)
    make_screening(alice, case_reference="PLAIN-1")
    for user in (sam, alice):
        sign_in(client, user)
        page = client.get(reverse("screening:list")).content.decode()
        assert page.count('<span class="badge text-bg-info">Reopened</span>') == 1
        card = page[page.index("AGAIN-1") : page.index("</li>", page.index("AGAIN-1"))]
        assert "Reopened" in card


def test_the_migration_fills_it_from_the_latest_reason_for_reopening(sam, alice, catalogue):
    first = timezone.now() - datetime.timedelta(days=3)
    latest = timezone.now() - datetime.timedelta(days=1)
    reopened = make_screening(alice)
    for when in (first, latest):
        SupervisorNote.objects.create(
            screening=reopened, kind="reopen", text="Why", written_by=sam, written_at=when
        )
    reviewed_only = make_screening(alice, status="reviewed")
    SupervisorNote.objects.create(
        screening=reviewed_only, kind="review", text="Fine", written_by=sam
    )
    fill_migration.fill_reopened_at(apps, None)
    reopened.refresh_from_db()
    reviewed_only.refresh_from_db()
    assert reopened.reopened_at == latest
    assert reviewed_only.reopened_at is None
