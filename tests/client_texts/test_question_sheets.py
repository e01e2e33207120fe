"""The question sheets: every sign's questions in one language with the English beneath, as a
public page and as a PDF in which each script is set in its Noto face."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from client_texts.models import CONTENT_LANGUAGES, ClientText
from tests.factories import sign_in

# The characters of each script, and the Noto family pdffonts must list as embedded.
SCRIPTS = {
    "th": (r"[\u0E00-\u0E7F]", "Noto-Sans-Thai"),
    "ne": (r"[\u0900-\u097F]", "Noto-Sans-Devanagari"),
    "hi": (r"[\u0900-\u097F]", "Noto-Sans-Devanagari"),
    "ur": (r"[\u0600-\u06FF]", "Noto-Nastaliq-Urdu"),
    "zh-hant": (r"[\u4E00-\u9FFF]", "Noto-Sans-CJK"),
    "id": (r"[A-Za-z]", "Liberation-Sans"),
    "tl": (r"[A-Za-z]", "Liberation-Sans"),
    "en": (r"[A-Za-z]", "Liberation-Sans"),
}


def _url(code: str, pdf: bool = False) -> str:
    return reverse(f"client_texts:questions{'_pdf' if pdf else ''}", args=[code])


def test_it_lists_every_signs_questions_with_the_english_beneath(client, client_texts):
    html = client.get(_url("ur")).content.decode()
    for text in ClientText.objects.filter(language="ur", key__startswith="question."):
        assert text.text in html
    for text in ClientText.objects.filter(language="en", key__startswith="question."):
        assert text.text.replace("'", "&#x27;") in html
    assert html.count('class="person-text" lang="ur" dir="rtl"') == 48
    assert "Draft translation by the project team" in html


@pytest.mark.parametrize("code", sorted(CONTENT_LANGUAGES))
def test_it_has_a_page_for_every_language(client, client_texts, code):
    assert client.get(_url(code)).status_code == 200


def test_it_has_no_sheet_for_an_unknown_language(client, client_texts):
    assert client.get("/indicators/questions/xx/").status_code == 404
    assert client.get("/indicators/questions/xx.pdf").status_code == 404


def test_it_is_public_and_linked_from_the_signs_page(client, client_texts):
    html = client.get(reverse("definitions:indicators")).content.decode()
    for code in CONTENT_LANGUAGES:
        assert f'href="{_url(code)}"' in html


def test_it_is_served_from_the_public_cache(client, client_texts, django_assert_max_num_queries):
    client.get(_url("th"))
    with django_assert_max_num_queries(1):  # the content edition only
        assert client.get(_url("th")).status_code == 200


def test_it_shows_signed_in_staff_the_same_sheet(client, client_texts, alice):
    sign_in(client, alice)
    response = client.get(_url("th"))
    assert response.status_code == 200
    assert (
        ClientText.objects.get(key="opening", language="th").text not in response.content.decode()
    )
    assert ClientText.objects.filter(language="th").first().text


def test_it_refuses_posts(client, client_texts):
    assert client.post(_url("id")).status_code == 405


@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_it_prints_each_script_in_its_noto_face(client, client_texts, tmp_path, code):
    response = client.get(_url(code, pdf=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="questions-{code}.pdf"' in response["Content-Disposition"]
    if not shutil.which("pdffonts"):
        pytest.skip("pdftotext and pdffonts (poppler-utils) are not installed")
    pattern, family = SCRIPTS[code]
    path = tmp_path / f"{code}.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert len(re.findall(pattern, text)) > 200
    # pdftotext puts Thai vowels and Urdu joins back imperfectly: whole words only in Latin.
    if code in ("en", "id", "tl"):
        question = ClientText.objects.filter(language=code, key__startswith="question.").first()
        assert question.text in text.replace("\n", " ")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    embedded = [line for line in fonts.stdout.splitlines()[2:] if family in line]
    assert embedded and all(" yes " in line for line in embedded)
