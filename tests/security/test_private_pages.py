"""Which pages are private (no-store) and need a supervisor's second factor: decided by the app a
view belongs to, so moving an app to another path keeps its protection."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening import roles
from tests.factories import make_user, sign_in

moved = pytest.mark.urls("tests.security.moved_urls")


@moved
def test_it_mounts_the_apps_at_new_paths():
    assert reverse("screening:list") == "/elsewhere/"
    assert reverse("accounts:login") == "/sign-in/login/"


@moved
def test_it_keeps_screening_pages_private_at_a_new_path(client, alice, alices_screening, settings):
    sign_in(client, alice)
    for url in [
        reverse("screening:list"),
        reverse("screening:summary", args=[alices_screening.pk]),
        reverse("screening:pdf", args=[alices_screening.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY


@moved
def test_it_keeps_refusals_from_a_private_view_private(client, alices_screening, bob, val):
    url = reverse("screening:summary", args=[alices_screening.pk])
    anonymous = client.get(url)
    assert anonymous["Location"].startswith("/sign-in/login/")
    sign_in(client, bob)
    not_found = client.get(url)
    sign_in(client, val)
    forbidden = client.get(url)
    assert [anonymous.status_code, not_found.status_code, forbidden.status_code] == [302, 404, 403]
    for response in (anonymous, not_found, forbidden):
        assert "no-store" in response["Cache-Control"]


@moved
def test_it_keeps_sign_in_pages_private_at_a_new_path(client, alice):
    assert "no-store" in client.get(reverse("accounts:login"))["Cache-Control"]
    sign_in(client, alice)
    assert "no-store" in client.get(reverse("accounts:password_change"))["Cache-Control"]


@moved
def test_it_sends_a_supervisor_without_a_second_factor_to_it_from_a_new_path(
    client, catalogue, alices_screening
):
    client.force_login(make_user("boss", roles.SUPERVISOR))
    url = reverse("screening:summary", args=[alices_screening.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/two-factor/?next={url}"
    assert "no-store" in response["Cache-Control"]
    # The two-factor page itself is in "accounts", which never asks for the second factor.
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]


@moved
def test_it_keeps_staff_without_a_second_factor_out_of_the_admin_at_a_new_path(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    response = client.get("/back-office/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/two-factor/?next=/back-office/"
    assert "no-store" in response["Cache-Control"]


@moved
def test_it_lets_a_verified_supervisor_in_at_a_new_path(client, sam, alices_screening):
    sign_in(client, sam)
    response = client.get(reverse("screening:summary", args=[alices_screening.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("urlconf", ["config.urls", "tests.security.moved_urls"])
def test_it_leaves_public_pages_cacheable_with_a_permissions_policy(
    client, catalogue, alice, settings, urlconf
):
    settings.ROOT_URLCONF = urlconf
    for signed_in in (False, True):
        if signed_in:
            sign_in(client, alice)
        response = client.get("/definitions/")
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")
        assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
