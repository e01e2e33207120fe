"""Administrators edit each reference text in English and Chinese side by side."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from modeltranslation.translator import translator

from client_texts.models import SectorQuestionSet
from definitions.models import Indicator, IndicatorGroup, Note
from referrals.models import ReferralContact
from tests.factories import admin_url

MODELS = translator.get_registered_models()


def field_names(content: str) -> list[str]:
    return re.findall(r'<(?:input|textarea)[^>]* name="([^"]+)"', content)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_it_shows_both_languages_of_every_text_on_the_change_page(admin_client, reference, model):
    if model is SectorQuestionSet:
        call_command("load_client_texts")  # the shipped sets come with the texts for the person
    row = model.objects.first()
    content = admin_client.get(admin_url(model, "change", row.pk)).content.decode()
    names = field_names(content)
    for field in translator.get_options_for_model(model).fields:
        assert f"{field}_en" in names and f"{field}_zh_hant" in names, field
        assert field not in names
        # Side by side: the Chinese comes right after the English.
        assert names.index(f"{field}_zh_hant") == names.index(f"{field}_en") + 1
    chinese = getattr(row, f"{translator.get_options_for_model(model).fields[0]}_zh_hant")
    assert chinese in content.replace("&#x27;", "'")


def test_it_shows_the_signs_of_a_group_in_both_languages(admin_client, reference):
    group = IndicatorGroup.objects.get(slug="physical-health")
    content = admin_client.get(admin_url(IndicatorGroup, "change", group.pk)).content.decode()
    assert "Appears malnourished" in content and "看來營養不良" in content


def test_it_saves_the_chinese_without_touching_the_english(admin_client, reference):
    note = Note.objects.get(slug="caveat")
    form = admin_client.get(admin_url(Note, "change", note.pk)).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["body_zh_hant"] = "新的中文"
    response = admin_client.post(admin_url(Note, "change", note.pk), data)
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.body_zh_hant, note.body_en) == ("新的中文", form.initial["body_en"])


def test_it_requires_the_english_but_not_the_chinese(admin_client, reference):
    contact = ReferralContact.objects.get(slug="100storieshk")
    url = admin_url(ReferralContact, "change", contact.pk)
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(name_en="", name_zh_hant="")
    assert "name_en" in admin_client.post(url, data).context["adminform"].form.errors
    data.update(name_en="100storiesHK", when_to_contact_zh_hant="")
    assert admin_client.post(url, data).status_code == 302


@pytest.mark.parametrize("query", ["passport", "護照"])
def test_it_searches_both_languages(admin_client, reference, query):
    response = admin_client.get(admin_url(Indicator, "changelist"), {"q": query})
    found = {indicator.slug for indicator in response.context["cl"].result_list}
    assert "no-control-of-id-documents" in found


def test_it_loads_no_script_or_style_from_elsewhere(admin_client, reference):
    row = Indicator.objects.first()
    content = admin_client.get(admin_url(Indicator, "change", row.pk)).content.decode()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', content)


@pytest.mark.django_db
def test_it_lets_an_administrator_set_how_the_guidance_reads_a_sign(admin_client, reference):
    from definitions.models import Indicator

    indicator = Indicator.objects.get(slug="avoids-eye-contact")
    page = admin_client.get(f"/admin/definitions/indicator/{indicator.pk}/change/").content.decode()
    for field in ("weight", "weight_source", "says_under_18"):
        assert f'name="{field}"' in page, field
    contacts = admin_client.get("/admin/referrals/referralcontact/").content.decode()
    assert "column-last_checked" in contacts
