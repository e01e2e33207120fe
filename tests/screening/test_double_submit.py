"""A page sent twice (a double click, a double tap) does once what it says, and raises nothing.

With JavaScript the second submit is dropped in the browser (static/js/submit-once.js); these
are the server's half, for when it arrives all the same.
"""

from __future__ import annotations

from screening.models import Answer, Screening
from tests.factories import sign_in, start_data, step_data


def test_it_takes_a_step_saved_twice_as_already_done(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    same = step_data(screening, 2, "yes")

    first = client.post(screening.step_url(2), same)
    second = client.post(screening.step_url(2), same)

    assert (first.url, second.url) == (screening.step_url(3), screening.step_url(3))
    screening.refresh_from_db()
    assert not screening.immediate_danger
    assert set(Answer.objects.filter(screening=screening).values_list("value", flat=True)) == {
        "yes"
    }


def test_it_still_refuses_a_different_save_from_the_same_stale_page(
    client, alice, alices_screening
):
    sign_in(client, alice)
    screening = alices_screening
    client.post(screening.step_url(2), step_data(screening, 2, "yes"))
    response = client.post(screening.step_url(2), step_data(screening, 2, "no"))
    assert response.status_code == 409


def test_it_takes_the_details_saved_twice_as_already_done(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    same = start_data(case_reference=screening.case_reference, version=screening.version)

    client.post(screening.step_url(1), same)
    second = client.post(screening.step_url(1), same)

    assert second.status_code == 302 and second.url == screening.step_url(2)


def test_it_still_refuses_different_details_from_the_same_stale_page(
    client, alice, alices_screening
):
    sign_in(client, alice)
    screening = alices_screening
    version = screening.version
    client.post(screening.step_url(1), start_data(case_reference="HK-A", version=version))
    second = client.post(screening.step_url(1), start_data(case_reference="HK-B", version=version))
    assert second.url == screening.step_url(1)
    screening.refresh_from_db()
    assert screening.case_reference == "HK-A"


def test_it_starts_one_screening_when_the_start_page_is_sent_twice(client, alice, catalogue):
    sign_in(client, alice)
    first = client.post("/screenings/new/", start_data())
    second = client.post("/screenings/new/", start_data())
    screening = Screening.objects.get()
    assert first.url == second.url == screening.step_url(2)


def test_it_starts_another_screening_under_another_reference(client, alice, catalogue):
    sign_in(client, alice)
    client.post("/screenings/new/", start_data(case_reference="HK-2611-AAAA"))
    client.post("/screenings/new/", start_data(case_reference="HK-2611-BBBB"))
    assert Screening.objects.count() == 2
