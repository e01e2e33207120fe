from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.definitions.pages import text_of


def make_user(username: str, *codenames: str):
    user = get_user_model().objects.create_user(username, password="correct horse battery")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_it_renders_for_anonymous_visitors(client, reference):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    text = text_of(response)
    assert "Recognise the signs" in text
    assert 'href="tel:999"' in text
    for audience in ("Caseworkers", "Volunteers", "Supervisors"):
        assert audience in text


def test_it_links_to_every_part_of_the_reference(client, reference):
    text = text_of(client.get(reverse("home")))
    for name in ("definitions:definitions", "definitions:indicators", "definitions:card"):
        assert f'href="{reverse(name)}"' in text
    assert f'href="{reverse("referrals:contacts")}"' in text
    assert f'href="{reverse("definitions:indicators")}?group=physical-health"' in text


def test_it_says_a_screening_is_not_a_legal_determination(client, reference):
    assert "not a legal determination" in text_of(client.get(reverse("home")))


def test_it_offers_screenings_to_people_who_may_start_them(client, reference):
    client.force_login(make_user("casey", "add_screening", "view_screening"))
    text = text_of(client.get(reverse("home")))
    assert f'href="{reverse("screening:start")}"' in text
    assert f'href="{reverse("screening:list")}"' in text


def test_it_hides_screenings_from_anonymous_visitors_and_volunteers(client, reference):
    assert reverse("screening:start") not in text_of(client.get(reverse("home")))
    client.force_login(make_user("val"))
    assert reverse("screening:start") not in text_of(client.get(reverse("home")))


def test_it_works_before_the_reference_is_loaded(client, db):
    assert client.get(reverse("home")).status_code == 200


def test_it_refuses_post(client, reference):
    assert client.post(reverse("home")).status_code == 405


def test_it_keeps_queries_bounded(client, reference, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # +1 edition, +1 contacts (once an edition)
        assert client.get(reverse("home")).status_code == 200
