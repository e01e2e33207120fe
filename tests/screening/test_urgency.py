"""Urgency at a glance: stored on every save, shown as a badge, filtered, urgent first."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from referrals import rules
from screening import services
from screening.models import Screening
from tests.factories import answer_all, make_screening, sign_in


def _cards(page: str) -> list[str]:
    return re.findall(r'screening-card-ref[^>]*>\s*<a href="[^"]+">([^<]+)<', page)


@pytest.mark.parametrize(
    ("age_band", "value", "danger", "expected"),
    [
        ("adult", "no", False, Screening.Urgency.NONE),
        ("adult", "not_sure", False, Screening.Urgency.FOLLOW_UP),
        ("adult", "yes", False, Screening.Urgency.REFER),
        ("under_18", "yes", False, Screening.Urgency.URGENT),
        ("adult", "no", True, Screening.Urgency.EMERGENCY),
    ],
)
def test_it_stores_the_most_urgent_level_when_the_steps_are_saved(
    alice, catalogue, age_band, value, danger, expected
):
    screening = make_screening(alice, age_band=age_band, immediate_danger=danger)
    # One ordinary sign (not about commercial sex or age); the others answered No.
    first = screening.indicators[0].slug
    answers = {indicator.slug: "no" for indicator in screening.indicators} | {first: value}
    answer_all(screening, alice, answers=answers)
    screening.refresh_from_db()
    assert screening.urgency == expected


def test_it_stores_danger_raised_from_a_step(alice, catalogue):
    screening = make_screening(alice)
    services.raise_danger(screening=screening, user=alice)
    assert Screening.objects.get(pk=screening.pk).urgency == Screening.Urgency.EMERGENCY


def test_it_shows_the_badge_and_filters_by_urgency(client, alice, catalogue):
    urgent = make_screening(alice, case_reference="CHILD-1", age_band="under_18")
    answer_all(urgent, alice, "yes")
    make_screening(alice, case_reference="QUIET-1")
    sign_in(client, alice)
    page = client.get(reverse("screening:list")).content.decode()
    assert "Urgent" in page
    client.post(reverse("screening:list"), {"urgency": Screening.Urgency.URGENT})
    page = client.get(reverse("screening:list")).content.decode()
    assert _cards(page) == ["CHILD-1"]


def test_it_shows_no_none_badge_on_a_draft_but_does_once_it_is_completed(client, alice, catalogue):
    draft = make_screening(alice, case_reference="QUIET-1")
    sign_in(client, alice)
    none = Screening.Urgency.NONE.label

    def badges() -> list[str]:
        page = client.get(reverse("screening:list")).content.decode()
        return re.findall(r"Urgency: </span>([^<]+)</span>", page)

    assert badges() == []  # nothing asked yet: "None" would read as "no concern"
    Screening.objects.filter(pk=draft.pk).update(status="completed")
    assert badges() == [str(none)]


def test_it_shows_supervisors_urgent_screenings_before_those_awaiting_review(
    client, alice, sam, catalogue
):
    make_screening(alice, case_reference="DONE-1", status="completed")
    danger = make_screening(alice, case_reference="DANGER-1", immediate_danger=True)
    make_screening(alice, case_reference="DRAFT-1")
    assert danger.urgency == Screening.Urgency.EMERGENCY
    sign_in(client, sam)
    page = client.get(reverse("screening:list")).content.decode()
    assert _cards(page) == ["DANGER-1", "DONE-1", "DRAFT-1"]


def test_it_works_out_the_urgency_from_the_values_without_reading_a_note(catalogue, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from screening.summary import ScreeningSummary, urgency_of

    screening = make_screening(alice)
    slugs = [indicator.slug for indicator in screening.indicators]
    mixed = {slug: ("yes", "not_sure", "no", "")[number % 4] for number, slug in enumerate(slugs)}
    answer_all(screening, alice, answers=mixed, note="seen at the agency")
    full = ScreeningSummary(screening).facts
    assert ScreeningSummary(screening, notes=False).facts == full
    assert len(full.answers) == len(slugs) - len(slugs) // 4  # every answered sign
    expected = min(item.urgency for item in rules.guidance_for(full, ()))
    with CaptureQueriesContext(connection) as context:
        assert urgency_of(screening) == expected != rules.Urgency.NONE
    answers = [q["sql"] for q in context if "screening_answer" in q["sql"]]
    assert len(answers) == 1 and '"note"' not in answers[0]
