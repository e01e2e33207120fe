from __future__ import annotations

import pytest
from django.urls import reverse

from definitions.models import Indicator
from tests.definitions.factories import make_indicator
from tests.definitions.pages import text_of


@pytest.fixture
def sign(reference) -> Indicator:
    return Indicator.objects.with_relations().get(slug="no-control-of-id-documents")


def test_it_renders_for_anonymous_visitors(client, sign):
    response = client.get(sign.get_absolute_url())
    assert response.status_code == 200
    assert f'<h1 class="h2">{sign.wording}</h1>' in text_of(response)


def test_it_shows_everything_about_the_sign(client, sign):
    text = text_of(client.get(sign.get_absolute_url()))
    assert sign.group.title in text
    assert sign.explanation in text
    for question in sign.question_list:
        assert f"<li>{question}</li>" in text
    for element in sign.elements.all():
        assert f">{element.name}</a></dt>" in text
        assert element.summary.split("\n")[0] in text
    for item in sign.ilo_indicators.all():
        assert f">{item.name}</a></li>" in text


def test_it_links_back_to_the_list_and_the_group(client, sign):
    text = text_of(client.get(sign.get_absolute_url()))
    assert f'href="{reverse("definitions:indicators")}#indicator-{sign.slug}"' in text
    assert f'href="{reverse("definitions:indicators")}?group={sign.group.slug}"' in text


def test_it_answers_404_for_an_unknown_sign(client, reference):
    response = client.get(reverse("definitions:indicator", args=["no-such-sign"]))
    assert response.status_code == 404


def test_it_refuses_post(client, sign):
    assert client.post(sign.get_absolute_url()).status_code == 405


def test_it_keeps_queries_bounded(client, sign, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):  # +1 edition, +1 contacts (once an edition)
        assert client.get(sign.get_absolute_url()).status_code == 200
    busy = make_indicator()
    with django_assert_max_num_queries(5):  # +1 edition, +1 contacts (once an edition)
        assert client.get(busy.get_absolute_url()).status_code == 200
