"""The person's own language on the screening pages: each sign's questions on the step cards,
the opening and consent on the details page, the closing on check and complete."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from client_texts.models import ClientText
from referrals.models import ReferralContact
from tests.factories import make_screening, sign_in


@pytest.fixture
def client_texts(catalogue):
    call_command("load_client_texts", verbosity=0)


def _blocks(html: str, lang: str, direction: str) -> list[str]:
    return re.findall(
        rf'<ul class="person-text person-questions" lang="{lang}" dir="{direction}">', html
    )


def test_it_shows_every_signs_questions_in_urdu_right_to_left(client, alice, client_texts):
    screening = make_screening(alice, language="ur")
    sign_in(client, alice)
    for group in screening.groups:
        number = screening.groups.index(group) + 2
        html = client.get(screening.step_url(number)).content.decode()
        assert len(_blocks(html, "ur", "rtl")) == len(group.indicators)
        first = ClientText.objects.get(key=f"question.{group.indicators[0].slug}.1", language="ur")
        assert first.text in html
        assert "Draft translation: have it checked." in html


def test_it_shows_cantonese_speakers_the_traditional_chinese(client, alice, client_texts):
    screening = make_screening(alice, language="yue")
    sign_in(client, alice)
    html = client.get(screening.step_url(2)).content.decode()
    assert _blocks(html, "zh-Hant-HK", "ltr")


@pytest.mark.parametrize("language", ["bn", "other"])
def test_it_shows_no_block_in_a_language_without_texts(client, alice, client_texts, language):
    screening = make_screening(alice, language=language)
    sign_in(client, alice)
    html = client.get(screening.step_url(2)).content.decode()
    assert "person-questions" not in html
    assert 'name="action" value="show"' not in html  # no "Show the questions to the person"


def test_it_drops_the_draft_note_once_reviewed(client, alice, client_texts):
    screening = make_screening(alice, language="id")
    ClientText.objects.filter(language="id").update(status="reviewed", reviewed_by="Siti")
    sign_in(client, alice)
    html = client.get(screening.step_url(2)).content.decode()
    assert _blocks(html, "id", "ltr")
    assert "have it checked" not in html


def test_it_says_when_the_english_changed_since(client, alice, client_texts):
    screening = make_screening(alice, language="id")
    ClientText.objects.filter(language="id").update(status="reviewed", reviewed_by="Siti")
    slug = screening.group_for_step(2).indicators[0].slug
    english = ClientText.objects.get(key=f"question.{slug}.1", language="en")
    english.text += " Please tell me."
    english.save()
    sign_in(client, alice)
    html = client.get(screening.step_url(2)).content.decode()
    assert "Translation made from older English: have it checked." in html


def test_it_shows_the_opening_and_consent_in_the_persons_language(client, alice, client_texts):
    screening = make_screening(alice, language="th")
    sign_in(client, alice)
    html = client.get(reverse("screening:details", args=[screening.pk])).content.decode()
    for key in ("opening", "consent"):
        text = ClientText.objects.get(key=key, language="th").text
        assert text.splitlines()[0] in html
    assert 'class="person-text" lang="th" dir="ltr"' in html
    assert 'lang="ur"' not in html


def test_it_offers_every_opening_before_the_language_is_chosen(client, alice, client_texts):
    sign_in(client, alice)
    html = client.get(reverse("screening:start")).content.decode()
    for lang in ("en", "zh-Hant-HK", "id", "tl", "th", "ne", "hi", "ur"):
        assert f'class="person-text" lang="{lang}"' in html


def test_it_fills_the_closing_from_the_contacts(client, alice, client_texts):
    # The shipped labour contact, edited: the closing reads the database, not a constant.
    ReferralContact.objects.filter(kind="labour").update(phone="2157 0000")
    screening = make_screening(alice, language="tl")
    sign_in(client, alice)
    html = client.get(screening.step_url(screening.complete_step)).content.decode()
    closing = html.split('class="card my-3 person-closing"')[1].split("</section>")[0]
    assert 'class="person-text" lang="tl" dir="ltr"' in closing
    assert "connect@100storiesHK.org" in closing and "100storiesHK" in closing
    assert "999" in closing and "2157 0000" in closing
    assert "{" not in closing
    # Its paragraphs are paragraphs, not markup shown as text to the person.
    assert "<p>" in closing and "&lt;p&gt;" not in closing


def test_it_says_so_when_the_closing_names_a_missing_contact(client, alice, client_texts):
    ReferralContact.objects.filter(kind="labour").update(active=False)
    screening = make_screening(alice, language="ne")
    sign_in(client, alice)
    html = client.get(screening.step_url(screening.complete_step)).content.decode()
    assert "person-closing" not in html
    assert "but one of them is not an active contact" in html
    assert "{labour_phone}" not in html
