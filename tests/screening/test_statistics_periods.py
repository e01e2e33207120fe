"""What leaves the organisation is counted by whole periods (issue 30, findings 5 and 9).

Two adjacent free ranges (25-25 Oct: 12, 25-26 Oct: 13) single out one person however each count
is suppressed, so the CSV is offered only for a whole month, quarter or year, and each download
is audited. The page keeps free ranges on screen: a supervisor may open every screening anyway.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from screening import statistics
from screening.models import AuditEvent
from tests.factories import make_screening, sign_in

CSV = reverse("screening:statistics_csv")


@pytest.fixture
def october(alice, catalogue):
    day = datetime.date(2026, 10, 25)
    for offset in (0,) * 12 + (1,):
        make_screening(alice, screened_on=day + datetime.timedelta(days=offset), status="completed")


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2026-10", datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)),
        ("2026-02", datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
        ("2026-Q4", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
        ("2026", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        ("2026-10-25", None, None),
        ("2026-13", None, None),
        ("2026-Q5", None, None),
        ("9999", None, None),
        ("", None, None),
    ],
)
def test_it_reads_a_period(period, start, end):
    found = statistics.period_range(period)
    assert found == ((start, end) if start else None)


def test_it_refuses_to_download_a_free_range(client, sam, october):
    sign_in(client, sam)
    client.post(
        reverse("screening:statistics"), {"date_from": "2026-10-25", "date_to": "2026-10-25"}
    )
    assert client.get(CSV).status_code == 400
    assert client.get(CSV, {"period": "2026-10-25"}).status_code == 400
    assert not AuditEvent.objects.filter(action="exported").exists()


def test_it_downloads_a_whole_month_and_audits_it(client, sam, october):
    sign_in(client, sam)
    response = client.get(CSV, {"period": "2026-10"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="statistics-2026-10.csv"'
    body = b"".join(response.streaming_content).decode()
    assert '"Office","13"' in body  # the 12 of the 25th and the one of the 26th
    event = AuditEvent.objects.get(action="exported")
    assert event.username == "sam" and event.detail == "statistics 2026-10"


def test_the_page_offers_the_periods_to_download(client, sam, catalogue):
    sign_in(client, sam)
    page = client.get(reverse("screening:statistics")).content.decode()
    this_month = timezone.localdate().strftime("%Y-%m")
    assert f'value="{this_month}"' in page
    assert 'name="period"' in page


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("9999-01-01", "9999-12-31"), ("1899-01-01", "2026-01-01"), ("2026-01-01", "2100-01-01")],
)
def test_it_refuses_years_out_of_bounds_with_a_message(client, sam, catalogue, date_from, date_to):
    sign_in(client, sam)
    response = client.post(
        reverse("screening:statistics"), {"date_from": date_from, "date_to": date_to}
    )
    assert response.status_code == 400
    assert "Choose dates between 2000 and" in response.content.decode()
    # Nothing kept: the page still works.
    assert client.get(reverse("screening:statistics")).status_code == 200
