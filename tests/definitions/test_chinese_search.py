"""Finding a sign in Chinese, and in English while the pages are in Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from definitions.models import Indicator
from definitions.search import search_words
from tests.definitions.factories import make_indicator
from tests.definitions.pages import text_of

URL = reverse("definitions:indicators")
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-HK"}
ID_DOCUMENTS = "no-control-of-id-documents"


def slugs_found(client, query: str, **headers) -> set[str]:
    text = text_of(client.get(URL, {"q": query}, **headers))
    return {
        slug
        for slug in Indicator.objects.values_list("slug", flat=True)
        if f'aria-labelledby="indicator-{slug}"' in text
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("護照", {ID_DOCUMENTS}),
        ("身份證", {ID_DOCUMENTS}),
        ("扣起 護照", {ID_DOCUMENTS}),
        ("護照，身份證", {ID_DOCUMENTS}),
        ("工資", {"unpaid-or-underpaid", "no-control-of-money"}),
        ("債務", {"large-debt"}),
        ("眼神", {"avoids-eye-contact"}),
        ("我的護照", {ID_DOCUMENTS}),  # a phrase as it is said
        ("護照在哪裏", {ID_DOCUMENTS}),
    ],
)
def test_it_finds_a_sign_by_a_part_of_its_chinese_text(client, reference, query, expected):
    found = slugs_found(client, query, **CHINESE)
    assert expected <= found, f"{query!r} found {sorted(found)}"


@pytest.mark.parametrize("headers", [CHINESE, {}], ids=["chinese pages", "english pages"])
@pytest.mark.parametrize("query", ["護照", "passport", "passports", "HKID"])
def test_it_finds_the_sign_in_either_language_whatever_the_pages_language(
    client, reference, headers, query
):
    assert ID_DOCUMENTS in slugs_found(client, query, **headers)


def test_it_shows_the_signs_it_finds_in_chinese(client, reference):
    text = text_of(client.get(URL, {"q": "passport"}, **CHINESE))
    assert Indicator.objects.get(slug=ID_DOCUMENTS).wording_zh_hant in text


@pytest.mark.parametrize("query", ["斑馬", "護照 斑馬", "passport 斑馬"])
def test_it_finds_nothing_when_a_word_is_in_no_sign(client, reference, query):
    assert slugs_found(client, query, **CHINESE) == set()


def test_it_finds_a_new_sign_by_chinese_everyday_words_an_admin_gives_it(client, reference):
    make_indicator(wording="A sign with a rare word", keywords="amah, 姐姐")
    assert "A sign with a rare word" in text_of(client.get(URL, {"q": "姐姐"}, **CHINESE))


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("護照", ["護照"]),
        ("扣起 護照", ["扣起", "護照"]),
        ("護照，身份證。", ["護照", "身份證"]),
        ("（護照）、工資？", ["護照", "工資"]),
        ("HKID護照", ["hkid", "護照"]),
        ("Passports 護照 passport", ["passport", "護照"]),
        ("ＨＫＩＤ", ["hkid"]),
        ("護照 護照", ["護照"]),
    ],
)
def test_it_reads_chinese_runs_as_they_are_and_folds_english_words(query, terms):
    assert search_words(query) == terms


def test_it_keeps_chinese_search_queries_bounded_as_signs_are_added(
    client, reference, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(URL, {"q": "護照"}, **CHINESE)
    for _ in range(10):
        make_indicator(explanation="Another passport sign.", explanation_zh_hant="另一個護照跡象。")
    with django_assert_max_num_queries(8):
        assert client.get(URL, {"q": "護照"}, **CHINESE).status_code == 200


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("我的護照", ["護照"]),
        ("老闆拿了我的護照嗎", ["老闆拿", "護照"]),
        ("我的", ["我的"]),  # nothing but function characters: the run as it is
        ("冇糧出", ["冇糧出"]),  # "no" changes the meaning: never split away
        ("passports 我的護照", ["passport", "護照"]),
    ],
)
def test_it_splits_a_chinese_phrase_at_characters_without_a_meaning_of_their_own(query, terms):
    assert search_words(query) == terms
