"""A screening records its signs in English; a reader in Chinese sees them in Chinese.

The catalogue a screening freezes never depends on who started it; the step cards and the
summary show each sign's Chinese where the reference has it for what was recorded.
"""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from definitions.models import Indicator, question_lines
from screening import pdf
from screening.catalogue import current_catalogue
from screening.models import Screening
from tests.definitions.pages import text_of
from tests.factories import answer_all, make_screening, sign_in, start_data

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-HK"}


def live(slug: str) -> Indicator:
    return Indicator.objects.get(slug=slug)


def queries(client, url: str, **headers) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, **headers).status_code == 200
    return len(context)


def test_it_freezes_the_same_catalogue_in_english_when_started_in_chinese(client, catalogue, alice):
    english = current_catalogue()
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data(), **CHINESE)
    screening = Screening.objects.get()
    assert screening.snapshot.digest == english.digest
    with translation.override("zh-hant"):
        assert current_catalogue().digest == english.digest
        assert make_screening(alice).snapshot_id == screening.snapshot_id
    for indicator in screening.indicators:
        assert indicator.wording == live(indicator.slug).wording_en
        assert "\n".join(indicator.questions) == live(indicator.slug).questions_en.strip()
    assert screening.groups[0].title == english.groups[0].title


def test_it_shows_the_step_cards_in_chinese(client, alice, alices_screening):
    sign_in(client, alice)
    page = text_of(client.get(alices_screening.step_url(2), **CHINESE))
    for indicator in alices_screening.group_for_step(2).indicators:
        reference = live(indicator.slug)
        assert f'<legend class="answer-card-title">{reference.wording_zh_hant}</legend>' in page
        assert f"<q>{question_lines(reference.questions_zh_hant)[0]}</q>" in page
        # A screen reader hears which sign each note is for in Chinese too.
        assert f'<span class="visually-hidden">: {reference.wording_zh_hant}</span>' in page
        assert f'<span class="visually-hidden">: {indicator.wording}</span>' not in page
    first = live(alices_screening.group_for_step(2).indicators[0].slug)
    lead = re.split(r"(?<=。)", first.explanation_zh_hant)[0]
    with translation.override("zh-hant"):
        label = translation.gettext("What it can look like:")
    assert f"{label}</span> {lead}</p>" in page


def test_it_shows_the_step_cards_in_english_to_an_english_reader(client, alice, alices_screening):
    sign_in(client, alice)
    client.get(alices_screening.step_url(2), **CHINESE)  # drawn in Chinese first
    page = text_of(client.get(alices_screening.step_url(2)))
    for indicator in alices_screening.group_for_step(2).indicators:
        assert f'<legend class="answer-card-title">{indicator.wording}</legend>' in page
        assert live(indicator.slug).wording_zh_hant not in page


def test_it_shows_the_recorded_english_where_the_sign_changed_since(
    client, alice, alices_screening
):
    recorded = alices_screening.group_for_step(2).indicators[0]
    reference = live(recorded.slug)
    reference.wording_en = "A newer English wording"
    reference.wording_zh_hant = "較新的中文字眼"
    reference.save()
    sign_in(client, alice)
    page = text_of(client.get(alices_screening.step_url(2), **CHINESE))
    assert f'<legend class="answer-card-title">{recorded.wording}</legend>' in page
    assert "較新的中文字眼" not in page
    # Its questions have not changed: they are still shown in Chinese.
    assert f"<q>{question_lines(reference.questions_zh_hant)[0]}</q>" in page


def test_it_falls_back_to_the_recorded_english_where_there_is_no_chinese(
    client, alice, alices_screening
):
    recorded = alices_screening.group_for_step(2).indicators[0]
    Indicator.objects.filter(slug=recorded.slug).update(questions_zh_hant="")
    sign_in(client, alice)
    page = text_of(client.get(alices_screening.step_url(2), **CHINESE))
    assert f"<q>{recorded.questions[0]}</q>" in page
    assert live(recorded.slug).wording_zh_hant in page


def test_it_shows_a_chinese_edit_on_the_next_step_page(client, alice, alices_screening):
    recorded = alices_screening.group_for_step(2).indicators[0]
    sign_in(client, alice)
    client.get(alices_screening.step_url(2), **CHINESE)
    reference = live(recorded.slug)
    reference.wording_zh_hant = "管理員剛改好的字眼"
    reference.save()  # as the admin does: a new content edition
    page = text_of(client.get(alices_screening.step_url(2), **CHINESE))
    assert '<legend class="answer-card-title">管理員剛改好的字眼</legend>' in page


def test_it_reads_the_chinese_in_at_most_two_queries_once_an_edition(
    client, alice, alices_screening
):
    sign_in(client, alice)
    # Renews the idle clock, which then holds for a minute, and keeps the footer's contacts in
    # both languages.
    client.get(reverse("screening:list"))
    client.get(reverse("screening:list"), **CHINESE)
    steps = [alices_screening.step_url(number) for number in (2, 3, 4)]
    client.get(steps[0])  # keeps the texts in the person's language, read once an edition
    english = [queries(client, url) for url in steps]
    first = queries(client, steps[0], **CHINESE)
    assert first <= english[0] + 2  # the edition and every sign's text, whatever the step's size
    # Then from memory: the same queries as in English, however many signs a step has.
    assert [queries(client, url, **CHINESE) for url in steps] == english


def test_it_keeps_the_chinese_step_page_bounded(
    client, alice, alices_screening, django_assert_max_num_queries
):
    sign_in(client, alice)
    for number in (2, 3):
        with django_assert_max_num_queries(18):
            assert client.get(alices_screening.step_url(number), **CHINESE).status_code == 200


@pytest.fixture
def answered(alice, alices_screening):
    answers = {indicator.slug: "yes" for indicator in alices_screening.indicators[:3]}
    answers.update({indicator.slug: "not_sure" for indicator in alices_screening.indicators[3:5]})
    return answer_all(alices_screening, alice, answers=answers)


def test_it_shows_the_summary_in_chinese_and_says_the_english_is_the_record(
    client, alice, answered
):
    sign_in(client, alice)
    page = text_of(client.get(reverse("screening:summary", args=[answered.pk]), **CHINESE))
    for indicator in answered.indicators[:5]:  # the Yes and Not sure answers
        assert live(indicator.slug).wording_zh_hant in page
    with translation.override("zh-hant"):
        record = translation.gettext(
            "The signs are shown translated where a translation exists. The screening recorded "
            "them in English, and the English is the record."
        )
    assert record != "" and record in page
    english = text_of(client.get(reverse("screening:summary", args=[answered.pk])))
    assert "the English is the record" not in english
    assert live(answered.indicators[0].slug).wording_zh_hant not in english


def test_it_keeps_the_chinese_summary_bounded(
    client, alice, answered, django_assert_max_num_queries
):
    sign_in(client, alice)
    client.get(reverse("screening:list"))
    client.get(reverse("screening:list"), **CHINESE)
    url = reverse("screening:summary", args=[answered.pk])
    english = queries(client, url)
    with django_assert_max_num_queries(english + 2):  # the edition and every sign's text
        assert client.get(url, **CHINESE).status_code == 200
    assert queries(client, url, **CHINESE) == english


def test_it_prints_the_pdf_in_chinese(alice, answered):
    with translation.override("zh-hant"):
        document = pdf.summary_pdf(answered, printed_by=alice)
    reader = PdfReader(io.BytesIO(document))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    for indicator in answered.indicators[:5]:
        assert re.sub(r"\s+", "", live(indicator.slug).wording_zh_hant) in text


def test_it_lists_every_answer_in_chinese_before_completing(client, alice, answered):
    sign_in(client, alice)
    page = text_of(client.get(answered.step_url(answered.complete_step), **CHINESE))
    for indicator in answered.indicators:
        wording = live(indicator.slug).wording_zh_hant
        assert f'<span class="answer-wording">{wording}</span>' in page
