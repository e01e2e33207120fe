"""The username django-axes counts sign-in attempts against."""

from __future__ import annotations

from django.http import HttpRequest

USERNAME_MAX = 150  # Django's own limit; axes stores at most 255 characters.


def username_for_lockout(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username that sign-in attempts are counted against, cut to a length a user can have.

    Without the cut, a very long username makes axes write past its column on PostgreSQL.
    """
    source = credentials if credentials is not None else getattr(request, "POST", {})
    username = source.get("username") or ""
    return str(username).replace("\x00", "")[:USERNAME_MAX]
