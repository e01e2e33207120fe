"""A save that arrives after the session ended is held, and given back after sign-in.

Only with the proof its page carries of who typed it, only to that person, in the same browser,
for 12 hours; encrypted at rest; nothing typed in a URL or a log. (The attacks on it, planting
and flooding, are in tests/security/test_held_save_attacks.py.)
"""

from __future__ import annotations

import datetime
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from screening.held import PROOF_FIELD
from screening.models import Answer, HeldSave
from tests.factories import make_screening, sign_in, step_data

TYPED = "TYPED-SECRET bruises on both arms"
HELD_COOKIE = "held_save"  # `__Host-held_save` in production: see test_it_sets_a_private_cookie


def page_proof(client, url: str) -> str:
    """The proof of who opened the page, as the signed-in page at `url` carries it."""
    page = client.get(url).content.decode()
    [proof] = re.findall(rf'name="{PROOF_FIELD}" value="([^"]+)"', page)
    return proof


def _typed(screening, number=2, proof="", **extra):
    data = step_data(screening, number, "yes", step_notes=TYPED, **extra)
    data["csrfmiddlewaretoken"] = "not-kept"
    data[PROOF_FIELD] = proof
    return data


def _open_then_expire(client, user, url: str) -> str:
    """`user` opens the page at `url`, then their session ends: the proof the page holds."""
    sign_in(client, user)
    proof = page_proof(client, url)
    _expire_sessions()
    return proof


def _expire_sessions():
    Session.objects.all().delete()


@pytest.fixture
def held(client, alice, alices_screening):
    """alice's session ended while step 2 was open; she pressed Save."""
    url = alices_screening.step_url(2)
    proof = _open_then_expire(client, alice, url)
    return client.post(url, _typed(alices_screening, proof=proof))


def test_it_holds_the_save_and_sends_to_sign_in(held, alices_screening):
    step = alices_screening.step_url(2)
    assert held.status_code == 302
    assert held["Location"] == f"{reverse('accounts:login')}?next={step}"
    assert not Answer.objects.filter(screening=alices_screening).exists()
    row = HeldSave.objects.get()
    assert row.path == step and row.screening_id == alices_screening.pk
    assert "csrfmiddlewaretoken" not in row.form_data()
    assert PROOF_FIELD not in row.form_data()
    assert row.author == alices_screening.created_by


def test_it_says_on_the_sign_in_page_that_the_typing_is_kept(client, held):
    page = client.get(held["Location"]).content.decode()
    assert "What you typed is kept" in page


@pytest.mark.parametrize(("secure", "name"), [(True, "__Host-held_save"), (False, "held_save")])
def test_it_sets_a_private_cookie_made_by_the_server(
    client, alice, alices_screening, settings, secure, name
):
    # As SECURE_COOKIES says (on in production): config/settings.py
    settings.SESSION_COOKIE_SECURE = secure
    settings.HELD_SAVE_COOKIE_NAME = name
    settings.SIGN_OUT_COOKIES = [name]
    url = alices_screening.step_url(2)
    held = client.post(url, _typed(alices_screening, proof=_open_then_expire(client, alice, url)))
    cookie = held.cookies[name]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"  # what `__Host-` requires
    assert cookie["max-age"] == 12 * 60 * 60
    assert cookie["secure"] is (True if secure else "")
    request = RequestFactory().get("/", headers={"Cookie": f"{name}={cookie.value}"})
    token = request.get_signed_cookie(name, salt="screening.held.browser")
    assert HeldSave.objects.get().token_hash == HeldSave.hash(token)
    assert token not in HeldSave.objects.get().token_hash


def test_it_gives_the_typing_back_after_sign_in_unsaved(client, alice, held, alices_screening):
    sign_in(client, alice)
    response = client.get(alices_screening.step_url(2))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["step_notes"].value() == TYPED
    assert {form[f"answer-{i.slug}"].value() for i in form.group.indicators} == {"yes"}
    page = response.content.decode()
    assert "is shown below but is not saved yet" in page
    assert "Your answers on this page are not saved yet." in page
    assert "data-unsaved" in page
    assert not Answer.objects.filter(screening=alices_screening).exists()
    # Shown once: the row is gone and the cookie cleared.
    assert not HeldSave.objects.exists()
    assert response.cookies[HELD_COOKIE]["max-age"] == 0
    assert client.get(alices_screening.step_url(2)).context["form"]["step_notes"].value() == ""


def test_it_saves_the_given_back_typing_when_save_is_pressed(client, alice, held, alices_screening):
    sign_in(client, alice)
    form = client.get(alices_screening.step_url(2)).context["form"]
    data = {**form.data.dict(), "action": "continue"}
    assert client.post(alices_screening.step_url(2), data).status_code == 302
    assert set(
        Answer.objects.filter(screening=alices_screening).values_list("value", flat=True)
    ) == {"yes"}
    assert alices_screening.step_notes.get().text == TYPED


def test_it_shows_both_when_the_screening_changed_meanwhile(client, alice, held, alices_screening):
    sign_in(client, alice)
    client.post(alices_screening.step_url(2), step_data(alices_screening, 2, "no"))  # a tablet
    form = client.get(alices_screening.step_url(2)).context["form"]
    response = client.post(alices_screening.step_url(2), {**form.data.dict()})
    assert response.status_code == 409
    assert response.context["form"]["step_notes"].value() == TYPED


def test_it_gives_nothing_to_another_caseworker_on_the_same_browser(
    client, bob, held, alices_screening
):
    bobs = make_screening(bob)
    sign_in(client, bob)
    own = client.get(bobs.step_url(2))
    assert own.status_code == 200
    assert own.context["form"].is_bound is False
    assert client.get(alices_screening.step_url(2)).status_code == 404
    assert TYPED not in own.content.decode()
    # Still waiting, unread, for alice.
    assert HeldSave.objects.count() == 1


def test_it_gives_nothing_on_another_screening_or_another_page(
    client, alice, held, alices_screening
):
    other = make_screening(alice)
    sign_in(client, alice)
    assert client.get(other.step_url(2)).context["form"].is_bound is False
    assert client.get(alices_screening.step_url(3)).context["form"].is_bound is False
    assert HeldSave.objects.count() == 1
    assert client.get(alices_screening.step_url(2)).context["form"].is_bound is True


def test_it_gives_nothing_to_a_browser_without_the_cookie(held, alice, alices_screening):
    other_browser = Client()
    sign_in(other_browser, alice)
    assert other_browser.get(alices_screening.step_url(2)).context["form"].is_bound is False
    assert HeldSave.objects.count() == 1


def test_it_gives_nothing_after_twelve_hours_and_purges_it(client, alice, held, alices_screening):
    HeldSave.objects.update(created_at=timezone.now() - datetime.timedelta(hours=12, minutes=1))
    sign_in(client, alice)
    assert client.get(alices_screening.step_url(2)).context["form"].is_bound is False
    call_command("apply_retention")
    assert not HeldSave.objects.exists()


def test_it_keeps_a_recent_hold_through_the_daily_retention_run(held):
    call_command("apply_retention")
    assert HeldSave.objects.count() == 1


def test_it_deletes_the_holds_of_a_deleted_screening(held, alices_screening):
    alices_screening.delete()
    assert not HeldSave.objects.exists()


def test_it_encrypts_the_held_typing_at_rest(held):
    with connection.cursor() as cursor:
        cursor.execute("SELECT data, token_hash FROM screening_heldsave")
        [(stored, token_hash)] = cursor.fetchall()
    assert "TYPED-SECRET" not in stored and "bruises" not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    assert TYPED in HeldSave.objects.get().data


def test_it_keeps_two_pages_held_in_the_same_browser(client, alice, alices_screening):
    sign_in(client, alice)
    two, three = alices_screening.step_url(2), alices_screening.step_url(3)
    proofs = page_proof(client, two), page_proof(client, three)
    _expire_sessions()
    client.post(two, _typed(alices_screening, 2, proof=proofs[0]))
    client.post(three, _typed(alices_screening, 3, proof=proofs[1]))
    assert HeldSave.objects.values("token_hash").distinct().count() == 1
    sign_in(client, alice)
    first = client.get(alices_screening.step_url(3))
    assert first.context["form"].is_bound and HELD_COOKIE not in first.cookies  # one still held
    second = client.get(alices_screening.step_url(2))
    assert second.context["form"]["step_notes"].value() == TYPED
    assert second.cookies[HELD_COOKIE]["max-age"] == 0


def test_it_holds_nothing_for_an_unknown_or_completed_screening(client, alice, alices_screening):
    import uuid

    completed = make_screening(alice, status="completed")
    for url in (reverse("screening:step", args=[uuid.uuid4(), 2]), completed.step_url(2)):
        proof = signing.dumps([alice.pk, url], salt="screening.held.page")
        response = client.post(url, {"step_notes": TYPED, PROOF_FIELD: proof})
        assert response["Location"].startswith(reverse("accounts:login"))
        assert HELD_COOKIE not in response.cookies
    assert not HeldSave.objects.exists()


def test_it_does_not_give_back_into_a_screening_completed_meanwhile(
    client, alice, held, alices_screening
):
    from screening import services

    services.complete_screening(
        screening=alices_screening, user=alice, version=alices_screening.version
    )
    sign_in(client, alice)
    response = client.get(alices_screening.step_url(2))
    assert response.status_code == 302
    assert HeldSave.objects.count() == 1  # not thrown away: a supervisor may reopen it


def test_it_holds_the_details_page(client, alice, alices_screening):
    url = reverse("screening:details", args=[alices_screening.pk])
    data = {
        PROOF_FIELD: _open_then_expire(client, alice, url),
        "version": alices_screening.version,
        "case_reference": "HK-HELD-01",
        "screened_on": alices_screening.screened_on.isoformat(),
        "setting": "outreach",
        "language": "th",
        "interpreter": "none",
        "consent": "on",
        "age_band": "adult",
        "immediate_danger": "no",
    }
    assert client.post(url, data)["Location"].startswith(reverse("accounts:login"))
    sign_in(client, alice)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"]["case_reference"].value() == "HK-HELD-01"
    alices_screening.refresh_from_db()
    assert alices_screening.case_reference != "HK-HELD-01"  # not saved until Save is pressed


def test_it_holds_check_and_complete_without_completing(client, alice, alices_screening):
    url = reverse("screening:complete", args=[alices_screening.pk])
    proof = _open_then_expire(client, alice, url)
    client.post(url, {"version": alices_screening.version, PROOF_FIELD: proof})
    sign_in(client, alice)
    response = client.get(url)
    assert "The screening was not completed" in response.content.decode()
    alices_screening.refresh_from_db()
    assert alices_screening.status == "draft"


class TestCsrf:
    """The CSRF cookie outlives the session; and a sign-in in another tab changes the token."""

    @pytest.fixture
    def browser(self, alice, alices_screening):
        browser = Client(enforce_csrf_checks=True)
        sign_in(browser, alice)
        page = browser.get(alices_screening.step_url(2))
        token = str(page.context["csrf_token"])
        return browser, token, page.wsgi_request.held_proof

    def test_it_holds_a_save_with_a_valid_token_after_the_session_ended(
        self, browser, alices_screening
    ):
        browser, token, proof = browser
        _expire_sessions()
        data = {**_typed(alices_screening, proof=proof), "csrfmiddlewaretoken": token}
        response = browser.post(alices_screening.step_url(2), data)
        assert response["Location"].startswith(reverse("accounts:login"))
        assert HeldSave.objects.count() == 1

    def test_it_holds_a_save_whose_token_a_sign_in_elsewhere_changed(
        self, browser, alice, alices_screening
    ):
        browser, old_token, proof = browser
        sign_in(browser, alice)  # "another tab": a new session and a new CSRF secret
        browser.get(reverse("screening:list"))
        from django.middleware.csrf import rotate_token
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        rotate_token(request)  # as login() does
        browser.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
        data = {**_typed(alices_screening, proof=proof), "csrfmiddlewaretoken": old_token}
        url = alices_screening.step_url(2)
        response = browser.post(url, data, headers={"Origin": "http://testserver"})
        assert response.status_code == 302 and response["Location"] == url
        given_back = browser.get(url)
        assert given_back.context["form"]["step_notes"].value() == TYPED
        assert not Answer.objects.filter(screening=alices_screening).exists()

    def test_it_refuses_and_keeps_nothing_from_another_site(self, browser, alices_screening):
        browser, _token, proof = browser
        data = {**_typed(alices_screening, proof=proof), "csrfmiddlewaretoken": "x" * 64}
        for origin in ("https://evil.example", None):
            headers = {"Origin": origin} if origin else {"Referer": "https://evil.example/"}
            response = browser.post(alices_screening.step_url(2), data, headers=headers)
            assert response.status_code == 403
        assert not HeldSave.objects.exists()

    def test_it_refuses_a_bad_token_on_other_pages_as_before(self, browser):
        browser, _token, _proof = browser
        response = browser.post(
            reverse("screening:list"), {"q": "x"}, headers={"Origin": "http://testserver"}
        )
        assert response.status_code == 403
        assert not HeldSave.objects.exists()


def test_it_keeps_the_typing_out_of_logs_and_urls(client, alice, bob, alices_screening, caplog):
    caplog.set_level(logging.DEBUG)
    url = alices_screening.step_url(2)
    proof = _open_then_expire(client, alice, url)
    response = client.post(url, _typed(alices_screening, proof=proof), follow=True)
    urls = [url for url, _status in response.redirect_chain]
    sign_in(client, bob)
    client.get(alices_screening.step_url(2))
    sign_in(client, alice)
    client.get(alices_screening.step_url(2))
    assert urls and not any("TYPED" in url or "bruises" in url for url in urls)
    assert "TYPED-SECRET" not in caplog.text
