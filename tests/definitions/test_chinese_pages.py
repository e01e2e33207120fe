"""The public reference pages in Chinese show the Chinese content (the interface's own words
stay English until the translated .po lands)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from definitions.models import Definition, Indicator, IndicatorGroup, Note, PalermoElement
from referrals.models import ReferralContact
from tests.definitions.pages import between, text_of
from tests.definitions.source import ILO, PALERMO

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-HK"}


def chinese_page(client, name: str, *args):
    response = client.get(reverse(name, args=args), **CHINESE)
    assert response.status_code == 200
    return text_of(response)


def test_it_shows_the_home_page_content_in_chinese(client, reference):
    text = chinese_page(client, "home")
    assert '<html lang="zh-Hant-HK">' in text
    assert Note.objects.get(slug="not-a-legal-determination").title_zh_hant in text
    for group in IndicatorGroup.objects.all():
        assert group.title_zh_hant in text


def test_it_quotes_the_palermo_protocol_in_chinese_with_the_authoritative_english(
    client, reference
):
    palermo = Definition.objects.get(slug="palermo-protocol")
    text = chinese_page(client, "definitions:definitions")
    section = between(text, '<section aria-labelledby="palermo">', "</section>")
    assert f'<blockquote class="verbatim" lang="zh-Hant-HK"> <p>{palermo.verbatim_zh_hant}</p>' in (
        section
    )
    # The citation says, in Chinese, whose rendering this is and that the English counts.
    assert f"<cite>{palermo.citation_zh_hant}</cite>" in section
    assert "聯合國的中文文本" in section and "以英文本為準" in section
    assert f'<blockquote class="verbatim" lang="en"><p>{PALERMO}</p>' in section
    assert section.index(palermo.verbatim_zh_hant) < section.index(PALERMO)


def test_it_quotes_the_ilo_definition_in_the_projects_chinese_with_the_authoritative_english(
    client, reference
):
    ilo = Definition.objects.get(slug="ilo-forced-labour")
    section = between(
        chinese_page(client, "definitions:definitions"),
        '<section aria-labelledby="forced-labour">',
        "</section>",
    )
    assert f'lang="zh-Hant-HK"> <p>{ilo.verbatim_zh_hant}</p>' in section
    assert "本計劃" in section and "以英文本為準" in section
    assert f'<blockquote class="verbatim" lang="en"><p>{ILO}</p>' in section


def test_it_shows_the_elements_and_notes_of_the_definitions_page_in_chinese(client, reference):
    text = chinese_page(client, "definitions:definitions")
    for element in PalermoElement.objects.all():
        assert f">{element.name_zh_hant}</h3>" in text
    assert Note.objects.get(slug="hong-kong-law").title_zh_hant in text


def test_it_says_in_english_what_the_chinese_is_and_quotes_only_the_english(client, reference):
    text = text_of(client.get(reverse("definitions:definitions")))
    assert "The English text is authoritative" in text
    assert "Chinese text of Article 3(a)" in text and "own draft translation" in text
    assert "verbatim-original" not in text
    assert Definition.objects.get(slug="palermo-protocol").verbatim_zh_hant not in text


def test_it_quotes_the_english_alone_where_a_legal_text_has_no_chinese(client, reference):
    Definition.objects.filter(slug="palermo-protocol").update(verbatim_zh_hant="")
    section = between(
        chinese_page(client, "definitions:definitions"),
        '<section aria-labelledby="palermo">',
        "</section>",
    )
    assert f'<blockquote class="verbatim" lang="en"> <p>{PALERMO}</p>' in section
    assert "verbatim-original" not in section


def test_it_lists_the_signs_in_chinese(client, reference):
    text = chinese_page(client, "definitions:indicators")
    for indicator in Indicator.objects.all():
        assert indicator.wording_zh_hant in text
    assert Note.objects.get(slug="attribution").title_zh_hant in text


def test_it_shows_one_sign_in_chinese(client, reference):
    indicator = Indicator.objects.get(slug="no-control-of-id-documents")
    text = chinese_page(client, "definitions:indicator", indicator.slug)
    assert f'<h1 class="h2">{indicator.wording_zh_hant}</h1>' in text
    assert indicator.explanation_zh_hant in text
    assert "你的護照和身份證放在哪裏？" in text


def test_it_prints_the_card_in_chinese(client, reference):
    text = chinese_page(client, "definitions:card")
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_zh_hant in text


def test_it_names_the_contacts_in_chinese(client, reference):
    text = chinese_page(client, "referrals:contacts")
    for contact in ReferralContact.objects.all():
        assert contact.name_zh_hant in text
        assert contact.when_to_contact_zh_hant in text
    assert "100storiesHK" in text


def test_it_keeps_the_english_and_chinese_pages_apart_in_the_page_cache(client, reference):
    wording = Indicator.objects.get(slug="avoids-eye-contact")
    url = reverse("definitions:indicators")
    for _ in range(2):
        assert wording.wording_zh_hant in text_of(client.get(url, **CHINESE))
        english = text_of(client.get(url))
        assert wording.wording_en in english and wording.wording_zh_hant not in english


@pytest.mark.parametrize(
    "name", ["home", "definitions:definitions", "definitions:indicators", "referrals:contacts"]
)
def test_it_keeps_the_chinese_pages_queries_bounded(
    client, reference, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(8):
        assert client.get(reverse(name), **CHINESE).status_code == 200
