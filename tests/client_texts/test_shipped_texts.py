"""The shipped texts: every sign's questions and the opening, consent and closing in all eight
languages, with every placeholder the English has, made from the English shipped beside them."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.management import call_command

from client_texts.models import (
    CONTENT_LANGUAGES,
    GENERAL_KEYS,
    ClientText,
    placeholders,
    question_keys,
)
from definitions.models import Indicator

FIXTURES = [
    settings.BASE_DIR / "fixtures" / name
    for name in ("client_texts.json", "self_answer_texts.json")
]


def _shipped() -> dict[tuple[str, str], str]:
    rows = [row for fixture in FIXTURES for row in json.loads(fixture.read_text(encoding="utf-8"))]
    return {(row["key"], row["language"]): row["text"] for row in rows}


@pytest.mark.parametrize("language", sorted(CONTENT_LANGUAGES))
def test_it_ships_two_questions_for_every_sign_in_every_language(catalogue, language):
    shipped = _shipped()
    slugs = Indicator.objects.values_list("slug", flat=True)
    assert len(slugs) == 24
    missing = [
        key
        for slug in slugs
        for key in question_keys(slug)
        if not shipped.get((key, language), "").strip()
    ]
    assert missing == []


@pytest.mark.parametrize("language", sorted(CONTENT_LANGUAGES))
def test_it_ships_the_opening_consent_privacy_summary_and_closing(language):
    shipped = _shipped()
    assert all(shipped.get((key, language), "").strip() for key in GENERAL_KEYS)


def test_it_keeps_every_placeholder_in_every_translation():
    shipped = _shipped()
    wrong = {
        (key, language)
        for (key, language), text in shipped.items()
        if placeholders(text) != placeholders(shipped[key, "en"])
    }
    assert wrong == set()
    assert placeholders(shipped["closing", "en"]) == {
        "{emergency_phone}",
        "{referral_name}",
        "{referral_email}",
        "{labour_phone}",
    }


def test_it_loads_twice_without_duplicates_and_up_to_date(catalogue):
    call_command("load_client_texts", verbosity=0)
    call_command("load_client_texts", verbosity=0)
    assert ClientText.objects.count() == len(_shipped())
    assert not ClientText.objects.out_of_date().exists()
    assert set(ClientText.objects.values_list("status", flat=True)) == {"draft"}


def test_it_never_overwrites_a_reviewed_translation(catalogue):
    call_command("load_client_texts", verbosity=0)
    ClientText.objects.filter(key="opening", language="id").update(
        text="Diperiksa.", status="reviewed", reviewed_by="Siti"
    )
    call_command("load_client_texts", verbosity=0)
    assert ClientText.objects.get(key="opening", language="id").text == "Diperiksa."
