"""A reopened screening tells its caseworker who reopened it, when, and why."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from screening import services
from screening.models import Screening
from tests.factories import make_screening, sign_in


def _reopen(screening, supervisor, reason: str) -> None:
    screening.refresh_from_db()
    services.reopen_screening(
        screening=screening, user=supervisor, version=screening.version, reason=reason
    )


@pytest.fixture
def reopened(alice, sam, catalogue):
    screening = make_screening(alice, status="completed")
    _reopen(screening, sam, "First reason")
    services.complete_screening(screening=screening, user=alice, version=screening.version)
    _reopen(screening, sam, "Ask again about the passport")
    return screening


def _pages(screening) -> list[str]:
    return [
        screening.step_url(2),
        screening.step_url(4),
        reverse("screening:details", args=[screening.pk]),
        reverse("screening:complete", args=[screening.pk]),
        reverse("screening:summary", args=[screening.pk]),
    ]


def test_it_shows_the_latest_reason_to_the_caseworker(client, alice, reopened):
    sign_in(client, alice)
    note = reopened.supervisor_notes.order_by("-written_at").first()
    when = formats.date_format(timezone.localtime(note.written_at), "DATE_FORMAT")
    for url in _pages(reopened):
        page = client.get(url).content.decode()
        assert f"Reopened by sam on {when}:</strong> Ask again about the passport" in page, url
        assert "First reason" not in page or "Supervisor notes" in page


def test_it_says_nothing_of_reopening_once_completed_again(client, alice, reopened):
    services.complete_screening(screening=reopened, user=alice, version=reopened.version)
    sign_in(client, alice)
    page = client.get(reverse("screening:summary", args=[reopened.pk])).content.decode()
    assert "Reopened by" not in page


def test_it_says_nothing_for_a_screening_never_reopened(client, alice, alices_screening):
    sign_in(client, alice)
    for url in _pages(alices_screening):
        assert "Reopened by" not in client.get(url).content.decode()


def test_it_reads_the_reason_in_one_query_and_only_when_reopened(
    client, alice, alices_screening, reopened
):
    sign_in(client, alice)
    client.get(reverse("screening:list"))  # renews the idle clock, which then holds a minute

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    for plain, again in zip(_pages(alices_screening), _pages(reopened), strict=True):
        client.get(plain)  # what is kept per content edition is read on the first page
        client.get(again)
        assert count(again) == count(plain) + 1, again


def test_it_reads_the_latest_reason_only_for_a_reopened_draft(
    alice, reopened, alices_screening, django_assert_num_queries
):
    rows = {s.pk: s for s in Screening.objects.all()}
    with django_assert_num_queries(0):
        assert rows[alices_screening.pk].reopen_note is None
    with django_assert_num_queries(1):
        assert rows[reopened.pk].reopen_note.text == "Ask again about the passport"
