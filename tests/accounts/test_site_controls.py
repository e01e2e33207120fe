"""The reader's controls in every page's header (accounts/templatetags/site_controls.py): the
main menu's account items for each role, and the language switcher's form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


def menu(page: str) -> str:
    return page.split('class="site-nav', 1)[1].split("</nav>", 1)[0]


def switcher(page: str) -> str:
    return page.split('class="language-switcher"', 1)[1].split("</form>", 1)[0]


@pytest.mark.django_db
def test_it_offers_sign_in_to_an_anonymous_reader(client, catalogue):
    nav = menu(client.get("/").content.decode())
    assert f'href="{reverse("accounts:login")}">Sign in</a>' in nav
    assert "Sign out" not in nav and "Your details" not in nav and "csrfmiddlewaretoken" not in nav


def test_it_lists_screenings_for_a_role_that_has_them(client, alice, sam, val):
    for user, has_screenings in ((alice, True), (sam, True), (val, False)):
        client.force_login(user)
        nav = menu(client.get("/").content.decode())
        assert (f'href="{reverse("screening:list")}">Screenings</a>' in nav) is has_screenings
        assert f'href="{reverse("accounts:profile")}">Your details</a>' in nav
        assert f'action="{reverse("accounts:logout")}"' in nav and "Sign in" not in nav


def test_it_signs_out_with_the_pages_csrf_token(alice):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    page = strict.get(reverse("accounts:profile")).content.decode()
    nav = menu(page)
    token = nav.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    # The same token as the language switcher's: one per page.
    assert f'value="{token}"' in switcher(page)
    logout = reverse("accounts:logout")
    assert strict.post(logout, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    response = strict.post(logout, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "_auth_user_id" not in strict.session


def test_it_shows_the_menu_in_the_readers_language(client, alice):
    client.force_login(alice)
    nav = menu(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-HK").content.decode())
    assert "Sign out" not in nav and "Screenings" not in nav
    assert nav.count('class="nav-item"') == 6  # three main links, then the reader's three


@pytest.mark.django_db
def test_it_sends_the_switcher_back_to_this_page_escaped(client, catalogue):
    form = switcher(client.get('/no-such-page/"><b>x</').content.decode())
    assert 'name="next" value="/no-such-page/&quot;&gt;&lt;b&gt;x&lt;/"' in form
    assert "<b>" not in form
