"""The screening list: own screenings for caseworkers, everything with filters for supervisors."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from screening.models import Screening
from tests.factories import make_screening, make_user, sign_in


def test_it_lists_drafts_first(client, alice, catalogue):
    make_screening(alice, case_reference="DONE-1", status="completed")
    make_screening(alice, case_reference="DRAFT-1")
    sign_in(client, alice)
    page = client.get(reverse("screening:list")).content.decode()
    assert page.index("DRAFT-1") < page.index("DONE-1")


def test_it_shows_a_helpful_empty_state(client, alice, catalogue):
    sign_in(client, alice)
    page = client.get(reverse("screening:list")).content.decode()
    assert "No screenings yet" in page


def test_it_shows_caseworkers_only_their_own(client, alice, bob, catalogue):
    make_screening(alice, case_reference="ALICE-1")
    make_screening(bob, case_reference="BOB-1")
    sign_in(client, bob)
    page = client.get(reverse("screening:list")).content.decode()
    assert "BOB-1" in page and "ALICE-1" not in page
    assert 'name="caseworker"' not in page


def test_it_filters_for_supervisors(client, alice, bob, sam, catalogue):
    make_screening(alice, case_reference="ALICE-OLD", screened_on=datetime.date(2026, 1, 5))
    make_screening(alice, case_reference="ALICE-NEW", status="completed")
    make_screening(bob, case_reference="BOB-NEW")
    sign_in(client, sam)
    url = reverse("screening:list")

    page = client.get(url).content.decode()
    assert all(ref in page for ref in ["ALICE-OLD", "ALICE-NEW", "BOB-NEW"])

    def filtered(**filters) -> str:
        client.post(url, filters)
        return client.get(url).content.decode()

    page = filtered(caseworker=bob.pk)
    assert "BOB-NEW" in page and "ALICE" not in page
    page = filtered(status="completed")
    assert "ALICE-NEW" in page and "BOB-NEW" not in page
    page = filtered(date_to="2026-02-01")
    assert "ALICE-OLD" in page and "ALICE-NEW" not in page
    page = filtered(q="bob")
    assert "BOB-NEW" in page and "ALICE" not in page
    page = filtered(q="nothing-like-this")
    assert "No screening matches these filters" in page
    page = filtered(date_from="2026-03-01", date_to="2026-02-01")  # the wrong way round
    assert "The end of the range cannot be before its start." in page
    client.post(url, {"clear": "1"})
    assert "BOB-NEW" in client.get(url).content.decode()


def test_it_keeps_case_references_out_of_urls(client, sam, alice, catalogue):
    make_screening(alice, case_reference="SECRET-REF")
    sign_in(client, sam)
    response = client.post(reverse("screening:list"), {"q": "SECRET-REF"})
    assert response.status_code == 302
    assert "SECRET" not in response["Location"]
    assert "SECRET-REF" in client.get(reverse("screening:list")).content.decode()


def test_it_paginates(client, alice, catalogue):
    for number in range(30):
        make_screening(alice, case_reference=f"PAGE-{number:02d}")
    sign_in(client, alice)
    first = client.get(reverse("screening:list")).content.decode()
    second = client.get(reverse("screening:list"), {"page": 2}).content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert first.count("PAGE-") >= 25 and second.count("PAGE-") >= 5


def _cards(page: str) -> list[str]:
    """The case references of the list's cards, in order."""
    return re.findall(r'<h2 class="screening-card-ref[^"]*">\s*<a href="[^"]+">([^<]+)<', page)


def test_it_shows_supervisors_what_awaits_review_first(client, alice, bob, sam, catalogue):
    make_screening(alice, case_reference="REVIEWED-1", status="reviewed")
    make_screening(alice, case_reference="DRAFT-1")
    make_screening(bob, case_reference="DONE-1", status="completed")
    make_screening(alice, case_reference="DONE-2", status="completed")
    sign_in(client, sam)
    page = client.get(reverse("screening:list")).content.decode()
    assert _cards(page)[:2] == ["DONE-2", "DONE-1"]  # newest first within a rank
    assert _cards(page)[2:] == ["DRAFT-1", "REVIEWED-1"]
    assert page.count("Awaiting review</span>") == 2
    assert "then awaiting review, then drafts, then reviewed." in page


def test_it_keeps_drafts_first_for_caseworkers(client, alice, catalogue):
    make_screening(alice, case_reference="REVIEWED-1", status="reviewed")
    make_screening(alice, case_reference="DONE-1", status="completed")
    make_screening(alice, case_reference="DRAFT-1")
    sign_in(client, alice)
    page = client.get(reverse("screening:list")).content.decode()
    assert _cards(page)[0] == "DRAFT-1"
    assert "Awaiting review</span>" not in page


def test_it_links_each_card_by_its_case_reference(client, alice, sam, catalogue):
    draft = make_screening(alice, case_reference="DRAFT-1")
    done = make_screening(alice, case_reference="DONE-1", status="completed")
    sign_in(client, sam)
    page = client.get(reverse("screening:list")).content.decode()
    resume = reverse("screening:resume", args=[draft.pk])
    summary = reverse("screening:summary", args=[done.pk])
    assert f'<a href="{resume}">DRAFT-1<span class="visually-hidden"> (resume)' in page
    assert f'<a href="{summary}">DONE-1<span class="visually-hidden"> (summary)' in page
    assert "<dt>Caseworker</dt><dd>alice</dd>" in page


def test_it_folds_the_filters_away_until_one_is_set(client, alice, sam, catalogue):
    make_screening(alice, case_reference="ALICE-1")
    sign_in(client, sam)
    url = reverse("screening:list")
    assert '<details class="list-filters mb-3">' in client.get(url).content.decode()
    client.post(url, {"status": "completed"})
    assert '<details class="list-filters mb-3" open>' in client.get(url).content.decode()
    client.post(url, {"q": "", "status": ""})  # submitted, but nothing chosen
    assert '<details class="list-filters mb-3">' in client.get(url).content.decode()
    client.post(url, {"date_from": "not a date"})
    assert '<details class="list-filters mb-3" open>' in client.get(url).content.decode()


def test_it_calls_completed_awaiting_review_in_the_supervisors_filter(client, sam, alice):
    sign_in(client, sam)
    assert '<option value="completed">Awaiting review</option>' in (
        client.get(reverse("screening:list")).content.decode()
    )
    sign_in(client, alice)
    assert '<option value="completed">Completed</option>' in (
        client.get(reverse("screening:list")).content.decode()
    )


def test_it_refuses_other_methods(client, alice):
    sign_in(client, alice)
    assert client.put(reverse("screening:list")).status_code == 405


def test_it_needs_a_screening_role(client, val):
    assert client.get(reverse("screening:list")).status_code == 302  # sign in first
    sign_in(client, val)
    assert client.get(reverse("screening:list")).status_code == 403


@pytest.mark.parametrize("who", ["alice", "sam"])
def test_it_bounds_queries_however_many_screenings_are_listed(
    client, catalogue, alice, bob, sam, who, django_assert_max_num_queries
):
    user = {"alice": alice, "sam": sam}[who]
    sign_in(client, user)
    url = reverse("screening:list")
    client.get(url)  # renews the idle clock, which then holds for a minute

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    make_screening(alice, status="completed")
    # 10: a supervisor's list also asks whether an access request is due within 7 days.
    with django_assert_max_num_queries(10):
        few = count()
    for number in range(12):
        owner = alice if number % 2 else bob
        screening = make_screening(owner, status=["draft", "completed", "reviewed"][number % 3])
        if number % 4 == 0:
            Screening.objects.filter(pk=screening.pk).update(reopened_at=timezone.now())
    make_user("carol", "Caseworker")
    assert count() == few


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.parametrize(
    ("rank", "index"),
    [("review_rank", "screening_review_order"), ("list_rank", "screening_list_order")],
)
def test_it_reads_the_first_page_in_index_order(db, rank, index):
    # An index serves each order, so the first page does not sort every screening (at 100,000
    # screenings that sort is what made the list slow; docs/benchmarks.md).
    query = Screening.objects.select_related("created_by").order_by(
        rank, "-screened_on", "-created_at"
    )[:25]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert index in plan
    assert "TEMP B-TREE" not in plan
