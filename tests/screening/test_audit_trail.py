"""The audit trail page: supervisors filter it by person and action, hide routine views and
download it as CSV; nobody else sees it."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import make_screening, sign_in


@pytest.fixture
def trail(client, alice, bob, catalogue):
    mine = make_screening(alice, case_reference="ALICE-1")
    make_screening(bob, case_reference="BOB-1")
    sign_in(client, alice)
    client.get(reverse("screening:details", args=[mine.pk]))  # a routine view
    return mine


def test_it_lists_every_event_newest_first(client, sam, trail):
    sign_in(client, sam)
    page = client.get(reverse("screening:audit")).content.decode()
    assert page.index('What">viewed') < page.index('What">created')
    # Each event links to its screening's summary while the screening exists, by its reference.
    summary = reverse("screening:summary", args=[trail.pk])
    assert f'<a href="{summary}">ALICE-1</a>' in page


def test_it_filters_by_person_and_action_and_hides_routine_views(client, sam, trail):
    sign_in(client, sam)
    client.post(reverse("screening:audit"), {"person": "alice", "hide_routine": "on"})
    page = client.get(reverse("screening:audit")).content.decode()
    assert "viewed (the details)" not in page and 'What">created' in page and 'Who">bob' not in page
    client.post(reverse("screening:audit"), {"action": "viewed"})
    page = client.get(reverse("screening:audit")).content.decode()
    assert "viewed (the details)" in page and 'What">created' not in page


def test_it_downloads_the_filtered_trail_as_csv(client, sam, trail):
    sign_in(client, sam)
    client.post(reverse("screening:audit"), {"person": "bob"})
    response = client.get(reverse("screening:audit_csv"))
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert [(row["username"], row["action"]) for row in rows] == [("bob", "created")]


@pytest.mark.parametrize("name", ["screening:audit", "screening:audit_csv"])
def test_caseworkers_and_volunteers_get_403(client, alice, val, trail, name):
    for user in (alice, val):
        sign_in(client, user)
        assert client.get(reverse(name)).status_code == 403


def test_its_queries_do_not_grow_with_the_data(
    client, sam, alice, trail, django_assert_max_num_queries
):
    sign_in(client, sam)
    # 13: the steps' titles, read once per content edition, and the case references of the page.
    with django_assert_max_num_queries(13):
        client.get(reverse("screening:audit"))
    for _ in range(10):
        make_screening(alice)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("screening:audit")).status_code == 200
