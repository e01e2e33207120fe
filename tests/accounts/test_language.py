"""The language switcher: a plain POST form in every page's header, remembered by a cookie for
anonymous readers and on the profile for signed-in people, applied again at sign-in."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Profile

COOKIE = settings.LANGUAGE_COOKIE_NAME


def switch(client, language: str, next_page: str = "/", **extra):
    return client.post(reverse("set_language"), {"language": language, "next": next_page}, **extra)


def html_lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_it_shows_the_other_language_named_in_itself_on_every_page(client, catalogue):
    for url in ("/", reverse("definitions:indicators"), reverse("accounts:login")):
        page = client.get(url).content.decode()
        assert 'action="/i18n/setlang/"' in page
        assert 'name="language" value="zh-hant" lang="zh-Hant-HK"' in page
        assert ">中文</button>" in page
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-HK").content.decode()
    assert 'value="en" lang="en"' in chinese and ">English</button>" in chinese


@pytest.mark.django_db
def test_it_switches_an_anonymous_reader_by_cookie_and_goes_back(client, catalogue):
    response = switch(client, "zh-hant", reverse("definitions:indicators"))
    assert response.status_code == 302
    assert response["Location"] == reverse("definitions:indicators")
    cookie = response.cookies[COOKIE]
    assert cookie.value == "zh-hant"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(reverse("definitions:indicators"))
    assert page["Content-Language"] == "zh-hant"
    assert html_lang(page) == "zh-Hant-HK"


@pytest.mark.django_db
def test_it_needs_no_csrf_token_from_an_anonymous_reader(catalogue):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert switch(strict, "zh-hant").cookies[COOKIE].value == "zh-hant"


@pytest.mark.django_db
def test_it_keeps_public_pages_free_of_csrf_tokens(client, catalogue):
    assert "csrfmiddlewaretoken" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_it_checks_the_csrf_token_of_a_signed_in_person(alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert switch(strict, "zh-hant").status_code == 403
    assert Profile.language_of(alice) == ""
    page = strict.get(reverse("screening:list")).content.decode()
    form = page.split('class="language-switcher"', 1)[1].split("</form>", 1)[0]
    token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = strict.post(
        reverse("set_language"), {"language": "zh-hant", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Profile.language_of(alice) == "zh-hant"


@pytest.mark.django_db
def test_it_applies_the_profile_language_at_sign_in(client, alice):
    Profile.remember_language(alice, "zh-hant")
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "zh-hant"
    assert client.get(reverse("screening:list"))["Content-Language"] == "zh-hant"


@pytest.mark.django_db
def test_it_leaves_the_language_alone_at_sign_in_when_none_was_chosen(client, alice):
    client.cookies[COOKIE] = "zh-hant"
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct horse battery"}
    )
    assert COOKIE not in response.cookies
    assert client.get(reverse("screening:list"))["Content-Language"] == "zh-hant"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["xx", "", "zh-hant'><script>", "../../etc", "zh_Hant" * 50])
def test_it_ignores_unknown_or_malformed_languages(client, alice, language):
    client.force_login(alice)
    response = switch(client, language)
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert Profile.language_of(alice) == ""
    assert client.get("/")["Content-Language"] == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-HK,zh;q=0.9,en;q=0.8", "zh-hant"),
        ("zh-TW", "zh-hant"),
        ("zh-Hant-HK", "zh-hant"),
        ("en-GB,en;q=0.9", "en"),
        ("id,tl;q=0.8", "en"),
        ("garbage;;q=x,,,", "en"),
        ("*;q=abc" * 100, "en"),
    ],
)
def test_it_reads_the_browser_language_and_falls_back_to_english(
    client, catalogue, header, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert response["Content-Language"] == expected


@pytest.mark.django_db
def test_it_sends_a_switcher_elsewhere_back_home(client, catalogue):
    response = switch(client, "zh-hant", "https://evil.example/")
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_it_refuses_get(client):
    assert client.get(reverse("set_language")).status_code == 405


@pytest.mark.django_db
def test_it_says_on_every_translated_page_that_the_translation_is_a_draft(client, catalogue):
    from django.utils import translation

    with translation.override("zh-hant"):
        note = translation.gettext(
            "This translation is a draft by the project team and has not yet been checked by a "
            "native speaker. Where it differs from the English, the English is right."
        )
    for url in ("/", reverse("definitions:indicators"), reverse("accounts:login")):
        assert note in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-HK").content.decode()
        assert "translation-note" not in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Referer": "https://evil.example/page"},
    ],
)
def test_it_refuses_a_switch_from_another_site(client, catalogue, headers):
    # Issue 30, finding 10: another site's form must not change a reader's language.
    response = switch(client, "zh-hant", headers=headers)
    assert response.status_code == 403
    assert COOKIE not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
        {"Referer": "http://testserver/indicators/"},
    ],
)
def test_it_switches_from_this_site(client, catalogue, headers):
    assert switch(client, "zh-hant", headers=headers).cookies[COOKIE].value == "zh-hant"
