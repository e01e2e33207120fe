"""Danger now: from the top of any step, raised whatever else happens, then the stop page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from referrals.models import ReferralContact
from screening.models import Answer, AuditEvent, StepNote
from tests.factories import make_screening, sign_in, step_data


def _stop_page(screening, number=2) -> str:
    return f"{reverse('screening:danger', args=[screening.pk])}?step={number}"


def test_it_saves_the_step_raises_danger_and_opens_the_stop_page(client, alice, alices_screening):
    sign_in(client, alice)
    data = step_data(alices_screening, 2, "not_sure", action="danger")
    response = client.post(alices_screening.step_url(2), data)
    assert response.status_code == 302
    assert response["Location"] == _stop_page(alices_screening)
    alices_screening.refresh_from_db()
    assert alices_screening.immediate_danger
    assert set(Answer.objects.values_list("value", flat=True)) == {"not_sure"}
    assert StepNote.objects.get().text == "step 2"
    # The trail says where danger was first reported, beside the step's save.
    slug = alices_screening.group_for_step(2).slug
    details = list(AuditEvent.objects.filter(action="edited").values_list("detail", flat=True))
    assert details.count(f"danger raised (step {slug})") == 1
    assert f"step {slug}" in details


def test_it_shows_whom_to_call_and_what_to_say_from_the_database(client, alice, catalogue):
    ReferralContact.objects.filter(kind="emergency").update(
        phone="999 TEST", how_to_refer="Say where you are, floor and flat."
    )
    screening = make_screening(alice, immediate_danger=True)
    sign_in(client, alice)
    page = client.get(_stop_page(screening, 3)).content.decode()
    assert 'href="tel:999TEST"' in page
    assert "Call 999 TEST now" in page
    assert "Say where you are, floor and flat." in page
    assert f'href="{screening.step_url(3)}"' in page
    assert "danger-banner" not in page  # the stop page says it once, larger


def test_it_raises_danger_even_when_a_note_is_too_long(client, alice, alices_screening):
    sign_in(client, alice)
    first = alices_screening.group_for_step(2).indicators[0].slug
    data = step_data(alices_screening, 2, "yes", action="danger")
    data[f"note-{first}"] = "n" * 600
    response = client.post(alices_screening.step_url(2), data)
    assert response["Location"] == _stop_page(alices_screening)
    alices_screening.refresh_from_db()
    assert alices_screening.immediate_danger
    # Every valid field is saved; the invalid note keeps what was saved before (nothing).
    answers = {a.indicator_slug: a for a in Answer.objects.all()}
    assert {a.value for a in answers.values()} == {"yes"}
    assert answers[first].note == ""
    assert StepNote.objects.get().text == "step 2"
    assert "could not be saved yet" in client.get(_stop_page(alices_screening)).content.decode()


def test_it_shows_a_held_step_as_typed_until_it_is_saved(client, alice, alices_screening):
    sign_in(client, alice)
    first = alices_screening.group_for_step(2).indicators[0].slug
    data = step_data(alices_screening, 2, "yes", action="danger")
    data[f"note-{first}"] = "held " + "n" * 600
    client.post(alices_screening.step_url(2), data)
    held = client.get(alices_screening.step_url(2))
    page = held.content.decode()
    assert held.status_code == 200
    assert "held nnn" in page and "There is a problem" in page
    assert f'href="#id_note-{first}"' in page
    assert "held nnn" not in str(dict(client.session.items()))  # held encrypted, like notes
    alices_screening.refresh_from_db()
    fixed = step_data(alices_screening, 2, "yes")
    client.post(alices_screening.step_url(2), fixed)
    assert "held nnn" not in client.get(alices_screening.step_url(2)).content.decode()


def test_it_raises_danger_from_a_stale_page_and_keeps_what_was_typed(
    client, alice, alices_screening
):
    sign_in(client, alice)
    stale = step_data(alices_screening, 2, "no", action="danger")
    client.post(alices_screening.step_url(2), step_data(alices_screening, 2, "yes"))
    response = client.post(alices_screening.step_url(2), stale)
    assert response["Location"] == _stop_page(alices_screening)
    alices_screening.refresh_from_db()
    assert alices_screening.immediate_danger
    assert set(Answer.objects.values_list("value", flat=True)) == {"yes"}  # not overwritten
    assert "danger raised (Danger now)" in AuditEvent.objects.values_list("detail", flat=True)
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert "Immediate danger was reported from this step" in page


@pytest.mark.parametrize("version", ["", "abc"])
def test_it_raises_danger_from_an_incomplete_page(client, alice, alices_screening, version):
    sign_in(client, alice)
    data = step_data(alices_screening, 2, "yes", action="danger", version=version)
    client.post(alices_screening.step_url(2), data)
    alices_screening.refresh_from_db()
    assert alices_screening.immediate_danger
    assert not Answer.objects.exists()


def test_it_has_one_danger_control_and_enter_still_saves(client, alice, alices_screening):
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert page.count('value="danger"') == 1
    assert 'name="immediate_danger"' not in page  # the old checkbox at the bottom is gone
    # The first submit button, which Enter presses, has no action: it saves and continues.
    form = page[page.index('class="step-form"') :]
    first_submit = form[form.index('<button type="submit"') :]
    assert first_submit.startswith('<button type="submit" class="visually-hidden"')
    assert page.count('value="danger"') == 1


def test_it_sends_the_stop_page_back_when_there_is_no_danger(client, alice, alices_screening):
    sign_in(client, alice)
    response = client.get(_stop_page(alices_screening, 4))
    assert response["Location"] == alices_screening.step_url(4)
    response = client.get(reverse("screening:danger", args=[alices_screening.pk]) + "?step=x")
    assert response["Location"] == alices_screening.get_absolute_url()


def test_it_keeps_the_stop_page_to_its_owner_and_supervisors(
    client, alice, bob, sam, val, catalogue
):
    screening = make_screening(alice, immediate_danger=True)
    url = _stop_page(screening)
    assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    for user, status in [(val, 403), (bob, 404), (sam, 200), (alice, 200)]:
        sign_in(client, user)
        assert client.get(url).status_code == status, user
    assert client.post(url).status_code == 405


def test_it_shows_the_stop_page_in_few_queries(
    client, alice, catalogue, django_assert_max_num_queries
):
    screening = make_screening(alice, immediate_danger=True)
    sign_in(client, alice)
    client.get(_stop_page(screening))
    with django_assert_max_num_queries(8):
        assert client.get(_stop_page(screening)).status_code == 200


def test_it_records_danger_raised_on_the_details_page_once(client, alice, catalogue):
    from screening.models import Screening
    from tests.factories import start_data

    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data(immediate_danger="yes"))
    screening = Screening.objects.get()
    data = start_data(immediate_danger="yes", version=screening.version, action="continue")
    client.post(reverse("screening:details", args=[screening.pk]), data)  # already raised
    raised = AuditEvent.objects.filter(screening_id=screening.pk, detail="danger raised (details)")
    assert raised.count() == 1
