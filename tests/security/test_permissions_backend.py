"""The permission backend gives what Django's ModelBackend gives, in one query."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from accounts.backends import RoleBackend
from screening import roles
from tests.factories import make_user


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_it_gives_each_role_what_model_backend_gives(personas):
    for user in personas.values():
        expected = ModelBackend().get_all_permissions(_fresh(user))
        assert RoleBackend().get_all_permissions(_fresh(user)) == expected
    assert "screening.view_all_screenings" in RoleBackend().get_all_permissions(personas["sam"])
    assert "screening.add_screening" in RoleBackend().get_all_permissions(personas["alice"])
    assert "screening.add_screening" not in RoleBackend().get_all_permissions(personas["val"])


def test_it_counts_a_permission_given_to_the_user_directly(db):
    user = make_user("dora", roles.VOLUNTEER)
    user.user_permissions.add(Permission.objects.get(codename="view_screening"))
    assert "screening.view_screening" in RoleBackend().get_all_permissions(_fresh(user))


def test_it_gives_nothing_to_an_inactive_user(alice):
    alice.is_active = False
    alice.save()
    assert RoleBackend().get_all_permissions(_fresh(alice)) == set()
    assert not _fresh(alice).has_perm("screening.add_screening")


def test_it_gives_a_superuser_every_permission(admin_user):
    assert RoleBackend().get_all_permissions(_fresh(admin_user)) == {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }


def test_it_reads_the_permissions_in_one_query(sam, django_assert_num_queries):
    user = _fresh(sam)
    with django_assert_num_queries(1):
        assert user.has_perm("screening.view_all_screenings")
        assert user.has_perm("screening.view_screening")
        assert not user.has_perm("auth.delete_user")


def test_it_reads_a_sessions_user_with_their_permissions_in_one_query(
    personas, django_assert_num_queries
):
    for user in personas.values():
        expected = ModelBackend().get_all_permissions(_fresh(user))
        with django_assert_num_queries(1):
            signed_in = RoleBackend().get_user(user.pk)
            assert signed_in == user and signed_in.username == user.username
            assert signed_in.get_all_permissions() == expected


def test_it_reads_no_user_for_an_inactive_or_missing_account(alice):
    assert RoleBackend().get_user(alice.pk + 1000) is None
    alice.is_active = False
    alice.save()
    assert RoleBackend().get_user(alice.pk) is None


def test_it_leaves_a_superusers_permissions_to_model_backend(admin_user):
    user = RoleBackend().get_user(admin_user.pk)
    assert user.has_perm("auth.delete_user") and user.has_perm("screening.review_screening")
