from __future__ import annotations

import io
import re

from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from definitions.models import Indicator, Note
from tests.definitions.factories import make_indicator
from tests.definitions.pages import squash, text_of
from tests.definitions.source import CAVEAT, SIGNS
from tests.pdfs import cjk_faces, embedded_fonts

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-HK"}


def unspaced(text: str) -> str:
    # A PDF line can break after "and/" with no space in the source, so compare without spaces.
    return re.sub(r"\s+", "", text)


def test_it_renders_the_card_for_anonymous_visitors(client, reference):
    response = client.get(reverse("definitions:card"))
    assert response.status_code == 200
    text = text_of(response)
    for sign in SIGNS:
        assert f"<li>{sign}</li>" in text
    assert 'href="tel:999"' in text
    assert 'href="mailto:connect@100storiesHK.org"' in text
    assert CAVEAT in text
    assert "Polaris Project" in text


def test_it_links_its_own_print_stylesheet_and_the_pdf(client, reference):
    text = text_of(client.get(reverse("definitions:card")))
    assert "/static/css/card.css" in text
    assert f'href="{reverse("definitions:card_pdf")}"' in text


def test_it_serves_the_card_as_a_one_page_pdf_download(client, reference):
    response = client.get(reverse("definitions:card_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="recognise-the-signs.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = unspaced(reader.pages[0].extract_text())
    for sign in SIGNS:
        assert unspaced(sign) in text, sign
    assert "Call999" in text
    assert "connect@100storiesHK.org" in text
    assert unspaced(CAVEAT) in text
    assert "PolarisProject" in text
    assert reader.metadata.title == "Recognise the signs: printable card"


def test_it_leaves_the_web_page_controls_out_of_the_pdf(client, reference):
    response = client.get(reverse("definitions:card_pdf"))
    text = squash(PdfReader(io.BytesIO(response.content)).pages[0].extract_text())
    assert "Download the card as PDF" not in text
    assert "Quick exit" not in text


def test_it_refuses_post(client, reference):
    assert client.post(reverse("definitions:card")).status_code == 405
    assert client.post(reverse("definitions:card_pdf")).status_code == 405


def test_it_keeps_queries_bounded(client, reference, django_assert_max_num_queries):
    for name in ("definitions:card", "definitions:card_pdf"):
        with django_assert_max_num_queries(4):  # +1 edition, +1 contacts (once an edition)
            assert client.get(reverse(name)).status_code == 200
    for _ in range(5):
        make_indicator()
    for name in ("definitions:card", "definitions:card_pdf"):
        with django_assert_max_num_queries(4):  # +1 edition, +1 contacts (once an edition)
            assert client.get(reverse(name)).status_code == 200


def _card_pdf(client, **headers) -> bytes:
    response = client.get(reverse("definitions:card_pdf"), **headers)
    assert response.status_code == 200
    return response.content


def test_it_prints_the_card_in_chinese_for_a_reader_asking_for_it(client, reference):
    document = _card_pdf(client, **CHINESE)
    reader = PdfReader(io.BytesIO(document))
    text = unspaced(reader.pages[0].extract_text())
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant-HK"
    with translation.override("zh-hant"):
        title = translation.gettext("Recognise the signs")
    assert title != "Recognise the signs"  # the Chinese translations are compiled and loaded
    assert unspaced(title) in text
    assert "connect@100storiesHK.org" in text
    faces = cjk_faces(document)
    assert set(faces) == {"hk"}  # no Japanese, Simplified or Korean forms
    assert faces["hk"] == {"notosanscjkhk", "notosanscjkhkbold"}  # the title is bold
    assert {"dejavusans", "dejavusansbold"} <= embedded_fonts(document)  # the Latin text


def test_it_prints_the_signs_in_chinese_for_a_reader_asking_for_it(client, reference):
    indicator = Indicator.objects.order_by("pk").first()
    chinese = getattr(indicator, "wording_zh_hant", "")  # django-modeltranslation's column
    assert chinese, "the reference content has no Chinese wording"
    text = unspaced(PdfReader(io.BytesIO(_card_pdf(client, **CHINESE))).pages[0].extract_text())
    assert unspaced(chinese) in text
    assert unspaced(indicator.wording_en) not in text


def test_it_sets_chinese_in_hong_kong_forms_on_the_english_card_too(client, reference):
    # An administrator's note can hold Chinese in any language; Fontconfig alone would give it
    # Japanese glyph forms.
    Note.objects.filter(slug="caveat").update(body="並非法律判定。 Not a legal determination.")
    document = _card_pdf(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "並非法律判定" in PdfReader(io.BytesIO(document)).pages[0].extract_text()
    assert set(cjk_faces(document)) == {"hk"}
