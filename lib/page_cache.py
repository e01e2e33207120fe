"""Public pages, rendered once per edition of the content and then served from memory; and
values made from that content, cached per edition in each process.

Some pages (here: the reference pages, the printable card and its PDF, who to contact) are the
same for every anonymous reader and change only when an administrator edits the content.

- What is cached: 200 responses to GET or HEAD that set no cookie and need no CSRF cookie, for a
  browser that sends no session cookie and no messages cookie. Such a reader is anonymous and has
  no one-off message waiting, so the page they get is the page everyone gets. Signed-in staff
  always get a fresh page (their header carries a sign-out form with a CSRF token).
- Compressed (gzip, by Django's `GZipMiddleware`) for a reader whose browser accepts it: a page
  that anyone may be served carries no secret, so compressing it cannot leak one (BREACH). Pages
  for signed-in staff carry case data and a CSRF token, and are never compressed.
- Keyed by: whether the reader accepts gzip, the content edition, the active language, the host
  and the path, and of the query
  string only the parameters the page reads (`reads`: a search result is cached like any page;
  the cache is bounded, see settings). Any other parameter is ignored, so `?nocache=N` is served
  from memory rather than rendering a PDF afresh and pushing other pages out.
- Where: local memory in each process (`CACHES["public_pages"]`). App servers share no state; the
  edition token in the database keeps them in step. Saving, deleting or relinking a row of a
  watched model, in the admin or with a management command, starts a new edition in the same
  transaction, so the next request on any server renders the page afresh.
- One rule for every value cached per process (`cached_per_edition`): it is keyed by the content
  edition, which a request reads once (one primary-key read, `ContentEditionMiddleware`), never by
  time and never by request data. A change made on any server is seen by the next request on every
  server, and all of one request's parts (a cached page, the footer, a signed-in page's contacts)
  come from the same edition.

The edition itself lives in an app's database table, and this module imports from no app:
`settings.PUBLIC_PAGE_EDITION` names the class that keeps it (`definitions.models.ContentEdition`),
which offers `current()` and `start_new()`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import Protocol, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
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


# The edition this request has read, if it has read it yet (`ContentEditionMiddleware`).
_request_edition: ContextVar[dict[str, str] | None] = ContextVar("content_edition", default=None)


class ContentEditionMiddleware:
    """Reads the content edition at most once per request, when something first asks for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_edition.set({})
        try:
            return self.get_response(request)
        finally:
            _request_edition.reset(token)


def current_edition() -> str:
    """The current content edition: read once per request, and on every call outside one (a
    command rendering a document sees each change at once)."""
    read = _request_edition.get()
    if read is None:
        return _edition().current()
    if "edition" not in read:
        read["edition"] = _edition().current()
    return read["edition"]


# name -> (edition, value): one value per name, replaced when the edition changes. A plain dict
# rather than a cache backend, which would pickle the value on every read.
_cached: dict[str, tuple[str, object]] = {}


def cached_per_edition(name: str, make: Callable[[], T]) -> T:
    """`make()`, computed once per content edition in this process.

    For values made from the watched content that many pages show (the contacts, the reference
    texts in every language). `name` must say everything the value depends on besides the
    edition, from a small fixed set (never request data). The value is shared by every request
    of the process: callers must not change it.
    """
    edition = current_edition()
    cached = _cached.get(name)
    if cached is not None and cached[0] == edition:
        return cached[1]
    value = make()
    _cached[name] = (edition, value)
    return value


def clear_cached_values() -> None:
    """Forget every value cached per edition (tests start each from an empty database)."""
    _cached.clear()


def _is_public_request(request: HttpRequest) -> bool:
    # A session (signed in, or messages kept there) or a messages cookie makes a page personal.
    personal = (settings.SESSION_COOKIE_NAME, "messages")
    return request.method in ("GET", "HEAD") and not any(c in request.COOKIES for c in personal)


def _key(request: HttpRequest, edition: str, reads: tuple[str, ...]) -> str:
    query = urlencode([(name, request.GET.getlist(name)) for name in reads], doseq=True)
    where = f"{request.get_host()}{request.path}?{query}".encode()
    encoding = "gzip" if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")) else ""
    return f"{encoding}:{edition}:{get_language()}:{hashlib.sha256(where).hexdigest()}"


# Django's own compression, called on a page only once it is known to be shareable.
_compress = GZipMiddleware(lambda request: None)


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
        key = _key(request, current_edition(), reads)
        response = _pages().get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            # Browsers must not reuse this anonymous copy once someone signs in.
            patch_vary_headers(response, ["Cookie"])
            if _is_shareable(request, response):
                response = _compress.process_response(request, response)
                _pages().set(key, response)
        return response

    return wrapper


def _is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    # A page that rendered a CSRF token sets its cookie after this decorator returns
    # (CsrfViewMiddleware); cached, it would give the first visitor's token to everyone.
    needs_csrf_cookie = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not needs_csrf_cookie
    )


def _content_changed(sender, action: str | None = None, **kwargs) -> None:
    # m2m_changed fires before and after each change (`action`); post_save and post_delete once.
    if action is None or action.startswith("post_"):
        _edition().start_new()
        read = _request_edition.get()
        if read is not None:  # the rest of this request sees the new edition
            read.pop("edition", None)


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
