"""The signs search finds a sign by the words of its questions in the person's language."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from client_texts.models import ClientText
from tests.definitions.test_indicator_search import URL, slugs_found


@pytest.fixture
def texts(reference):
    call_command("load_client_texts", verbosity=0)


def test_it_finds_a_sign_by_a_word_of_its_question_in_indonesian(client, texts):
    assert slugs_found(client, "paspor") == {"no-control-of-id-documents"}


def test_it_finds_a_sign_by_a_question_in_thai(client, texts):
    thai = ClientText.objects.get(key="question.no-control-of-id-documents.1", language="th")
    word = thai.text.split()[0][:4]
    assert "no-control-of-id-documents" in slugs_found(client, word)


def test_it_needs_every_word_in_one_question(client, texts):
    assert slugs_found(client, "paspor KTP") == {"no-control-of-id-documents"}
    assert slugs_found(client, "paspor zebra") == set()


def test_it_finds_a_sign_by_a_word_an_administrator_adds_to_its_question(client, texts):
    question = ClientText.objects.get(key="question.unpaid-or-underpaid.1", language="tl")
    question.text = f"{question.text} sahod-kataga"
    question.save()
    assert slugs_found(client, "sahod-kataga") == {"unpaid-or-underpaid"}


def test_it_suggests_words_in_the_readers_language_when_nothing_is_found(client, texts):
    page = client.get(URL, {"q": "zebra"}, HTTP_ACCEPT_LANGUAGE="zh-hk").content.decode()
    assert "沒有符合" in page or "找不到" in page
    assert "護照" in page
