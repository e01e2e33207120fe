"""Finding a sign the way people ask: plurals and singulars, and everyday words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from definitions.models import Indicator
from definitions.search import fold, search_words
from tests.definitions.factories import make_indicator
from tests.definitions.pages import text_of

URL = reverse("definitions:indicators")


def slugs_found(client, query: str) -> set[str]:
    text = text_of(client.get(URL, {"q": query}))
    return {
        indicator.slug
        for indicator in Indicator.objects.all()
        if f'aria-labelledby="indicator-{indicator.slug}"' in text
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("passport", {"no-control-of-id-documents"}),
        ("passports", {"no-control-of-id-documents"}),
        ("Passports", {"no-control-of-id-documents"}),
        ("ID card", {"no-control-of-id-documents"}),
        ("helper", {"unpaid-or-underpaid", "excessive-hours", "no-control-of-id-documents"}),
        ("helpers", {"unpaid-or-underpaid", "excessive-hours", "no-control-of-id-documents"}),
        ("domestic helper", {"unpaid-or-underpaid", "no-breaks-or-restrictions"}),
        ("maid", {"no-control-of-id-documents"}),
        ("salary", {"unpaid-or-underpaid", "no-control-of-money"}),
        ("salaries", {"unpaid-or-underpaid", "no-control-of-money"}),
        ("wage", {"unpaid-or-underpaid", "no-control-of-money"}),
        ("wages", {"unpaid-or-underpaid", "no-control-of-money"}),
        ("injury", {"signs-of-abuse", "lacks-health-care"}),
        ("injuries", {"signs-of-abuse", "lacks-health-care"}),
        ("bruises", {"signs-of-abuse"}),
        ("police", {"fearful-of-law-enforcement"}),
        ("hungry", {"appears-malnourished"}),
        ("loans", {"large-debt"}),
        ("debts", {"large-debt"}),
        ("hours", {"excessive-hours"}),
        ("documents", {"no-control-of-id-documents"}),
    ],
)
def test_it_finds_the_sign_people_mean(client, reference, query, expected):
    found = slugs_found(client, query)
    assert expected <= found, f"{query!r} found {sorted(found)}"


@pytest.mark.parametrize(
    ("query", "exactly"),
    [
        ("passports", {"no-control-of-id-documents"}),
        # "salary deduction" is how people speak of repaying a debt to an agency.
        ("salary", {"unpaid-or-underpaid", "no-control-of-money", "large-debt"}),
        ("injuries", {"signs-of-abuse", "lacks-health-care"}),
    ],
)
def test_it_finds_only_those_signs(client, reference, query, exactly):
    assert slugs_found(client, query) == exactly


@pytest.mark.parametrize("query", ["zebra", "xqzt", "passports zebra"])
def test_it_finds_nothing_for_a_nonsense_word_and_says_what_to_try(client, reference, query):
    text = text_of(client.get(URL, {"q": query}))
    assert slugs_found(client, query) == set()
    assert "No signs match your search" in text
    assert f"Nothing matched “{query}”." in text
    assert "an everyday word such as “salary”, “helper” or “injury”" in text
    assert 'class="jump-list"' not in text


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("passports", "passport"),
        ("passport", "passport"),
        ("injuries", "injur"),
        ("injury", "injur"),
        ("salaries", "salar"),
        ("wages", "wage"),
        ("watches", "watch"),
        ("boxes", "box"),
        ("Helpers", "helper"),
        ("status", "status"),
        ("business", "business"),
        ("pay", "pay"),
        ("money", "money"),
        ("id", "id"),
        ("bus", "bus"),
    ],
)
def test_it_folds_singular_and_plural_to_a_stem_both_begin_with(word, stem):
    assert fold(word) == stem


def test_it_searches_each_folded_word_once():
    assert search_words("Passports passport ID") == ["passport", "id"]


def test_it_finds_a_new_sign_by_the_everyday_words_an_admin_gives_it(client, reference):
    make_indicator(wording="A sign with a rare word", keywords="amah, yaya")
    assert "A sign with a rare word" in text_of(client.get(URL, {"q": "yayas"}))


@pytest.mark.parametrize("query", ["passports", "helper", "injuries", "zebra"])
def test_it_keeps_search_queries_bounded_as_signs_are_added(
    client, reference, django_assert_max_num_queries, query
):
    with django_assert_max_num_queries(8):  # +1 edition, +1 contacts, +1 questions for the person
        client.get(URL, {"q": query})
    for _ in range(10):
        make_indicator(explanation="Another passport, helper and injuries sign.")
    with django_assert_max_num_queries(8):
        assert client.get(URL, {"q": query}).status_code == 200
