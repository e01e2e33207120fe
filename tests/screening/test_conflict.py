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


def test_it_refuses_a_save_into_a_completed_screening_even_with_the_current_version(
    alice, alices_screening
):
    import pytest

    from screening import services
    from screening.models import Screening

    stale_copy = Screening.objects.get(pk=alices_screening.pk)
    services.complete_screening(
        screening=alices_screening, user=alice, version=alices_screening.version
    )
    group = stale_copy.groups[0]
    with pytest.raises(services.StaleScreening):
        services.save_step(
            screening=stale_copy,
            user=alice,
            version=alices_screening.version,  # a client can send the newest number
            group_slug=group["slug"],
            answers={indicator["slug"]: ("yes", "") for indicator in group["indicators"]},
            step_notes="",
            raise_danger=False,
        )
    assert not Answer.objects.filter(screening=alices_screening).exists()
