"""Administrators edit the reference content and the referral contacts in the Django admin."""

from __future__ import annotations

import pytest

from definitions.models import (
    Definition,
    ForcedLabourIndicator,
    Indicator,
    IndicatorGroup,
    Note,
    PalermoElement,
)
from referrals.models import ReferralContact
from tests.factories import admin_url

MODELS = [
    Definition,
    PalermoElement,
    ForcedLabourIndicator,
    IndicatorGroup,
    Indicator,
    Note,
    ReferralContact,
]


@pytest.mark.parametrize("model", MODELS)
def test_it_lists_and_opens_every_reference_model(admin_client, reference, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "change", model.objects.first().pk)).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200


def test_it_filters_and_searches_indicators(admin_client, reference):
    group = IndicatorGroup.objects.get(slug="physical-health")
    response = admin_client.get(admin_url(Indicator, "changelist"), {"group__id__exact": group.pk})
    assert response.context["cl"].result_count == 3
    response = admin_client.get(admin_url(Indicator, "changelist"), {"q": "passport"})
    assert response.context["cl"].result_count >= 1


def test_it_shows_a_groups_indicators_inline(admin_client, reference):
    group = IndicatorGroup.objects.get(slug="physical-health")
    content = admin_client.get(admin_url(IndicatorGroup, "change", group.pk)).content.decode()
    assert "Appears malnourished" in content


def test_it_keeps_the_indicator_list_to_a_few_queries(
    admin_client, reference, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert admin_client.get(admin_url(Indicator, "changelist")).status_code == 200


def test_it_refuses_anonymous_visitors(client, reference):
    response = client.get(admin_url(Indicator, "changelist"))
    assert response.status_code == 302
