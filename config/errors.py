"""The page for an error nobody caught (handler500): a 503 when the database is the trouble.

Django calls this inside the `except` that caught the error, wherever it was raised (a view, a
middleware reading the session), so `sys.exc_info()` tells which it was:
- the database busy or away (`lib.database.is_unavailable`): 503 with Retry-After, saying that
  nothing was saved; a save from an editing page gets back what it sent, to send again;
- anything else: 500, which promises nothing about what was saved.
Quick exit never gets either: whoever reaches it is leaving, and leaves.

Both pages are rendered without a request context: context processors and template tags that
read the database would fail again, the very thing being reported.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from accounts.views import leave
from config.context_processors import html_lang
from lib.database import RETRY_AFTER_SECONDS, is_unavailable
from screening.held import typed_to_send_again


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path_info == reverse("accounts:quick_exit"):
        return leave(request)
    context = {
        "html_lang": html_lang(),
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "site_name": settings.SITE_NAME,
    }
    if is_unavailable(sys.exc_info()[1]):
        context |= {"typed": typed_to_send_again(request), "action": request.path}
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(loader.render_to_string("500.html", context), status=500)
    # The failure may have come before the view was known, and what was typed may be on the page.
    add_never_cache_headers(response)
    return response
