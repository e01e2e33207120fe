"""Queries per page are bounded and do not grow with the number of answers or screenings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import answer_all, make_screening, make_user, sign_in


@pytest.fixture
def many(catalogue, alice, bob):
    for number in range(12):
        screening = make_screening(alice if number % 2 else bob)
        answer_all(screening, screening.created_by, "yes", note="seen")
    return make_screening(alice)


def _pages(screening):
    return [
        reverse("screening:list"),
        screening.step_url(2),
        screening.step_url(screening.complete_step),
        reverse("screening:summary", args=[screening.pk]),
        reverse("screening:details", args=[screening.pk]),
    ]


@pytest.mark.parametrize("who", ["alice", "sam"])
def test_it_bounds_queries_on_every_page(
    client, many, django_assert_max_num_queries, who, sam, alice
):
    user = {"alice": alice, "sam": sam}[who]
    answer_all(many, alice, "not_sure", note="maybe")
    sign_in(client, user)
    for url in _pages(many):
        with django_assert_max_num_queries(18):
            assert client.get(url).status_code == 200


def test_it_uses_the_same_queries_with_more_data(
    client, catalogue, alice, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    target = make_screening(alice)
    sign_in(client, alice)
    client.get(reverse("screening:list"))  # renews the idle clock, which then holds for a minute

    def count(url):
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        return len(context)

    for url in _pages(target):  # values kept per content edition are read on the first visit
        client.get(url)
    before = {url: count(url) for url in _pages(target)}
    for _ in range(8):
        answer_all(make_screening(alice), alice, "yes")
    answer_all(target, alice, "yes", note="observed")
    make_user("carol", "Caseworker")
    after = {url: count(url) for url in _pages(target)}
    assert after == before


def test_it_adds_no_query_for_the_persons_language_once_its_texts_are_kept(
    client, catalogue, alice
):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("load_client_texts", verbosity=0)
    # Bengali has no texts for the person: its step pages ask for none.
    bengali, urdu = make_screening(alice, language="bn"), make_screening(alice, language="ur")
    for screening in (bengali, urdu):
        answer_all(screening, alice, "yes", note="seen")
    sign_in(client, alice)
    client.get(reverse("screening:list"))  # renews the idle clock, which then holds for a minute

    def count(url):
        client.get(url)  # the kept card texts, reference translations and person's texts are warm
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    for number in range(2, bengali.complete_step):
        # The texts in Urdu are read once per content edition, not on every step page.
        assert count(urdu.step_url(number)) == count(bengali.step_url(number))
        assert 'dir="rtl"' in client.get(urdu.step_url(number)).content.decode()


def test_it_renders_a_step_page_from_eight_reads_and_one_audit_write(client, catalogue, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    screening = make_screening(alice)
    answer_all(screening, alice, "yes", note="seen")
    sign_in(client, alice)
    client.get(screening.step_url(2))  # renews the idle clock, then holds it for a minute
    with CaptureQueriesContext(connection) as context:
        assert client.get(screening.step_url(2)).status_code == 200
    statements = [query["sql"] for query in context]
    # Django's session, user and the user's own and their roles' permissions (ModelBackend);
    # the content edition (the footer's contacts); the screening with its catalogue, the
    # step's answers, its notes; then the audit event of the visit.
    tables = [
        "django_session",
        "auth_user",
        "definitions_contentedition",
        "auth_user_user_permissions",
        "auth_user_groups",
        "screening_screening",
        "screening_answer",
        "screening_stepnote",
    ]
    assert len(statements) == len(tables) + 1
    for table in tables:
        assert sum(f'"{table}"' in sql for sql in statements[:-1]) >= 1, table
    assert statements[-1].startswith("INSERT") and "screening_auditevent" in statements[-1]
