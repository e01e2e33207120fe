"""The audit trail says what happened in the reader's language: a step by its title, the pages
and danger in words, never `step work-and-living-conditions` inside Chinese (issue 26, item 10)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from definitions.models import IndicatorGroup
from screening.audit import describe
from tests.factories import make_screening, sign_in, step_data

TITLES = {"lack-of-control": "Lack of control"}


@pytest.mark.parametrize(
    ("detail", "said"),
    [
        ("details", "the details"),
        ("step lack-of-control", "step “Lack of control”"),
        ("danger raised (Danger now)", "danger raised (Danger now)"),
        ("danger raised (step lack-of-control)", "danger raised (step “Lack of control”)"),
        ("404 summary", "refused (404): the summary"),
        ("added hk-100stories: pending", "added hk-100stories: Pending"),
        ("screenings, with notes", "screenings, with notes"),  # anything else as stored
    ],
)
def test_it_describes_each_kind_of_detail(detail, said):
    with translation.override("en"):
        assert describe(detail, TITLES) == said


def test_it_names_a_step_by_its_chinese_title_in_chinese(client, alice, sam, catalogue):
    screening = make_screening(alice, case_reference="HK-ZH-AUDIT")
    sign_in(client, alice)
    client.post(screening.step_url(2), step_data(screening, 2))
    group = screening.group_for_step(2)
    chinese = IndicatorGroup.objects.get(slug=group.slug).title_zh_hant
    assert chinese

    sign_in(client, sam)
    client.cookies["django_language"] = "zh-hant"
    page = client.get(reverse("screening:audit")).content.decode()
    assert chinese in page
    assert f"step {group.slug}" not in page
    assert "HK-ZH-AUDIT" in page
