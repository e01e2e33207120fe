"""The screening list: own screenings for caseworkers, everything with filters for supervisors."""

from __future__ import annotations

import datetime

from django.urls import reverse

from tests.factories import make_screening, sign_in


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
