"""How long a signed-in session lives: an idle limit, and an absolute one counted from sign-in.

Also the session engine (`SESSION_ENGINE = "accounts.sessions"`): Django's database sessions,
except that an expiry set with `set_expiry()` keeps the cookie a browser-session cookie. Django
otherwise turns any explicit expiry into a persistent cookie, and the capped expiry below would
then keep a session open after the browser is closed, on a phone that others may pick up.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from lib.sql import quoted

SIGNED_IN_AT = "_signed_in_at"


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict:
        """The session's data if it has not expired, else nothing (and the key is dropped, so a
        new session is made), as Django's database sessions do.

        Read by one fixed statement: every request of a signed-in person reads its session
        first, and the ORM built this query afresh each time (about a twentieth of a step page).
        """
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_load_sql(connection.alias), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def get_expire_at_browser_close(self) -> bool:
        if self.get("_session_expiry") == 0:
            return True
        return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@functools.cache
def _load_sql(alias: str) -> str:
    table, key, data, expiry = quoted(
        SessionStore.get_model_class(),
        "session_key",
        "session_data",
        "expire_date",
        connection=connections[alias],
    )
    return f"SELECT {data} FROM {table} WHERE {key} = %s AND {expiry} > %s"  # noqa: S608


def absolute_lifetime() -> int:
    return settings.SESSION_ABSOLUTE_HOURS * 60 * 60


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: the absolute lifetime counts from here."""
    request.session[SIGNED_IN_AT] = int(time.time())


def seconds_left(session, now: int) -> int:
    """Seconds until the session's absolute end (negative once it has passed)."""
    return session.get(SIGNED_IN_AT, now) + absolute_lifetime() - now
