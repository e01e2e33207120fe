"""Check and complete: the consent-to-share text read before the consent question, and, where a
child is indicated, the disclosure script: each in the person's language."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from client_texts.models import ClientText
from screening.models import Screening
from tests.factories import make_screening, sign_in


@pytest.fixture
def client_texts(catalogue):
    call_command("load_client_texts", verbosity=0)


def _section(html: str, name: str) -> str:
    return html.split(f'class="card my-3 {name}"')[1].split("</section>")[0]


def _complete_page(client, user, **fields) -> str:
    screening = make_screening(user, **fields)
    sign_in(client, user)
    return client.get(screening.step_url(screening.complete_step)).content.decode()


def test_it_reads_the_consent_to_share_text_in_urdu_first(client, alice, client_texts):
    html = _complete_page(client, alice, language="ur")
    section = _section(html, "person-consent-to-share")
    assert 'lang="ur" dir="rtl"' in section
    assert ClientText.objects.get(key="consent-to-share", language="ur").text in section
    assert "Draft translation: have it checked." in section
    assert html.index("person-consent-to-share") < html.index('name="consent_to_share"')


def test_it_shows_no_consent_to_share_text_in_a_language_without_texts(client, alice, client_texts):
    html = _complete_page(client, alice, language="bn")
    assert "person-consent-to-share" not in html
    assert 'name="consent_to_share"' in html


def test_it_reads_the_child_disclosure_script_for_a_child(client, alice, client_texts):
    html = _complete_page(client, alice, language="id", age_band=Screening.AgeBand.UNDER_18)
    section = _section(html, "person-child-disclosure")
    assert 'lang="id" dir="ltr"' in section
    assert ClientText.objects.get(key="child-disclosure", language="id").text in section


def test_it_does_not_read_the_child_disclosure_script_to_an_adult(client, alice, client_texts):
    html = _complete_page(client, alice, language="id")
    assert "person-child-disclosure" not in html


def test_it_isolates_each_latin_value_of_the_urdu_closing_in_bdi(client, alice, client_texts):
    html = _complete_page(client, alice, language="ur")
    closing = _section(html, "person-closing")
    assert 'lang="ur" dir="rtl"' in closing
    assert "<bdi>connect@100storiesHK.org</bdi>" in closing
    assert "<bdi>999</bdi>" in closing and "<bdi>2157 9537</bdi>" in closing
    assert "{" not in closing
