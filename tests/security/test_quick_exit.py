"""Quick exit on the server: POST signs out and leaves for the neutral site, never an error page."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.definitions.pages import between, text_of
from tests.factories import sign_in

URL = "/accounts/quick-exit/"


def test_it_is_named_in_the_accounts_namespace():
    assert reverse("accounts:quick_exit") == URL


def test_it_signs_out_and_leaves_for_the_neutral_site(client, alice, alices_screening, settings):
    sign_in(client, alice)
    assert client.get(reverse("screening:list")).status_code == 200
    response = client.post(URL)
    assert response.status_code == 303
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "no-store" in response["Cache-Control"]
    assert not Session.objects.exists()
    # What Back or a reload then asks for: the sign-in page, no case reference.
    after = client.get(reverse("screening:list"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("accounts:login"))
    assert alices_screening.case_reference not in text_of(client.get(after["Location"]))


def test_it_goes_to_the_url_configured(client, alice, settings):
    settings.QUICK_EXIT_URL = "https://weather.example/today"
    sign_in(client, alice)
    assert client.post(URL)["Location"] == "https://weather.example/today"


def test_it_needs_no_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, alice)
    response = client.post(URL)
    assert response.status_code == 303
    assert not Session.objects.exists()


def test_it_lets_an_anonymous_visitor_leave(client, db, settings):
    response = client.post(URL)
    assert response.status_code == 303
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "sessionid" not in client.cookies or not client.cookies["sessionid"].value


def test_it_lets_a_supervisor_without_a_second_factor_leave(client, catalogue):
    from tests.factories import make_user

    client.force_login(make_user("boss", "Supervisor"))
    response = client.post(URL)
    assert response.status_code == 303
    assert not Session.objects.exists()


@pytest.mark.parametrize("method", ["get", "head"])
def test_it_sends_a_get_to_the_neutral_site_without_signing_out(client, alice, settings, method):
    # Whoever reaches this address is leaving: no 405 page. But a GET changes nothing, so a
    # link on another site (which carries the Lax session cookie) cannot sign anyone out.
    sign_in(client, alice)
    response = getattr(client, method)(URL)
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "Clear-Site-Data" not in response
    assert Session.objects.exists()
    assert client.get(reverse("screening:list")).status_code == 200


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods(client, db, method):
    assert getattr(client, method)(URL).status_code == 405


def test_the_button_is_a_form_that_posts_there_on_every_page(client, catalogue, alice):
    for url in (reverse("home"), reverse("accounts:login")):
        text = client.get(url).content.decode()
        assert f'<form class="quick-exit-form" method="post" action="{URL}"' in text, url
        assert "csrfmiddlewaretoken" not in text.split("quick-exit-form", 1)[1].split("</form>")[0]
    sign_in(client, alice)
    text = client.get(reverse("screening:list")).content.decode()
    assert f'action="{URL}"' in text


def test_it_names_the_button_for_screen_readers(client, db):
    text = text_of(client.get(reverse("home")))
    button = between(text, '<button type="submit" class="btn btn-danger quick-exit"', "</button>")
    assert re.sub(r"<[^>]*>", "", button.split(">", 1)[1]) == (
        "Emergency: Quick exit (or press Shift three times)"
    )
    assert "or press Esc" not in text


def test_it_allows_the_form_to_reach_the_neutral_site_under_the_csp(client, db, settings):
    # Chromium checks form-action on the redirect after a form, so the neutral site's origin must
    # be allowed, or the no-JavaScript Quick exit would stop at a blocked page.
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    form_action = next(p for p in policy.split(";") if p.strip().startswith("form-action"))
    assert form_action.split()[1:] == ["'self'", "https://www.hko.gov.hk"]
    assert settings.QUICK_EXIT_URL.startswith("https://www.hko.gov.hk/")


def test_it_answers_the_scripts_fetch_with_no_content(client, alice):
    # The script navigates by itself; a redirect would only fetch the neutral site for nothing.
    sign_in(client, alice)
    response = client.post(URL, headers={"Sec-Fetch-Mode": "cors"})
    assert response.status_code == 204
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert not Session.objects.exists()


def test_it_redirects_a_form_that_says_it_navigates(client, alice, settings):
    sign_in(client, alice)
    response = client.post(URL, headers={"Sec-Fetch-Mode": "navigate"})
    assert response.status_code == 303
    assert response["Location"] == settings.QUICK_EXIT_URL


class TestFromAnotherSite:
    """Another site's form posting here must not sign anyone out (issue 30, finding 4): the Lax
    session cookie stays behind, but a response deleting it would still be applied."""

    @pytest.mark.parametrize("site", ["cross-site", "same-site"])
    def test_it_leaves_the_session_of_a_cross_site_post(self, client, alice, site, settings):
        sign_in(client, alice)
        elsewhere = Client()  # what the browser sends another site's form: no Lax cookie
        response = elsewhere.post(URL, headers={"Sec-Fetch-Site": site})
        assert response.status_code == 303
        assert response["Location"] == settings.QUICK_EXIT_URL
        assert "Clear-Site-Data" not in response
        assert "sessionid" not in response.cookies
        assert Session.objects.exists()
        assert client.get(reverse("screening:list")).status_code == 200

    def test_it_leaves_the_session_of_a_post_from_an_old_browser_without_the_cookie(
        self, client, alice
    ):
        sign_in(client, alice)
        response = Client().post(URL)  # no Sec-Fetch-Site, no session cookie
        assert "Clear-Site-Data" not in response
        assert "sessionid" not in response.cookies

    @pytest.mark.parametrize("site", ["same-origin", "none"])
    def test_it_signs_out_a_post_from_this_site(self, client, alice, site):
        sign_in(client, alice)
        response = client.post(URL, headers={"Sec-Fetch-Site": site})
        assert response["Clear-Site-Data"] == '"cache", "storage"'
        assert response.cookies["sessionid"]["max-age"] == 0
        assert not Session.objects.exists()

    def test_its_script_fetch_from_this_site_signs_out(self, client, alice):
        sign_in(client, alice)
        response = client.post(
            URL, headers={"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}
        )
        assert response.status_code == 204
        assert response["Clear-Site-Data"] == '"cache", "storage"'
        assert not Session.objects.exists()
