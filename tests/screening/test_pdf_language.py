"""The summary PDF in the reader's language: its words, its dates and Hong Kong glyph forms."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from tests.factories import answer_all, make_screening, sign_in
from tests.pdfs import cjk_faces, embedded_fonts, read, text_of

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-HK"}


@pytest.fixture
def full_screening(alice, catalogue):
    screening = make_screening(alice, case_reference="HK-2611-ZH01", immediate_danger=True)
    return answer_all(screening, alice, "yes", note="在辦公室見到 seen at the office")


def _pdf(client, screening, **headers) -> bytes:
    response = client.get(reverse("screening:pdf", args=[screening.pk]), **headers)
    assert response.status_code == 200
    return response.content


def test_it_prints_the_interface_words_in_chinese_for_a_reader_asking_for_it(
    client, alice, full_screening
):
    sign_in(client, alice)
    document = _pdf(client, full_screening, **CHINESE)
    text, pages = text_of(document), len(read(document).pages)
    with translation.override("zh-hant"):
        confidential = translation.gettext("Confidential")
        footer = translation.gettext("Page %(number)s of %(total)s") % {
            "number": 1,
            "total": pages,
        }
    assert confidential != "Confidential"  # the Chinese translations are compiled and loaded
    assert confidential in text
    assert re.sub(r"\s+", " ", footer) in text
    assert f"Page 1 of {pages}" not in text
    # The headings and the confidential band are bold: in Chinese, from the CJK Bold face.
    assert "notosanscjkhkbold" in cjk_faces(document)["hk"]


def test_it_writes_the_dates_the_chinese_way(client, alice, full_screening):
    sign_in(client, alice)
    text = text_of(_pdf(client, full_screening, **CHINESE))
    with translation.override("zh-hant"):
        screened_on = date_format(full_screening.screened_on)
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", screened_on)  # Django's zh_Hant format
    assert screened_on in text
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", text)  # printed at, in the footer
    with translation.override("en"):
        assert date_format(full_screening.screened_on) not in text  # e.g. "Nov. 26, 2026"


def test_it_tells_pdf_readers_the_language_of_the_document(client, alice, full_screening):
    sign_in(client, alice)
    chinese = read(_pdf(client, full_screening, **CHINESE))
    english = read(_pdf(client, full_screening, HTTP_ACCEPT_LANGUAGE="en"))
    # From <html lang>, as the web pages have it: a screen reader reads zh-Hant-HK in Cantonese.
    assert chinese.trailer["/Root"]["/Lang"] == "zh-Hant-HK"
    assert english.trailer["/Root"]["/Lang"] == "en"


def test_it_sets_chinese_in_the_hong_kong_faces_and_latin_in_liberation_sans(
    client, alice, full_screening
):
    sign_in(client, alice)
    document = _pdf(client, full_screening, **CHINESE)
    faces = cjk_faces(document)
    assert "notosanscjkhk" in faces.get("hk", set())
    assert set(faces) == {"hk"}  # no Japanese, Simplified or Korean forms
    assert {"liberationsans", "liberationsansbold"} <= embedded_fonts(document)
    assert "HK-2611-ZH01" in text_of(document)


def test_it_prints_a_note_typed_in_chinese_in_hong_kong_forms_in_an_english_summary(
    client, alice, full_screening
):
    sign_in(client, alice)
    document = _pdf(client, full_screening, HTTP_ACCEPT_LANGUAGE="en")
    text = text_of(document)
    assert "在辦公室見到" in text
    assert "Confidential" in text and "Page 1 of" in text
    assert set(cjk_faces(document)) == {"hk"}
