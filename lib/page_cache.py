"""Public pages, rendered once per edition of the content and then served from memory.

Some pages (here: the reference pages, the printable card and its PDF, who to contact) are the
same for every anonymous reader and change only when an administrator edits the content.
Rendering them is nearly all of their cost: the indicator page is about 10 ms of template work, a
cached copy about a tenth of a millisecond.

- What is cached: 200 responses to GET or HEAD that set no cookie, for a browser that sends no
  session cookie and no messages cookie. Such a reader is anonymous and has no one-off message
  waiting, so the page they get is the page everyone gets. Signed-in staff always get a fresh page
  (their header differs and carries a sign-out form with a CSRF token).
- Keyed by: the content edition, the active language, the host and the path, and of the query
  string only the parameters the page reads (`reads`: a search result is cached like any page;
  the cache is bounded, see settings). Any other parameter is ignored, so `?nocache=N` is served
  from memory rather than rendering a PDF afresh and pushing other pages out.
- Where: local memory in each process (`CACHES["public_pages"]`). App servers share no state; the
  edition token in the database keeps them in step. Saving, deleting or relinking a row of a
  watched model, in the admin or with a management command, starts a new edition in the same
  transaction, so the next request on any server renders the page afresh.
- Values made from the content that many pages show, such as the contacts in the footer, are kept
  the same way with `kept_per_edition`, so a page rendered afresh does not query them again.
  Pages that are never cached (everything a signed-in person sees) would still pay one query for
  the edition on every request; `kept_recently` spares them that by reusing a value for up to
  `CONTENT_EDITION_RECHECK_SECONDS`. A change made in this process is seen at once; one made by
  another process or server, within that many seconds.

The edition itself lives in an app's database table, and this module imports from no app:
`settings.PUBLIC_PAGE_EDITION` names the class that keeps it (`definitions.models.ContentEdition`),
which offers `current()` and `start_new()`. One setting rather than a parameter on the decorator,
`watch` and `kept_per_edition`: the views of two apps and a template tag use them, and each would
otherwise import the same model from `definitions` and pass it on.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import get_language

View = Callable[..., HttpResponse]
T = TypeVar("T")


class Edition(Protocol):
    """What `settings.PUBLIC_PAGE_EDITION` names: where the current content edition is kept."""

    def current(self) -> str:
        """The token of the current edition; a new one after every change."""

    def start_new(self) -> None:
        """Mark the content as changed, in the transaction that changes it."""


@functools.cache
def _resolve(path: str) -> Edition:
    return import_string(path)


def _edition() -> Edition:
    return _resolve(settings.PUBLIC_PAGE_EDITION)


def _pages():
    return caches["public_pages"]


def current_edition(request: HttpRequest | None = None) -> str:
    """The current content edition: one query, made once per request when there is one.

    Everything a request shows then comes from the same edition (the cached page and the footer
    inside it). Without a request, as for a document rendered by a command, it is read each time.
    """
    if request is None:
        return _edition().current()
    if not hasattr(request, "_public_page_edition"):
        request._public_page_edition = _edition().current()
    return request._public_page_edition


def kept_per_edition(name: str, make: Callable[[], T], *, request: HttpRequest | None = None) -> T:
    """Return `make()`, computed once per content edition in this process and kept in memory.

    For values made from the watched content that many pages show (the footer's contacts), so
    that a page costs the edition read and not their queries. `make` must not return None.
    """
    return _pages().get_or_set(f"{current_edition(request)}:kept:{name}", make)


# name -> (when to read the edition again, value). Kept in this process's memory as they are,
# not in the cache, whose values are pickled and unpickled on every read: the reference texts in
# every language, read by each card of a Chinese step page and each sign of a Chinese PDF, cost
# more to unpickle than the rest of their work.
_recent: dict[str, tuple[float, object]] = {}


def kept_recently(name: str, make: Callable[[], T], *, request: HttpRequest | None = None) -> T:
    """`kept_per_edition`, without an edition read on most requests.

    When this request has already read the edition (a public page keyed by it), the value of that
    edition is used, so a cached page never holds an older value than its edition. Otherwise the
    value is reused for up to `CONTENT_EDITION_RECHECK_SECONDS` before the edition is read again.
    The value is shared by every request of the process: callers must not change it.
    """
    if request is not None and hasattr(request, "_public_page_edition"):
        return kept_per_edition(name, make, request=request)
    now = time.monotonic()
    kept = _recent.get(name)
    if kept is not None and kept[0] > now:
        return kept[1]
    value = kept_per_edition(name, make, request=request)
    _recent[name] = (now + settings.CONTENT_EDITION_RECHECK_SECONDS, value)
    return value


def forget_recent() -> None:
    """Read the edition again on the next `kept_recently`, as when its window runs out."""
    _recent.clear()


def _is_public_request(request: HttpRequest) -> bool:
    # A session (signed in, or messages kept there) or a messages cookie makes a page personal.
    personal = (settings.SESSION_COOKIE_NAME, "messages")
    return request.method in ("GET", "HEAD") and not any(c in request.COOKIES for c in personal)


def _key(request: HttpRequest, edition: str, reads: tuple[str, ...]) -> str:
    query = urlencode([(name, request.GET.getlist(name)) for name in reads], doseq=True)
    where = f"{request.get_host()}{request.path}?{query}".encode()
    return f"{edition}:{get_language()}:{hashlib.sha256(where).hexdigest()}"


def cached_for_the_public(view: View | None = None, *, reads: tuple[str, ...] = ()) -> View:
    """Serve a view's page from memory to anonymous readers while the content stands.

    `reads`: the query parameters the view uses (`@cached_for_the_public(reads=("q",))`);
    others do not make a page of their own."""
    if view is None:
        return functools.partial(cached_for_the_public, reads=reads)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _is_public_request(request):
            return view(request, *args, **kwargs)
        key = _key(request, current_edition(request), reads)
        response = _pages().get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            # Browsers must not reuse this anonymous copy once someone signs in.
            patch_vary_headers(response, ["Cookie"])
            if response.status_code == 200 and not response.cookies and not response.streaming:
                _pages().set(key, response)
        return response

    return wrapper


def _content_changed(sender, action: str | None = None, **kwargs) -> None:
    # m2m_changed fires before and after each change (`action`); post_save and post_delete once.
    if action is None or action.startswith("post_"):
        _edition().start_new()
        # Now, and again after the commit: in between another thread could keep the old value.
        forget_recent()
        transaction.on_commit(forget_recent)


def watch(*models: type[Model]) -> None:
    """Start a new content edition whenever a row of these models is saved, deleted or relinked."""
    for model in models:
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _content_changed, sender=through, dispatch_uid=f"{uid}-{field.name}"
            )
