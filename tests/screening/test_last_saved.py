"""Each step says when it was last saved, in local time, without another query."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from screening.models import StepNote
from tests.factories import answer_all, make_screening, sign_in, step_data


def test_it_says_not_saved_yet_before_the_first_save(client, alice, alices_screening):
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert page.count("Not saved yet") == 2  # at the top and by the Save buttons


def test_it_stores_when_the_step_was_saved(client, alice, alices_screening):
    sign_in(client, alice)
    before = timezone.now()
    client.post(alices_screening.step_url(2), step_data(alices_screening, 2))
    saved_at = StepNote.objects.get().saved_at
    assert before <= saved_at <= timezone.now()


def test_it_shows_the_local_time_of_the_last_save(client, alice, alices_screening, settings):
    sign_in(client, alice)
    client.post(alices_screening.step_url(2), step_data(alices_screening, 2))
    hk_today = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Asia/Hong_Kong"))
    at = hk_today.replace(hour=14, minute=32)
    StepNote.objects.update(saved_at=at)
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert page.count("Saved at 2:32 p.m.") == 2 and "p.m.." not in page
    StepNote.objects.update(saved_at=at - datetime.timedelta(days=3))
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert "Saved on " in page and " at 2:32 p.m." in page


def test_it_says_saved_for_a_step_saved_before_times_were_kept(client, alice, alices_screening):
    sign_in(client, alice)
    client.post(alices_screening.step_url(2), step_data(alices_screening, 2))
    StepNote.objects.update(saved_at=None)
    assert "Saved earlier" in client.get(alices_screening.step_url(2)).content.decode()


def test_it_says_what_is_shown_again_is_not_saved(client, alice, alices_screening):
    sign_in(client, alice)
    client.post(alices_screening.step_url(2), step_data(alices_screening, 2))
    bad = step_data(alices_screening, 2, "maybe")  # not an answer: shown again, 400
    page = client.post(alices_screening.step_url(2), bad).content.decode()
    assert "Your answers on this page are not saved yet." in page
    assert "Saved at " in page


def test_it_reads_the_time_with_the_step_note(
    client, catalogue, alice, django_assert_max_num_queries
):
    many = make_screening(alice)
    answer_all(many, alice, "yes", note="seen")
    for _ in range(3):
        answer_all(make_screening(alice), alice, "no")
    sign_in(client, alice)
    client.get(many.step_url(2))  # the idle clock renews here, then holds for a minute
    with django_assert_max_num_queries(10):
        response = client.get(many.step_url(3))
    page = response.content.decode()
    assert "Saved at " in page
