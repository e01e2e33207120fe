from __future__ import annotations

import html
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from referrals.models import ReferralContact

URL = reverse("referrals:contacts")


@pytest.fixture
def contacts(db):
    call_command("load_reference")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_it_renders_for_anonymous_visitors(client, contacts):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Who to contact" in text_of(response)


def test_it_lists_the_emergency_line_first_with_links(client, contacts):
    text = text_of(client.get(URL))
    assert 'href="tel:999"' in text
    assert 'href="mailto:connect@100storiesHK.org"' in text
    assert text.index("Call 999") < text.index("connect@100storiesHK.org")


def test_it_puts_emergencies_first_whatever_their_order(client, contacts):
    ReferralContact.objects.filter(slug="emergency-999").update(order=99)
    text = text_of(client.get(URL))
    assert text.index('id="contact-emergency-999"') < text.index('id="contact-100storieshk"')


def test_it_advises_no_names_in_subject_lines(client, contacts):
    assert "in an e-mail subject line" in text_of(client.get(URL))


def test_it_hides_inactive_contacts(client, contacts):
    ReferralContact.objects.filter(slug="100storieshk").update(active=False)
    text = text_of(client.get(URL))
    assert 'id="contact-100storieshk"' not in text
    assert 'id="contact-emergency-999"' in text


def test_it_still_gives_999_when_no_contact_is_active(client, db):
    assert "call 999" in text_of(client.get(URL))


def test_it_refuses_post(client, contacts):
    assert client.post(URL).status_code == 405


def test_it_keeps_queries_bounded(client, contacts, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # +1 edition, +1 contacts (once an edition)
        assert client.get(URL).status_code == 200
    for number in range(5):
        ReferralContact.objects.create(
            slug=f"extra-{number}", kind="referral", name=f"Extra {number}", when_to_contact="x"
        )
    with django_assert_max_num_queries(3):  # +1 edition, +1 contacts (once an edition)
        assert client.get(URL).status_code == 200
