"""How long a signed-in session lives: an idle limit, and an absolute one counted from sign-in.

Also the session engine (`SESSION_ENGINE = "accounts.sessions"`): Django's database sessions,
except that an expiry set with `set_expiry()` keeps the cookie a browser-session cookie. Django
otherwise turns any explicit expiry into a persistent cookie, and the capped expiry below would
then keep a session open after the browser is closed, on a phone that others may pick up.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

SIGNED_IN_AT = "_signed_in_at"


class SessionStore(DatabaseSessionStore):
    def get_expire_at_browser_close(self) -> bool:
        # Django makes any explicit expiry a persistent cookie; the capped expiry set by the
        # session middleware limits the session on the server, the cookie dies with the browser.
        if self.get("_session_expiry") == 0:
            return True
        return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def absolute_lifetime() -> int:
    return settings.SESSION_ABSOLUTE_HOURS * 60 * 60


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: the absolute lifetime counts from here."""
    request.session[SIGNED_IN_AT] = int(time.time())


def seconds_left(session, now: int) -> int:
    """Seconds until the session's absolute end (negative once it has passed)."""
    return session.get(SIGNED_IN_AT, now) + absolute_lifetime() - now
