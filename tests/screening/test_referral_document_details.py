"""The referral document names who screened and where: the caseworker is asked for their details
before completing, `check --deploy` warns without ORGANISATION_NAME, and "What was not asked"
names the signs (issue 26, item 13)."""

from __future__ import annotations

from django.core import checks

from accounts.models import Profile
from screening.apps import organisation_named
from screening.summary import ScreeningSummary
from tests.factories import make_screening, save_step, sign_in


def test_it_asks_for_your_details_before_completing(client, alice, alices_screening):
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(alices_screening.complete_step)).content.decode()
    assert "Your name and role are not filled in yet" in page
    assert 'href="/accounts/profile/"' in page


def test_it_does_not_ask_once_they_are_filled_in(client, alice, alices_screening):
    profile = Profile.for_user(alice)
    profile.full_name, profile.job_title = "Alice Chan", "Caseworker"
    profile.save()
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(alices_screening.complete_step)).content.decode()
    assert "Your name and role are not filled in yet" not in page


def test_check_deploy_warns_without_an_organisation_name(settings):
    settings.ORGANISATION_NAME = ""
    assert [message.id for message in organisation_named()] == ["screening.W001"]
    assert isinstance(organisation_named()[0], checks.Warning)
    settings.ORGANISATION_NAME = "Helping Hands HK"
    assert organisation_named() == []


def test_what_was_not_asked_names_the_signs(alice, catalogue):
    screening = make_screening(alice)
    group = screening.groups[0]
    first, second = group.indicators[0], group.indicators[1]
    save_step(
        screening, alice, group.slug, {first.slug: ("not_asked", ""), second.slug: ("no", "")}
    )
    summary = ScreeningSummary(screening)
    [(listed_group, rows)] = summary.not_asked
    assert [row.indicator.slug for row in rows] == [first.slug]
    assert second.slug not in [r.indicator.slug for _g, rs in summary.unanswered for r in rs]


def test_the_summary_page_lists_the_signs_not_asked(client, alice, catalogue):
    screening = make_screening(alice)
    group = screening.groups[0]
    first = group.indicators[0]
    save_step(screening, alice, group.slug, {first.slug: ("not_asked", "")})
    sign_in(client, alice)
    page = client.get(f"/screenings/{screening.pk}/summary/").content.decode()
    section = page[page.index('id="not-asked-title"') :]
    assert first.wording in section[: section.index("</section>")]
