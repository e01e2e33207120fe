"""Statistics for supervisors: suppressed tables, charts with their tables, a CSV with no count
from 1 to 10, the date range kept out of the URL, and a constant number of queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from screening.models import Screening
from tests.factories import make_screening, sign_in


@pytest.fixture
def counted(alice, catalogue):
    """25 completed screenings in the office, 3 on outreach, 1 in a shelter."""
    for setting, n in [("office", 25), ("outreach", 3), ("shelter", 1)]:
        for _ in range(n):
            make_screening(alice, setting=setting, status="completed")


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_it_shows_charts_and_suppressed_tables(client, sam, counted):
    sign_in(client, sam)
    response = client.get(reverse("screening:statistics"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<svg class="chart"') == page.count(
        '<table class="table table-sm statistics"'
    )
    assert "Screenings by setting" in page
    assert ">25<" in page and "&lt;11" in page
    assert ">3<" not in page and ">1<" not in page


def test_the_csv_has_no_count_from_1_to_10(client, sam, counted):
    sign_in(client, sam)
    rows = _csv(
        client.get(reverse("screening:statistics_csv"), {"period": str(timezone.localdate().year)})
    )
    # Tables one after another: a title, a header, the counts, a blank line.
    tables, table = [], []
    for row in rows:
        if row:
            table.append(row)
        else:
            tables.append(table)
            table = []
    assert len(tables) == 9
    numeric = [cell for table in tables for row in table[2:] for cell in row[1:]]
    assert numeric
    for cell in numeric:
        assert cell == "<11" or cell == "0" or int(cell) >= 11, cell
    assert ["Office", "25"] in rows


def test_it_keeps_the_date_range_in_the_session(client, sam, counted):
    sign_in(client, sam)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("screening:statistics"), {"date_from": "2020-01-01", "date_to": today}
    )
    assert response.status_code == 302 and response["Location"] == reverse("screening:statistics")
    assert client.session["statistics_range"]["date_from"] == "2020-01-01"
    page = client.get(reverse("screening:statistics")).content.decode()
    assert "2020-01-01" in page


def test_it_refuses_a_range_that_ends_before_it_starts(client, sam, counted):
    sign_in(client, sam)
    response = client.post(
        reverse("screening:statistics"), {"date_from": "2026-01-02", "date_to": "2026-01-01"}
    )
    assert response.status_code == 400


def test_the_threshold_is_a_setting(client, sam, counted, settings):
    settings.STATISTICS_SUPPRESS_BELOW = 3
    sign_in(client, sam)
    rows = _csv(
        client.get(reverse("screening:statistics_csv"), {"period": str(timezone.localdate().year)})
    )
    # 1 is hidden as "<3", and 3, the next smallest, with it (else 29 - 25 - 3 gives it away)
    assert ["Shelter", "<3"] in rows and ["Outreach", "<3"] in rows
    assert ["Office", "25"] in rows and ["Total", "29"] in rows


@pytest.mark.parametrize("name", ["screening:statistics", "screening:statistics_csv"])
def test_caseworkers_and_volunteers_get_403(client, alice, val, catalogue, name):
    for user in (alice, val):
        sign_in(client, user)
        assert client.get(reverse(name)).status_code == 403


def test_it_requires_sign_in(client, catalogue):
    response = client.get(reverse("screening:statistics"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_other_methods(client, sam, catalogue):
    sign_in(client, sam)
    assert client.put(reverse("screening:statistics")).status_code == 405
    assert client.post(reverse("screening:statistics_csv")).status_code == 405


def test_its_queries_do_not_grow_with_the_data(
    client, sam, alice, catalogue, django_assert_max_num_queries
):
    for _ in range(3):
        make_screening(alice, status="completed")
    sign_in(client, sam)
    client.get(reverse("screening:statistics"))  # warm the per-process caches
    with django_assert_max_num_queries(16):
        client.get(reverse("screening:statistics"))
    for _ in range(20):
        make_screening(alice, status="completed", nationality="thai")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("screening:statistics")).status_code == 200
    assert Screening.objects.count() == 23
