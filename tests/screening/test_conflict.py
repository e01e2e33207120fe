"""Two tabs or two devices: a save from a stale page must not overwrite newer answers."""

from __future__ import annotations

from screening.models import Answer
from tests.factories import sign_in
from tests.screening.test_flow import step_data


def test_it_refuses_a_save_from_a_stale_page(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    tab_one = step_data(screening, 2, "yes")
    tab_two = step_data(screening, 2, "no")  # built from the same version

    assert client.post(screening.step_url(2), tab_one).status_code == 302
    response = client.post(screening.step_url(2), tab_two, follow=True)

    page = response.content.decode()
    assert "changed in another tab or on another device" in page
    assert set(Answer.objects.filter(screening=screening).values_list("value", flat=True)) == {
        "yes"
    }
    assert 'value="yes" checked' in page or page.count("checked") >= 9


def test_it_refuses_to_complete_from_a_stale_review_page(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    stale_version = screening.version
    client.post(screening.step_url(2), step_data(screening, 2))
    response = client.post(screening.step_url(screening.review_step), {"version": stale_version})
    screening.refresh_from_db()
    assert screening.status == "draft"
    assert response.status_code == 302
