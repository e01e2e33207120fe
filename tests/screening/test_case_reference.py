"""The case reference is what the caseworker typed: the suggestion is offered beside the field,
and a reference that looks like two joined together is refused (issue 26, item 2)."""

from __future__ import annotations

import pytest

from screening.forms import joined_references
from screening.models import Screening
from tests.factories import sign_in, start_data


@pytest.mark.parametrize(
    ("reference", "joined"),
    [
        ("HK-2612-G9P3IDW-2026-117", ("HK-2612-G9P3", "IDW-2026-117")),
        ("HK-2612-G9P3HK-2612-ABCD", ("HK-2612-G9P3", "HK-2612-ABCD")),
        ("IDW-2026-117HK-2612-G9P3", ("IDW-2026-117", "HK-2612-G9P3")),
        ("HK-2612-G9P3", None),
        ("HK-2612-G9P3-01", None),  # a suffix after a separator is a case system's own
        ("IDW-2026-117", None),
        ("HK-TEST-0001", None),
    ],
)
def test_it_finds_two_references_joined(reference, joined):
    assert joined_references(reference) == joined


def test_it_refuses_a_reference_that_looks_like_two_joined(client, alice, catalogue):
    sign_in(client, alice)
    response = client.post(
        "/screenings/new/", start_data(case_reference="HK-2612-G9P3IDW-2026-117")
    )
    assert response.status_code == 200
    assert "looks like two references joined together" in response.content.decode()
    assert not Screening.objects.exists()


def test_it_keeps_an_old_reference_of_that_shape_when_other_details_change(
    client, alice, catalogue
):
    from tests.factories import make_screening

    sign_in(client, alice)
    screening = make_screening(alice, case_reference="HK-2612-G9P3IDW")
    data = start_data(
        case_reference="HK-2612-G9P3IDW", version=screening.version, setting="outreach"
    )
    assert client.post(screening.step_url(1), data).status_code == 302
    screening.refresh_from_db()
    assert screening.setting == "outreach"
