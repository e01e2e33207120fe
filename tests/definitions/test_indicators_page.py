from __future__ import annotations

import pytest
from django.urls import reverse

from definitions.models import Indicator, IndicatorGroup
from tests.definitions.factories import make_indicator
from tests.definitions.pages import between, text_of
from tests.definitions.source import CAVEAT, SIGNS

URL = reverse("definitions:indicators")


def wordings_shown(text: str) -> list[str]:
    return [sign for sign in SIGNS if f">{sign}</a></h3>" in text]


def test_it_renders_every_sign_for_anonymous_visitors(client, reference):
    response = client.get(URL)
    assert response.status_code == 200
    assert wordings_shown(text_of(response)) == SIGNS


def test_it_groups_the_signs_under_the_five_groups(client, reference):
    text = text_of(client.get(URL))
    for group in IndicatorGroup.objects.all():
        assert f'<h2 id="group-{group.slug}">{group.title}</h2>' in text


def test_it_shows_how_each_sign_shows_what_to_ask_and_what_it_points_to(client, reference):
    text = text_of(client.get(URL))
    for indicator in Indicator.objects.with_relations():
        card = between(
            text,
            f'<article class="indicator-card" aria-labelledby="indicator-{indicator.slug}"',
            "</article>",
        )
        assert f'href="{indicator.get_absolute_url()}"' in card
        assert indicator.explanation in card
        for question in indicator.question_list:
            assert f"<li>{question}</li>" in card
        for element in indicator.elements.all():
            assert f">{element.name}</a></li>" in card
        for item in indicator.ilo_indicators.all():
            assert f">{item.name}</li>" in card


def test_it_states_the_caveat_and_credits_polaris(client, reference):
    text = text_of(client.get(URL))
    assert CAVEAT in text
    assert "Polaris Project" in text and "Recognise the Signs" in text


def test_it_finds_signs_by_word(client, reference):
    text = text_of(client.get(URL, {"q": "passport"}))
    assert wordings_shown(text) == [
        "Is not in control of his/her own identification documents (ID or passport)"
    ]
    assert "1 sign found." in text
    assert 'value="passport"' in text


def test_it_needs_every_word_of_a_search(client, reference):
    assert wordings_shown(text_of(client.get(URL, {"q": "debt pay"}))) == [
        "Owes a large debt and is unable to pay it off"
    ]


def test_it_filters_by_group(client, reference):
    text = text_of(client.get(URL, {"group": "physical-health"}))
    assert wordings_shown(text) == SIGNS[12:15]
    assert '<option value="physical-health" selected>' in text


def test_it_combines_group_and_word(client, reference):
    text = text_of(client.get(URL, {"group": "lack-of-control", "q": "money"}))
    assert wordings_shown(text) == [SIGNS[16]]


def test_it_shows_a_helpful_empty_state(client, reference):
    text = text_of(client.get(URL, {"q": "zebra"}))
    assert wordings_shown(text) == []
    assert "No signs match your search" in text
    assert "Nothing matched “zebra”." in text
    assert f'<a href="{URL}">Show all signs</a>' in text


def test_it_shows_everything_with_a_message_for_an_unknown_group(client, reference):
    response = client.get(URL, {"group": "no-such-group"})
    assert response.status_code == 200
    text = text_of(response)
    assert "That group does not exist, so all groups are shown." in text
    assert wordings_shown(text) == SIGNS


@pytest.mark.parametrize(
    "params",
    [
        {"q": "debt " * 400},
        {"q": "x" * 5000},
        {"q": "\x00debt"},
        {"q": "%_\\'\""},
        {"group": "../../etc"},
        {"group": ["physical-health", "other"]},
    ],
)
def test_it_survives_bad_input(client, reference, params):
    assert client.get(URL, params).status_code == 200


def test_it_cuts_a_long_search_to_100_characters(client, reference):
    text = text_of(client.get(URL, {"q": "a" * 150}))
    assert f'value="{"a" * 100}"' in text
    assert "a" * 101 not in text


def test_it_works_before_the_reference_is_loaded(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert "No signs match your search" in text_of(response)


def test_it_refuses_post(client, reference):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("params", [{}, {"q": "work"}, {"group": "work-and-living-conditions"}])
def test_it_keeps_queries_bounded_as_signs_are_added(
    client, reference, django_assert_max_num_queries, params
):
    with django_assert_max_num_queries(8):  # +1 edition, +1 contacts, +1 questions for the person
        assert client.get(URL, params).status_code == 200
    group = IndicatorGroup.objects.get(slug="work-and-living-conditions")
    for _ in range(10):
        make_indicator(group, explanation="More work to show.")
    make_indicator()
    with django_assert_max_num_queries(8):  # +1 edition, +1 contacts, +1 questions for the person
        response = client.get(URL, params)
    assert "Test sign number" in text_of(response)


def test_it_escapes_the_search_words(client, reference):
    content = client.get(URL, {"q": "<b>bold</b>"}).content.decode()
    assert "<b>bold</b>" not in content
    assert "&lt;b&gt;bold&lt;/b&gt;" in content


def test_it_lists_the_five_groups_at_the_top_with_a_way_back_after_each(client, reference):
    text = text_of(client.get(URL))
    jump_list = between(text, '<nav class="jump-list"', "</nav>")
    groups = list(IndicatorGroup.objects.all())
    assert len(groups) == 5
    for group in groups:
        assert f'<a href="#group-{group.slug}">{group.title}</a>' in jump_list
        assert f'id="group-{group.slug}"' in text
    assert text.index("jump-list") < text.index('class="indicator-group"')
    assert text.count('<p class="back-to-top"><a href="#signs-top">Back to top') == 5
    assert '<h1 id="signs-top">' in text


def test_it_jumps_only_to_the_groups_a_search_found(client, reference):
    text = text_of(client.get(URL, {"q": "salary"}))
    jump_list = between(text, '<nav class="jump-list"', "</nav>")
    assert "#group-work-and-living-conditions" in jump_list
    assert "#group-lack-of-control" in jump_list
    assert "#group-physical-health" not in jump_list
    assert 'class="jump-list"' not in text_of(client.get(URL, {"q": "passport"}))
