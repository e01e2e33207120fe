"""The safety close (issue 25, item 8): before the person leaves, the last step asks whether it is
safe for them to go back today, with guidance for the caseworker and the question in the
person's language."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from client_texts.models import GENERAL_KEYS, ClientText
from tests.factories import make_screening, sign_in


@pytest.fixture
def client_texts(catalogue):
    call_command("load_client_texts", verbosity=0)


def _complete_page(client, user, **fields) -> str:
    screening = make_screening(user, **fields)
    sign_in(client, user)
    return client.get(screening.step_url(screening.complete_step)).content.decode()


def _section(html: str) -> str:
    return html.split('class="card my-3 safety-close"')[1].split("</section>")[0]


def test_it_asks_in_tagalog_whether_it_is_safe_to_go_back_today(client, alice, client_texts):
    html = _complete_page(client, alice, language="tl")
    section = _section(html)
    assert 'lang="tl"' in section
    assert "Bago ka umalis: ligtas ba para sa iyo na bumalik ngayong araw?" in section
    assert "Draft translation: have it checked." in section


def test_it_tells_the_caseworker_what_to_do_if_it_is_not_safe(client, alice, client_texts):
    section = _section(_complete_page(client, alice, language="bn"))
    assert "is it safe to go back today?" in section
    assert "where they can stay tonight" in section
    assert "person-text" not in section  # no texts in Bengali: the guidance alone


def test_it_asks_before_the_closing_and_before_the_consent_to_share(client, alice, client_texts):
    html = _complete_page(client, alice, language="en")
    assert "Before you go: is it safe for you to go back today?" in _section(html)
    assert html.index("safety-close") < html.index('name="consent_to_share"')


def test_it_ships_the_safety_close_in_every_language_as_a_draft(client_texts):
    assert "safety-close" in GENERAL_KEYS
    texts = ClientText.objects.filter(key="safety-close")
    assert texts.count() == 8 and set(texts.values_list("status", flat=True)) == {"draft"}
