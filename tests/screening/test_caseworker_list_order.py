"""A caseworker's list puts first what a supervisor sent back and what is urgent, as the
supervisor's list does (issue 26, item 9)."""

from __future__ import annotations

import re

from django.urls import reverse

from screening import services
from tests.factories import make_screening, sign_in


def _cards(page: str) -> list[str]:
    return re.findall(r'screening-card-ref[^>]*>\s*<a href="[^"]+">([^<]+)<', page)


def test_it_puts_a_reopened_draft_and_danger_before_other_drafts(client, alice, sam, catalogue):
    make_screening(alice, case_reference="DONE-1", status="completed")
    make_screening(alice, case_reference="DRAFT-1")
    reopened = make_screening(alice, case_reference="BACK-1", status="completed")
    services.reopen_screening(
        screening=reopened, user=sam, version=reopened.version, reason="Ask about the passport"
    )
    make_screening(alice, case_reference="DANGER-1", immediate_danger=True, status="completed")
    make_screening(alice, case_reference="DRAFT-2")

    sign_in(client, alice)
    cards = _cards(client.get(reverse("screening:list")).content.decode())

    assert set(cards[:2]) == {"BACK-1", "DANGER-1"}
    assert set(cards[2:4]) == {"DRAFT-1", "DRAFT-2"}
    assert cards[4] == "DONE-1"


def test_a_reversed_date_range_shows_only_its_error(client, alice, catalogue):
    make_screening(alice, case_reference="ANY-1")
    sign_in(client, alice)
    client.post(reverse("screening:list"), {"date_from": "2026-12-01", "date_to": "2026-11-01"})
    page = client.get(reverse("screening:list")).content.decode()
    assert "The end of the range cannot be before its start." in page
    assert "No screening matches these filters." not in page
    assert "ANY-1" not in page


def test_a_filter_that_matches_nothing_says_so(client, alice, catalogue):
    make_screening(alice, case_reference="ANY-1")
    sign_in(client, alice)
    client.post(reverse("screening:list"), {"q": "NOTHING-LIKE-IT"})
    page = client.get(reverse("screening:list")).content.decode()
    assert "No screening matches these filters." in page
