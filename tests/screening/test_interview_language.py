"""The interview language is a code (counted by the statistics), shown by name in the reader's
language; the migration turned the names stored before into codes."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from screening.models import Screening
from tests.factories import make_screening, sign_in, start_data

migration = importlib.import_module("screening.migrations.0012_interview_language_codes")


@pytest.mark.parametrize(
    "stored, code",
    [
        ("English", "en"),
        ("Cantonese", "yue"),
        ("Mandarin", "cmn"),
        ("Indonesian", "id"),
        ("Filipino", "tl"),
        ("Thai", "th"),
        ("Nepali", "ne"),
        ("Hindi", "hi"),
        ("Urdu", "ur"),
        ("Bengali", "bn"),
        ("Sinhala", "si"),
        ("Burmese", "my"),
        ("Vietnamese", "vi"),
        ("Other", "other"),
        ("Punjabi", "other"),
        ("ur", "ur"),
    ],
)
def test_it_turns_the_stored_names_into_codes(alice, catalogue, stored, code):
    screening = make_screening(alice)
    Screening.objects.filter(pk=screening.pk).update(language=stored)
    migration.names_to_codes(apps, None)
    screening.refresh_from_db()
    assert screening.language == code


def test_it_stores_the_code_the_form_offers(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data(language="ur"))
    assert Screening.objects.get().language == "ur"


def test_it_refuses_a_language_name(client, alice, catalogue):
    sign_in(client, alice)
    response = client.post(reverse("screening:start"), start_data(language="Urdu"))
    assert response.status_code == 200 and not Screening.objects.exists()


@pytest.mark.parametrize(
    "code, client_language",
    [("yue", "zh-hant"), ("cmn", "zh-hant"), ("ur", "ur"), ("tl", "tl"), ("bn", None)],
)
def test_it_knows_which_texts_the_person_reads(code, client_language):
    assert Screening(language=code).client_language == client_language


def test_it_shows_the_language_by_name_in_the_readers_language(client, alice, catalogue):
    screening = make_screening(alice, language="id", status="completed")
    sign_in(client, alice)
    html = client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    assert "Bahasa Indonesia" in html
    with translation.override("zh-hant"):
        assert str(Screening(language="ur").get_language_display()) != "Urdu"
