"""The whole screening through Django's test client: start, every step, review, complete."""

from __future__ import annotations

import re

from django.urls import reverse

from screening.models import Answer, AuditEvent, Screening, StepNote
from tests.factories import sign_in, start_data, step_data


def test_it_runs_a_whole_screening(client, alice, catalogue):
    sign_in(client, alice)
    response = client.post(reverse("screening:start"), start_data())
    screening = Screening.objects.get()
    assert response.status_code == 302
    assert response["Location"] == screening.step_url(2)
    assert screening.created_by == alice
    assert screening.total_steps == 7

    for number in range(2, screening.complete_step):
        page = client.get(screening.step_url(number))
        assert page.status_code == 200
        assert f"Step {number} of 7" in page.content.decode()
        response = client.post(screening.step_url(number), step_data(screening, number))
        assert response.status_code == 302
        assert response["Location"] == screening.step_url(number + 1)
        screening.refresh_from_db()

    review = client.get(screening.step_url(screening.complete_step))
    assert review.status_code == 200
    assert "Step 7 of 7" in review.content.decode()
    response = client.post(
        screening.step_url(screening.complete_step),
        {"version": screening.version, "consent_to_share": "yes"},
    )
    assert response["Location"] == reverse("screening:summary", args=[screening.pk])

    screening.refresh_from_db()
    assert screening.status == Screening.Status.COMPLETED
    assert screening.consent_to_share is True
    assert Answer.objects.filter(screening=screening, value="yes").count() == 24
    assert StepNote.objects.filter(screening=screening).count() == 5
    actions = list(
        AuditEvent.objects.filter(screening_id=screening.pk).values_list("action", flat=True)
    )
    assert actions[0] == "created" and actions[-1] == "completed"
    assert actions.count("edited") == 5


def test_it_resumes_at_the_first_unfinished_step_after_save_and_exit(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data())
    screening = Screening.objects.get()
    client.post(screening.step_url(2), step_data(screening, 2, "no"))
    screening.refresh_from_db()
    response = client.post(
        screening.step_url(3), step_data(screening, 3, "not_sure", action="exit")
    )
    assert response["Location"] == reverse("screening:list")

    client.logout()
    sign_in(client, alice)  # another device: nothing lives in the session
    response = client.get(reverse("screening:resume", args=[screening.pk]))
    assert response["Location"] == screening.step_url(4)
    page = client.get(screening.step_url(3)).content.decode()
    assert (
        'value="not_sure" checked' in page
        or 'checked value="not_sure"' in page
        or ('value="not_sure"' in page and "checked" in page)
    )
    assert Answer.objects.filter(screening=screening, value="not_sure").count() == 3


def test_it_keeps_answers_when_going_back(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data())
    screening = Screening.objects.get()
    response = client.post(screening.step_url(2), step_data(screening, 2, action="back"))
    assert response["Location"] == screening.step_url(1)
    assert Answer.objects.filter(screening=screening, value="yes").count() == 9


def test_it_allows_unanswered_indicators_and_shows_them_in_review(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data())
    screening = Screening.objects.get()
    response = client.post(screening.step_url(2), {"version": screening.version})
    assert response.status_code == 302
    review = client.get(screening.step_url(screening.complete_step)).content.decode()
    assert review.count("Not answered") == 24


def test_it_raises_immediate_danger_from_a_step_and_shows_999_on_every_later_page(
    client, alice, catalogue
):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data())
    screening = Screening.objects.get()
    assert "Call 999 now" not in client.get(screening.step_url(2)).content.decode()
    client.post(screening.step_url(2), step_data(screening, 2, action="danger"))
    screening.refresh_from_db()
    assert screening.immediate_danger
    for url in [
        screening.step_url(3),
        screening.step_url(screening.complete_step),
        reverse("screening:summary", args=[screening.pk]),
        reverse("screening:details", args=[screening.pk]),
    ]:
        assert "Call 999 now" in client.get(url).content.decode(), url


def test_it_makes_completed_screenings_read_only_for_caseworkers(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data())
    screening = Screening.objects.get()
    client.post(
        screening.step_url(screening.complete_step),
        {"version": screening.version, "consent_to_share": "no"},
    )
    screening.refresh_from_db()
    assert screening.consent_to_share is False
    response = client.post(screening.step_url(2), step_data(screening, 2, "no"))
    assert response["Location"] == reverse("screening:summary", args=[screening.pk])
    assert not Answer.objects.filter(screening=screening).exists()
    response = client.get(reverse("screening:resume", args=[screening.pk]))
    assert response["Location"] == reverse("screening:summary", args=[screening.pk])


def test_it_offers_a_suggested_case_reference_beside_an_empty_field(client, alice, catalogue):
    sign_in(client, alice)
    response = client.get(reverse("screening:start"))
    page = response.content.decode()
    suggested = response.context["form"].suggested_reference
    assert f'data-use-reference="{suggested}"' in page
    assert 'value="HK-' not in page  # the field itself starts empty
    assert 'autocomplete="off"' in page


def test_it_has_no_field_for_a_name_address_or_id(client, alice, catalogue):
    sign_in(client, alice)
    page = client.get(reverse("screening:start")).content.decode().lower()
    for field in [
        'name="name"',
        'name="first_name"',
        'name="address"',
        'name="id_number"',
        'name="hkid"',
    ]:
        assert field not in page


def test_it_refuses_wrong_methods(client, alice, alices_screening):
    sign_in(client, alice)
    assert client.put(reverse("screening:start")).status_code == 405
    assert client.put(reverse("screening:list")).status_code == 405
    assert client.post(reverse("screening:summary", args=[alices_screening.pk])).status_code == 405
    assert client.delete(alices_screening.step_url(2)).status_code == 405


def test_it_does_not_let_a_caseworker_lower_immediate_danger(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data(immediate_danger="yes"))
    screening = Screening.objects.get()
    data = start_data(immediate_danger="no", version=screening.version, action="continue")
    client.post(reverse("screening:details", args=[screening.pk]), data)
    screening.refresh_from_db()
    assert screening.immediate_danger


def test_it_shows_a_caseworker_that_only_a_supervisor_can_lower_immediate_danger(
    client, alice, sam, catalogue
):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data(immediate_danger="yes"))
    screening = Screening.objects.get()
    url = reverse("screening:details", args=[screening.pk])
    page = client.get(url).content.decode()
    danger = re.findall(r'<input[^>]*name="immediate_danger"[^>]*>', page)
    assert danger and all("disabled" in radio for radio in danger)
    assert "Only a supervisor can change this" in page
    client.logout()
    sign_in(client, sam)  # a supervisor may lower it: the choice is open
    page = client.get(url).content.decode()
    danger = re.findall(r'<input[^>]*name="immediate_danger"[^>]*>', page)
    assert danger and not any("disabled" in radio for radio in danger)


def test_it_asks_whether_the_summary_may_be_shared_before_completing(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data())
    screening = Screening.objects.get()
    response = client.post(
        screening.step_url(screening.complete_step), {"version": screening.version}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose whether the person agrees to the summary being shared." in page
    assert 'href="#id_consent_to_share_0"' in page  # the error summary links to the choice
    screening.refresh_from_db()
    assert screening.status == Screening.Status.DRAFT
    assert screening.consent_to_share is None
