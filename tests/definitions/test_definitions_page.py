from __future__ import annotations

import re

from django.urls import reverse

from definitions.models import Note
from tests.definitions.pages import between, text_of
from tests.definitions.source import ILO, ILO_INDICATORS, PALERMO

URL = reverse("definitions:definitions")


def quotations(text: str) -> list[str]:
    return re.findall(r'<figure class="verbatim-figure">.*?</figure>', text)


def test_it_renders_for_anonymous_visitors(client, reference):
    response = client.get(URL)
    assert response.status_code == 200
    assert "What is human trafficking?" in text_of(response)


def test_it_quotes_the_palermo_protocol_verbatim_with_its_citation(client, reference):
    text = text_of(client.get(URL))
    quote = quotations(text)[0]
    assert f'<blockquote class="verbatim" lang="en"> <p>{PALERMO}</p>' in quote
    assert "Palermo Protocol" in quote and "<cite>" in quote


def test_it_explains_the_three_elements_and_the_rule_for_children(client, reference):
    text = text_of(client.get(URL))
    for name in ("Act", "Means", "Purpose"):
        assert f'<h3 id="element-{name.lower()}" class="h4 mt-3">{name}</h3>' in text
    assert "If the person is a child (under 18)" in text
    assert "For a child the “means” are not required" in text


def test_it_quotes_the_ilo_definition_and_lists_the_eleven_indicators(client, reference):
    text = text_of(client.get(URL))
    quote = quotations(text)[1]
    assert f'<blockquote class="verbatim" lang="en"> <p>{ILO}</p>' in quote
    assert "Convention, 1930 (No. 29)" in quote
    listing = between(text, '<ol class="ilo-indicators">', "</ol>")
    assert listing.count("<li") == 11
    for name in ILO_INDICATORS:
        assert f"<strong>{name}</strong>" in listing


def test_it_gives_the_hong_kong_context(client, reference):
    text = text_of(client.get(URL))
    assert "Cap. 200" in text
    assert re.search(r"\b(s\.|section) 129\b", text)
    assert "29,500" in text
    assert "Global Slavery Index" in text


def test_it_escapes_note_bodies(client, reference):
    Note.objects.filter(slug="hong-kong-law").update(body="<b>bold</b>\n\nsecond")
    content = client.get(URL).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in content
    assert "<p>second</p>" in content


def test_it_works_before_the_reference_is_loaded(client, db):
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client, reference):
    assert client.post(URL).status_code == 405


def test_it_keeps_queries_bounded(client, reference, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # +1 edition, +1 contacts (once an edition)
        assert client.get(URL).status_code == 200


def test_it_quotes_the_un_chinese_for_abuse_of_a_position_of_vulnerability(client, reference):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-HK").content.decode()
    assert "濫用權力或濫用脆弱境況" in page
    assert "欺凌弱勢" not in page
    assert "quoted exactly" not in page and "照錄原文" not in page
