"""The opening, the privacy summary and the PICS promise no more confidentiality than the law
allows, and a reviewed translation of the older, more confident English shows as out of date."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.management import call_command

from client_texts.models import CONTENT_LANGUAGES, ClientText, text_hash
from definitions.models import Note

FIXTURE = settings.BASE_DIR / "fixtures" / "client_texts.json"

# The English shipped before issue 25: "only our caseworker and their supervisor".
PRIVACY_SUMMARY_BEFORE = (
    "We write down your answers and a few short notes, but not your name, address, phone number "
    "or ID number. This helps us understand your situation and find the right help for you. Only "
    "our caseworker and their supervisor can see it, and we share it with another organisation "
    "only if you agree. If someone is in immediate danger, we may call the police. We keep it "
    "safely, and you can ask to see it or to correct it."
)


def _shipped(key: str, language: str = "en") -> str:
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return next(r["text"] for r in rows if r["key"] == key and r["language"] == language)


@pytest.mark.parametrize("key", ["opening", "privacy-summary"])
def test_it_says_the_law_can_require_sharing_for_a_child_or_a_life(key):
    text = _shipped(key)
    assert "law" in text and "child" in text and "serious harm" in text and "life" in text


def test_it_names_everyone_who_can_see_the_record():
    text = _shipped("privacy-summary")
    assert "Only our caseworker" not in text
    assert "every supervisor" in text and "computer system" in text


@pytest.mark.parametrize("key", ["consent-to-share", "child-disclosure"])
@pytest.mark.parametrize("language", sorted(CONTENT_LANGUAGES))
def test_it_ships_the_texts_read_at_completion_in_every_language(key, language):
    assert _shipped(key, language).strip()


def test_it_tells_the_person_they_can_say_no_to_sharing():
    text = _shipped("consent-to-share")
    assert "You can say no" in text and "not your name" in text


def test_it_tells_a_child_what_must_be_reported_and_that_they_will_be_told_first():
    text = _shipped("child-disclosure")
    assert "even if you do not agree" in text and "I will tell you before" in text


def test_it_shows_a_translation_reviewed_against_the_old_english_as_out_of_date(catalogue):
    ClientText.objects.create(key="privacy-summary", language="en", text=PRIVACY_SUMMARY_BEFORE)
    ClientText.objects.create(
        key="privacy-summary",
        language="ur",
        text="Reviewed against the old English.",
        status="reviewed",
        reviewed_by="A reviewer",
        source_hash=text_hash(PRIVACY_SUMMARY_BEFORE),
    )
    call_command("load_client_texts", verbosity=0)
    reviewed = ClientText.objects.with_english().get(key="privacy-summary", language="ur")
    assert reviewed.text == "Reviewed against the old English."
    assert reviewed.is_out_of_date
    assert reviewed.needs_checking


def test_it_says_in_the_statement_who_can_see_it_and_when_the_law_overrides_consent(catalogue):
    statement = Note.objects.get(slug="personal-information-collection-statement")
    assert "every supervisor" in statement.body_en and "administrators" in statement.body_en
    assert "serious harm" in statement.body_en and "without your consent" in statement.body_en
    assert "所有督導人員" in statement.body_zh_hant and "嚴重傷害" in statement.body_zh_hant
