"""Sign-in helpers: the permission backend, and the username django-axes counts attempts against."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.http import HttpRequest

USERNAME_MAX = 150  # Django's own limit; axes stores at most 255 characters.


def username_for_lockout(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username that sign-in attempts are counted against, cut to a length a user can have.

    Without the cut, a very long username makes axes write past its column on PostgreSQL.
    """
    source = credentials if credentials is not None else getattr(request, "POST", {})
    username = source.get("username") or ""
    return str(username).replace("\x00", "")[:USERNAME_MAX]


class RoleBackend(ModelBackend):
    """Django's ModelBackend, reading a user's own and their roles' permissions in one query.

    Every screening page checks a permission, and ModelBackend reads the user's permissions and
    their groups' permissions in two queries on each request. One UNION gives the same set.
    Superusers and inactive or anonymous users are left to ModelBackend, unchanged.
    """

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if (
            user_obj.is_superuser
            or not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
        ):
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            fields = ("content_type__app_label", "codename")
            own = Permission.objects.filter(user=user_obj).order_by().values_list(*fields)
            via_roles = Permission.objects.filter(group__user=user_obj).order_by()
            via_roles = via_roles.values_list(*fields)
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in own.union(via_roles)}
        return user_obj._perm_cache
