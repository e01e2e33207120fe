"""The sign-in and password pages: our templates around Django's auth views."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.definitions.pages import text_of


@pytest.fixture
def casey(db):
    return get_user_model().objects.create_user("casey", password="correct horse battery")


def test_it_shows_a_calm_sign_in_page(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    text = text_of(response)
    assert "<h1" in text and "Sign in" in text
    assert "Recognise the signs" in text  # the site's name (SITE_NAME)
    assert 'id="id_username"' in text and 'id="id_password"' in text
    assert "csrfmiddlewaretoken" in text


def test_it_keeps_where_to_go_after_signing_in(client, db):
    text = text_of(client.get(reverse("accounts:login"), {"next": "/screenings/"}))
    assert 'name="next" value="/screenings/"' in text


def test_it_shows_the_password_change_form_to_a_signed_in_user(client, casey):
    client.force_login(casey)
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 200
    text = text_of(response)
    assert "Change your password" in text
    assert 'id="id_old_password"' in text and 'id="id_new_password2"' in text


def test_it_changes_the_password_and_confirms_it(client, casey):
    client.force_login(casey)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": "a new and longer passphrase",
            "new_password2": "a new and longer passphrase",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:password_change_done")
    assert "Password changed" in text_of(response)
    casey.refresh_from_db()
    assert casey.check_password("a new and longer passphrase")


def test_it_shows_password_errors_on_the_form(client, casey):
    client.force_login(casey)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "invalid-feedback" in text_of(response) or "errorlist" in text_of(response)


def test_it_asks_anonymous_visitors_to_sign_in_before_changing_a_password(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
