"""Small things a new caseworker tripped over (issue 26, item 15): an NGO interpreter option,
the authenticator's manual key in groups of four, a favicon."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.urls import reverse

from screening.models import Screening
from tests.factories import sign_in, start_data


def test_it_offers_an_ngo_interpreter_that_does_not_warn(client, alice, catalogue):
    sign_in(client, alice)
    page = client.get(reverse("screening:start")).content.decode()
    assert "NGO interpreter or volunteer" in page
    response = client.post(reverse("screening:start"), start_data(interpreter="ngo"))
    screening = Screening.objects.get()
    assert response.url == screening.step_url(2)
    assert screening.interpreter == "ngo" and not screening.may_not_speak_freely


def test_it_groups_the_manual_key_in_fours(client, db):
    from screening import roles
    from tests.factories import make_user

    client.force_login(make_user("newboss", roles.SUPERVISOR))  # not enrolled yet
    page = client.get(reverse("accounts:two_factor")).content.decode()
    key = re.search(r'<code class="text-break">([^<]+)</code>', page).group(1)
    assert re.fullmatch(r"[A-Z2-7=]{4}( [A-Z2-7=]{1,4})+", key), key


def test_every_page_names_its_icon(client, db):
    page = client.get(reverse("home")).content.decode()
    assert re.search(r'<link rel="icon" href="/static/favicon[^"]*\.svg"', page)
    assert finders.find("favicon.svg")
