"""Sector question sets: a sector's choice of self-answer questions, kept in the admin."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from client_texts.models import SectorQuestionSet
from screening.self_answer import SELF_QUESTIONS
from tests.factories import admin_url


@pytest.fixture
def texts(catalogue):
    call_command("load_client_texts", verbosity=0)


def _form(**overrides) -> dict:
    data = {
        "name_en": "Shipping",
        "name_zh_hant": "航運業",
        "slug": "shipping",
        "active": "on",
        "order": "5",
        "signs": ["not-free-to-leave", "large-debt"],
    }
    return {**data, **overrides}


def test_it_ships_the_four_sectors_with_questions_only(texts):
    sets = list(SectorQuestionSet.objects.all())
    assert [s.slug for s in sets] == ["domestic-work", "construction", "fishing", "entertainment"]
    assert [s.name_zh_hant for s in sets] == ["家務工作", "建造業", "漁業", "娛樂業"]
    for sector in sets:
        assert sector.active and set(sector.signs) <= set(SELF_QUESTIONS), sector.slug
        assert len(sector.signs) >= 10


def test_it_leaves_an_edited_set_alone_when_loaded_again(texts):
    SectorQuestionSet.objects.filter(slug="fishing").update(signs=["large-debt"], active=False)
    SectorQuestionSet.objects.filter(slug="construction").delete()
    call_command("load_client_texts", verbosity=0)
    fishing = SectorQuestionSet.objects.get(slug="fishing")
    assert (fishing.signs, fishing.active) == (["large-debt"], False)
    assert SectorQuestionSet.objects.filter(slug="construction").exists()
    assert SectorQuestionSet.objects.count() == 4


def test_it_offers_the_questions_by_their_english_text(admin_client, texts):
    page = admin_client.get(admin_url(SectorQuestionSet, "add")).content.decode()
    assert "Do you owe money that you cannot pay back?" in page
    assert 'value="avoids-eye-contact"' not in page  # seen rather than told: no question


def test_it_saves_a_set_from_the_admin(admin_client, texts):
    response = admin_client.post(admin_url(SectorQuestionSet, "add"), _form())
    assert response.status_code == 302
    shipping = SectorQuestionSet.objects.get(slug="shipping")
    assert (shipping.name, shipping.signs) == ("Shipping", ["not-free-to-leave", "large-debt"])


@pytest.mark.parametrize("sign", ["avoids-eye-contact", "appears-malnourished", "no-such-sign"])
def test_it_refuses_an_observe_only_or_unknown_sign(admin_client, texts, sign):
    response = admin_client.post(
        admin_url(SectorQuestionSet, "add"), _form(signs=["large-debt", sign])
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SectorQuestionSet.objects.filter(slug="shipping").exists()
