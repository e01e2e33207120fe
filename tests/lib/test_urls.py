"""`reverse_kept` gives what `reverse` gives, for the URLconf and script prefix in use."""

from __future__ import annotations

import uuid

from django.test import override_settings
from django.urls import path, reverse, set_script_prefix

from lib.urls import reverse_kept

SOME_ID = uuid.UUID("12345678-1234-5678-1234-567812345678")


def test_it_gives_the_path_reverse_gives():
    for _ in range(2):  # the second time from memory
        assert reverse_kept("screening:step", SOME_ID, 3) == reverse(
            "screening:step", args=[SOME_ID, 3]
        )
    assert reverse_kept("home") == "/"


def test_it_follows_the_script_prefix():
    assert reverse_kept("home") == "/"
    set_script_prefix("/intake/")
    try:
        assert reverse_kept("home") == "/intake/"
        assert reverse_kept("screening:details", SOME_ID).startswith("/intake/screenings/")
    finally:
        set_script_prefix("/")
    assert reverse_kept("home") == "/"


def _elsewhere(request):
    raise AssertionError("never called")


# This module is also a URLconf with its own "home", for the test below.
urlpatterns = [path("elsewhere/", _elsewhere, name="home")]


def test_it_follows_the_urlconf():
    assert reverse_kept("home") == "/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse_kept("home") == "/elsewhere/"
    assert reverse_kept("home") == "/"
