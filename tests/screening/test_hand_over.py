"""Hand the device over: the person answers alone, every other page waits for the password."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from accounts.models import Profile
from accounts.sessions import SIGNED_IN_AT
from client_texts.models import SectorQuestionSet
from referrals import rules
from screening import self_answer
from screening.models import Answer, AuditEvent, Screening
from tests.factories import make_screening, sign_in, step_data

PASSWORD = "correct horse battery"


@pytest.fixture
def texts(catalogue):
    call_command("load_client_texts", verbosity=0)


@pytest.fixture
def screening(texts, alice, client):
    sign_in(client, alice)
    return make_screening(alice, language="tl")


def _url(name: str, screening) -> str:
    return reverse(f"screening:{name}", args=[screening.pk])


def _hand_over(client, screening, **data):
    data = {"language": "tl", "questions": "all", **data}
    return client.post(_url("hand_over", screening), data)


def _state(client) -> self_answer.HandOver:
    return self_answer.HandOver(**client.session[self_answer.SESSION_KEY])


def _answer_current(client, screening, button: str):
    current = _state(client).current
    return client.post(_url("self_answer", screening), {"answer": button, "sign": current})


def test_it_offers_the_hand_over_in_the_interview_language_on_the_step_page(client, screening):
    page = client.get(screening.step_url(2))
    form = page.context["hand_over_form"]
    assert form is not None
    assert form.fields["language"].initial == "tl"
    assert reverse("screening:hand_over", args=[screening.pk]) in page.content.decode()


def test_it_hands_over_and_shows_the_opening_in_the_persons_language(client, screening):
    response = _hand_over(client, screening)
    assert response.url == _url("self_answer", screening)
    page = client.get(response.url)
    body = page.content.decode()
    assert '<html lang="tl" dir="ltr">' in body
    assert "Maaari mong sagutin nang mag-isa" in body
    assert screening.case_reference not in body
    assert AuditEvent.objects.filter(screening_id=screening.pk, action="handed_over").exists()


def test_it_shows_one_question_with_four_buttons_and_no_link(client, screening):
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    body = client.get(_url("self_answer", screening)).content.decode()
    assert "Tanong 1 sa 15" in body
    assert "Nakakaalis ka ba sa tinitirhan mo kapag gusto mo?" in body
    for label in ("Oo", "Hindi", "Hindi ko alam", "Mas gusto kong hindi sabihin"):
        assert f">{label}</button>" in body
    assert "<a " not in body
    assert screening.case_reference not in body


def test_it_records_each_answer_as_the_persons_turning_round_questions_about_absence(
    client, screening
):
    # The button pressed for each sign's question, and what it records on the sign.
    pressed = {
        "not-free-to-leave": ("no", rules.YES),  # "Can you leave ...?" No: not free to leave
        "unpaid-or-underpaid": ("yes", rules.NO),  # "Are you paid what you were promised?" Yes
        "excessive-hours": ("rather-not-say", rules.DECLINED),  # more than twelve hours a day
        "no-breaks-or-restrictions": ("dont-know", rules.NOT_SURE),
    }
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    asked = []
    while not set(pressed) <= set(asked) and len(asked) < 15:  # in the order the step asks
        current = _state(client).current
        asked.append(current)
        _answer_current(client, screening, pressed.get(current, ("dont-know",))[0])
    answers = {a.indicator_slug: a for a in Answer.objects.filter(screening=screening)}
    for slug, (_button, value) in pressed.items():
        assert answers[slug].value == value, slug
    assert {a.source for a in answers.values()} == {Answer.Source.SELF}
    assert answers["not-free-to-leave"].person_value == rules.YES
    events = AuditEvent.objects.filter(screening_id=screening.pk, action="self_answer")
    assert list(events.values_list("detail", flat=True)) == asked


def test_it_ignores_a_second_tap_on_a_question_already_answered(client, screening):
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    _answer_current(client, screening, "no")
    client.post(_url("self_answer", screening), {"answer": "yes", "sign": "not-free-to-leave"})
    assert Answer.objects.get(screening=screening, indicator_slug="not-free-to-leave").value == (
        rules.YES
    )
    assert _state(client).position == 1


def test_it_shows_the_closing_after_stop(client, screening):
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    client.post(_url("self_answer", screening), {"action": "stop"})
    body = client.get(_url("self_answer", screening)).content.decode()
    assert "Pakibalik ang device na ito sa caseworker." in body
    assert f'action="{_url("hand_back", screening)}"' in body  # a form for the caseworker
    assert "<a " not in body
    assert not Answer.objects.filter(screening=screening).exists()


@pytest.mark.parametrize(
    "name,args",
    [
        ("screening:list", []),
        ("screening:summary", "screening"),
        ("screening:details", "screening"),
        ("accounts:profile", []),
        ("definitions:indicators", []),
        ("home", []),
    ],
)
def test_it_sends_every_other_page_to_hand_back_while_handed_over(client, screening, name, args):
    _hand_over(client, screening)
    url = reverse(name, args=[screening.pk] if args else [])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == _url("hand_back", screening)


def test_it_sends_an_unknown_address_and_the_admin_to_hand_back(client, screening):
    _hand_over(client, screening)
    assert client.get("/no-such-page/").url == _url("hand_back", screening)
    assert client.get("/admin/").url == _url("hand_back", screening)


def test_it_keeps_another_screenings_person_view_closed(client, screening, alice):
    other = make_screening(alice, language="tl")
    _hand_over(client, screening)
    response = client.get(_url("self_answer", other))
    assert response.url == _url("hand_back", screening)


def test_it_hands_back_with_the_password_and_shows_the_answers_as_the_persons(client, screening):
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    _answer_current(client, screening, "no")
    response = client.post(_url("hand_back", screening), {"password": PASSWORD})
    assert response.url == screening.step_url(screening.complete_step)
    assert self_answer.SESSION_KEY not in client.session
    assert client.get(reverse("screening:list")).status_code == 200
    body = client.get(_url("summary", screening)).content.decode()
    assert "Answered by the person alone" in body
    assert "answered by the person" in body
    assert AuditEvent.objects.filter(screening_id=screening.pk, action="handed_back").exists()


def test_it_refuses_a_wrong_password_and_records_it(client, screening):
    _hand_over(client, screening)
    response = client.post(_url("hand_back", screening), {"password": "guess"})
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert self_answer.SESSION_KEY in client.session
    assert AuditEvent.objects.filter(screening_id=screening.pk, action="hand_back_refused")
    assert AccessAttempt.objects.filter(username="alice").get().failures_since_start == 1


def test_it_stops_guessing_after_as_many_wrong_passwords_as_sign_in(client, screening, settings):
    _hand_over(client, screening)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(_url("hand_back", screening), {"password": "guess"})
    response = client.post(_url("hand_back", screening), {"password": PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many wrong passwords" in body
    assert "<a " not in body
    assert self_answer.SESSION_KEY in client.session


def test_it_ends_the_hand_over_with_quick_exit(client, screening):
    _hand_over(client, screening)
    client.post(reverse("accounts:quick_exit"))
    response = client.get(_url("summary", screening))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_it_keeps_the_hand_over_to_its_caseworker(client, screening, bob):
    sign_in(client, bob)
    assert _hand_over(client, screening).status_code == 404


def test_it_refuses_to_hand_over_by_get(client, screening):
    assert client.get(_url("hand_over", screening)).status_code == 405


def test_it_asks_only_the_signs_not_answered_yet_when_chosen(client, screening):
    client.post(screening.step_url(2), step_data(screening, 2, "no"))
    _hand_over(client, screening, questions="unanswered")
    slugs = _state(client).slugs
    assert "not-free-to-leave" not in slugs
    assert "fearful-or-anxious" in slugs


def test_it_keeps_the_persons_answer_when_the_caseworker_changes_it(client, screening):
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    _answer_current(client, screening, "no")  # not free to leave: Yes
    client.post(_url("hand_back", screening), {"password": PASSWORD})
    screening.refresh_from_db()
    data = step_data(screening, 2, "not_sure")
    client.post(screening.step_url(2), data)
    answer = Answer.objects.get(screening=screening, indicator_slug="not-free-to-leave")
    assert (answer.value, answer.source, answer.person_value) == ("not_sure", "caseworker", "yes")
    assert AuditEvent.objects.filter(
        screening_id=screening.pk, detail="changed the person's answer not-free-to-leave"
    ).exists()
    body = client.get(screening.step_url(2)).content.decode()
    assert "changed by the caseworker; the person answered: Yes (observed or disclosed)" in body


def test_it_keeps_a_persons_answer_theirs_when_the_caseworker_saves_it_unchanged(client, screening):
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    _answer_current(client, screening, "rather-not-say")
    client.post(_url("hand_back", screening), {"password": PASSWORD})
    screening.refresh_from_db()
    page = client.get(screening.step_url(2))
    assert "answered by the person" in page.content.decode()
    data = step_data(screening, 2, "no", **{"answer-not-free-to-leave": "declined"})
    client.post(screening.step_url(2), data)
    answer = Answer.objects.get(screening=screening, indicator_slug="not-free-to-leave")
    assert (answer.value, answer.source) == ("declined", "self")


def test_it_saves_the_persons_answer_after_a_save_on_another_device(client, screening):
    _hand_over(client, screening)
    client.post(_url("self_answer", screening), {"action": "start"})
    Screening.objects.filter(pk=screening.pk).update(version=F("version") + 1)
    response = _answer_current(client, screening, "no")
    assert response.status_code == 302
    assert Answer.objects.filter(screening=screening, indicator_slug="not-free-to-leave").exists()


def test_it_records_a_try_while_hand_back_is_locked(client, screening, settings):
    _hand_over(client, screening)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(_url("hand_back", screening), {"password": "guess"})
    refused = AuditEvent.objects.filter(screening_id=screening.pk, action="hand_back_refused")
    assert refused.count() == settings.AXES_FAILURE_LIMIT + 1
    assert refused.last().detail == "locked"


def test_it_ends_the_hand_over_with_the_session_at_its_absolute_limit(client, screening):
    _hand_over(client, screening)
    session = client.session
    session[SIGNED_IN_AT] = 0  # signed in long ago
    session.save()
    response = client.get(_url("self_answer", screening))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert self_answer.SESSION_KEY not in client.session


def _with_pin(user, pin: str = "2580") -> None:
    Profile.for_user(user).set_pin(pin)


def test_it_hands_back_with_the_pin(client, screening, alice):
    _with_pin(alice)
    _hand_over(client, screening)
    page = client.get(_url("hand_back", screening)).content.decode()
    assert "Your password or PIN" in page
    response = client.post(_url("hand_back", screening), {"password": "2580"})
    assert response.url == screening.step_url(screening.complete_step)
    assert self_answer.SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(screening_id=screening.pk, action="handed_back").exists()


def test_it_refuses_the_pin_after_too_many_wrong_ones_while_the_password_works(
    client, screening, alice, settings, caplog
):
    _with_pin(alice)
    _hand_over(client, screening)
    for _ in range(settings.HAND_BACK_PIN_FAILURE_LIMIT):
        response = client.post(_url("hand_back", screening), {"password": "9999"})
        assert response.status_code == 400
    assert _state(client).pin_failures == settings.HAND_BACK_PIN_FAILURE_LIMIT
    assert not AccessAttempt.objects.exists()  # wrong PINs are not sign-in failures
    body = response.content.decode()
    assert "only your password takes the device back now" in body
    assert "Your password or PIN" not in body
    response = client.post(_url("hand_back", screening), {"password": "2580"})  # the right PIN
    assert response.status_code == 400
    assert self_answer.SESSION_KEY in client.session
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 1  # axes counted
    refused = AuditEvent.objects.filter(screening_id=screening.pk, action="hand_back_refused")
    assert refused.count() == settings.HAND_BACK_PIN_FAILURE_LIMIT + 1
    assert not any(
        "2580" in detail or "9999" in detail for detail in refused.values_list("detail", flat=True)
    )
    assert "2580" not in caplog.text and "9999" not in caplog.text
    response = client.post(_url("hand_back", screening), {"password": PASSWORD})
    assert response.url == screening.step_url(screening.complete_step)


def test_it_keeps_the_pin_failures_to_one_hand_over(client, screening, alice, settings):
    _with_pin(alice)
    _hand_over(client, screening)
    for _ in range(settings.HAND_BACK_PIN_FAILURE_LIMIT):
        client.post(_url("hand_back", screening), {"password": "9999"})
    client.post(_url("hand_back", screening), {"password": PASSWORD})
    _hand_over(client, screening)
    response = client.post(_url("hand_back", screening), {"password": "2580"})
    assert response.url == screening.step_url(screening.complete_step)


def test_it_takes_only_the_password_without_a_pin(client, screening):
    _hand_over(client, screening)
    body = client.get(_url("hand_back", screening)).content.decode()
    assert "Your password or PIN" not in body and "Your password" in body


def test_it_offers_the_active_sector_sets_at_hand_over(client, screening):
    SectorQuestionSet.objects.filter(slug="fishing").update(active=False)
    body = client.get(screening.step_url(2)).content.decode()
    assert "Domestic work: the questions chosen for this sector" in body
    assert 'value="sector:construction"' in body
    assert 'value="sector:fishing"' not in body


def test_it_asks_exactly_the_domestic_work_questions_in_catalogue_order(client, screening):
    domestic = SectorQuestionSet.objects.get(slug="domestic-work")
    _hand_over(client, screening, questions="sector:domestic-work")
    slugs = _state(client).slugs
    assert set(slugs) == set(domestic.signs)
    in_catalogue = [indicator.slug for indicator in screening.indicators]
    assert slugs == sorted(slugs, key=in_catalogue.index)
    client.post(_url("self_answer", screening), {"action": "start"})
    body = client.get(_url("self_answer", screening)).content.decode()
    assert f"Tanong 1 sa {len(domestic.signs)}" in body


def test_it_refuses_a_sector_set_no_longer_offered(client, screening):
    SectorQuestionSet.objects.filter(slug="fishing").update(active=False)
    response = _hand_over(client, screening, questions="sector:fishing")
    assert response.url == screening.get_absolute_url()
    assert self_answer.SESSION_KEY not in client.session


def test_it_bounds_the_queries_of_the_hand_over_pages(
    client, screening, alice, django_assert_max_num_queries
):
    _with_pin(alice)
    client.get(screening.step_url(2))  # values kept per content edition are read once
    with django_assert_max_num_queries(12):
        assert client.get(screening.step_url(2)).status_code == 200
    _hand_over(client, screening, questions="sector:fishing")
    client.post(_url("self_answer", screening), {"action": "start"})
    with django_assert_max_num_queries(8):
        assert client.get(_url("self_answer", screening)).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(_url("hand_back", screening)).status_code == 200
