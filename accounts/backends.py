"""Sign-in helpers: the permission backend, and the username django-axes counts attempts against."""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import HttpRequest

from lib.sql import quoted

USERNAME_MAX = 150  # Django's own limit; axes stores at most 255 characters.


def username_for_lockout(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username that sign-in attempts are counted against, cut to a length a user can have.

    Without the cut, a very long username makes axes write past its column on PostgreSQL.
    """
    source = credentials if credentials is not None else getattr(request, "POST", {})
    username = source.get("username") or ""
    return str(username).replace("\x00", "")[:USERNAME_MAX]


class RoleBackend(ModelBackend):
    """Django's ModelBackend, reading a user's own and their roles' permissions in one query,
    and the signed-in user of a request with their permissions in one statement.

    Every screening page checks a permission, and every page's menu does for a signed-in reader;
    ModelBackend reads the user, then their permissions and their groups' permissions, in three
    queries on each request. One statement gives the same set
    (tests/security/test_permissions_backend.py compares the two). It is written out once, from
    the models' table names, rather than built by the ORM on every request: building the union
    took a tenth of a step page's time. Superusers and inactive or anonymous users are left to
    ModelBackend, unchanged.
    """

    def get_user(self, user_id):
        """The user of a session (None if there is none, or they may not sign in), with their
        permissions read alongside: one row for each permission, or one with none."""
        rows = list(get_user_model().objects.raw(_user_with_permissions_sql(), [user_id] * 3))
        if not rows or not self.user_can_authenticate(rows[0]):
            return None
        user = rows[0]
        if not user.is_superuser:
            user._perm_cache = {
                f"{row.perm_app}.{row.perm_codename}" for row in rows if row.perm_codename
            }
        return user

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if (
            user_obj.is_superuser
            or not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
        ):
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            with connection.cursor() as cursor:
                cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {f"{app}.{codename}" for app, codename in cursor}
        return user_obj._perm_cache


# Django's own tables and columns for users' and roles' permissions (auth and contenttypes).
_PERMISSIONS = """
SELECT ct.app_label, p.codename FROM {permission} p
JOIN {content_type} ct ON ct.id = p.content_type_id
WHERE p.id IN (SELECT permission_id FROM {user_permission} WHERE user_id = %s)
   OR p.id IN (
       SELECT rp.permission_id FROM {role_permission} rp
       JOIN {user_role} ur ON ur.group_id = rp.group_id
       WHERE ur.user_id = %s
   )
"""


# The user's row, once for each of their permissions (once with NULLs if they have none).
_USER_WITH_PERMISSIONS = """
SELECT u.*, perms.app_label AS perm_app, perms.codename AS perm_codename FROM {user} u
LEFT JOIN ({permissions}) perms ON 1 = 1
WHERE u.{user_pk} = %s
"""


@functools.cache
def _user_with_permissions_sql() -> str:
    user = get_user_model()
    table, pk = quoted(user, user._meta.pk.name)
    return _USER_WITH_PERMISSIONS.format(user=table, user_pk=pk, permissions=_permissions_sql())


@functools.cache
def _permissions_sql() -> str:
    """The app label and codename of every permission given to a user directly or by a role."""
    user = get_user_model()
    tables = {
        "permission": Permission,
        "content_type": ContentType,
        "user_permission": user.user_permissions.through,
        "role_permission": Group.permissions.through,
        "user_role": user.groups.through,
    }
    names = {key: quoted(model)[0] for key, model in tables.items()}
    return _PERMISSIONS.format(**names)
