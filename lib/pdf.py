"""Turn our own HTML into PDF bytes with WeasyPrint, fetching nothing but our static files.

WeasyPrint would otherwise follow every URL in the document: `http://` to any host (an SSRF from a
note someone typed), `file://` anywhere on the disk, `data:`. The fetcher here reads only files
that Django's staticfiles would serve, and refuses everything else, so a PDF can be made from a
template that holds user-entered text without the renderer reaching out anywhere.

Templates link their stylesheets, fonts and images with `{% static %}` as usual. Those URLs are
either root-relative (`/static/css/card.css`) or absolute when STATIC_URL is (a CDN); both map to
files on this machine and are read from disk, never over the network. Relative URLs are resolved
against `BASE_URL`, an origin that is reserved (RFC 2606 `.invalid`) and never contacted, so
ordinary links in a PDF should be absolute, `mailto:` or `tel:` rather than root-relative.

Usage::

    from lib.pdf import render_pdf

    document: bytes = render_pdf(render_to_string("app/document.html", context))
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint needs an absolute base URL to resolve "/static/...". Nothing is ever fetched from it.
BASE_URL = "https://static.invalid/"


def static_name(url: str) -> str:
    """Return the static file name (e.g. `css/app.css`) a URL points to, or raise ValueError.

    Accepted: a root-relative path under STATIC_URL, the same path on `BASE_URL`, or a URL under
    STATIC_URL itself when that is absolute. Query strings and fragments are ignored. Names that
    would climb out of the static directories (`..`, absolute paths, NUL) are refused.
    """
    parts = urlsplit(url)
    static = urlsplit(settings.STATIC_URL)
    base = urlsplit(BASE_URL)
    origin = (parts.scheme.lower(), parts.netloc.lower())
    allowed_origins = {("", ""), (base.scheme, base.netloc)}
    if static.netloc:
        allowed_origins.add((static.scheme.lower(), static.netloc.lower()))
    prefix = static.path if static.path.endswith("/") else static.path + "/"
    if origin not in allowed_origins or not parts.path.startswith(prefix):
        raise ValueError(f"Refusing to fetch {url!r}: only our own static files are served.")

    name = unquote(parts.path[len(prefix) :])
    normalised = posixpath.normpath(name) if name else ""
    if (
        not normalised
        or "\x00" in name
        or "\\" in name
        or normalised.startswith(("/", "../"))
        or normalised in {".", ".."}
    ):
        raise ValueError(f"Refusing to fetch {url!r}: not a static file name.")
    return normalised


def static_path(name: str) -> str:
    """Return the path on disk of a static file, or raise ValueError if there is none.

    The finders cover development and tests; collected files in STATIC_ROOT cover production,
    where `{% static %}` may give hashed names that only the manifest storage knows.
    """
    found = finders.find(name)
    if not found and hasattr(staticfiles_storage, "path"):
        try:
            found = staticfiles_storage.path(name)
        except (SuspiciousFileOperation, NotImplementedError):
            found = None
    if not found or not os.path.isfile(found):
        raise ValueError(f"No static file named {name!r}.")
    return found


class StaticFilesFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves our static files and refuses every other URL.

    `fetch` (and calling the instance) raises ValueError for anything but a static file; WeasyPrint
    turns that into a logged warning and leaves the resource out. It never opens a connection.
    """

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        name = static_name(url)
        path = static_path(name)
        with open(path, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    def open(self, url, data=None, timeout=None):
        # OpenerDirector.open would use urllib's handlers; route everything through fetch().
        return self.fetch(url if isinstance(url, str) else url.full_url)


url_fetcher = StaticFilesFetcher()
_fonts = threading.local()


def font_config() -> FontConfiguration:
    """This thread's font configuration, made once and reused for every document.

    Making one loads Fontconfig's whole font list, about 25 ms a render, and a worker that makes a
    new one for every PDF grows by about 0.3 MB a render (see docs/benchmarks.md). One per thread,
    because a Pango font map is not meant to be shared between threads.
    """
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


USER_AGENT_STYLESHEET = CSS(filename=str(Path(__file__).with_name("pdf_user_agent.css")))


class OurHTML(HTML):
    """WeasyPrint's HTML document with our smaller user-agent stylesheet (pdf_user_agent.css).

    `_ua_stylesheets` is WeasyPrint's own hook for it, stable since its first releases; should a
    release stop calling it, PDFs keep their look (our stylesheets set it) and only lose speed.
    """

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [USER_AGENT_STYLESHEET]


def render_pdf(html: str) -> bytes:
    """Render a complete HTML document to PDF bytes, fetching only our own static files.

    The document's `<title>` becomes the PDF title. Stylesheets must be linked with `{% static %}`;
    keep them free of Bootstrap and other large frameworks, since WeasyPrint lays out every rule.
    The elements used must be ones `pdf_user_agent.css` styles (a test checks the templates).
    """
    document = OurHTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher)
    return document.write_pdf(font_config=font_config())
