"""What was typed and could not be saved yet, kept until it can be.

Three cases, all for editing pages of a screening:
- a save that arrives after the session ended, or with a CSRF token made stale by signing in
  again in another tab, is held in `HeldSave` (encrypted; the browser holds a random token in an
  HttpOnly cookie, never in a URL) and given back after sign-in to someone who may edit it;
- a step sent with "Danger now" that does not validate: danger is raised at once, and the page as
  typed is kept in the session (encrypted) to show when the caseworker comes back to the step;
- a save that the database could not take: the view shows the page again as typed, with a 503
  (screening/views.py); when the database cannot even be read to render that page, the error page
  carries what was sent, to send again (`typed_to_send_again`, config/errors.py).
"""

from __future__ import annotations

import json
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy
from django.views import csrf

from referrals.templatetags.referral_contacts import safety_contacts
from screening.fields import note_cipher
from screening.models import HeldSave, Screening

KEPT_BEFORE_SIGN_IN = gettext_lazy(
    "You were signed out because the page was left for a while, so nothing was saved. What you "
    "typed is kept: sign in again and you will be taken back to it."
)
DANGER_KEPT_BEFORE_SIGN_IN = gettext_lazy(
    "Immediate danger is not recorded yet: you had been signed out. If the person is in danger, "
    "call %(phone)s now. Then sign in again: the danger and what you typed are recorded as soon "
    "as you do."
)
DANGER_NOT_KEPT = gettext_lazy(
    "Immediate danger is not recorded: you had been signed out. If the person is in danger, "
    "call %(phone)s now. Then sign in again and press “Danger now” again."
)
# The browser's held-save token: HttpOnly, SameSite=Lax, sent only to screening pages. The token
# is never in a URL, and only its hash is stored.
HELD_COOKIE = "held_save"
HELD_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
# A step's fields take some 30 KB at most; anything far larger is not one of our forms.
HELD_MAX_CHARACTERS = 200_000


def hold(request: HttpRequest) -> HttpResponse:
    """Keep what was posted to an editing page that cannot be saved now (no session, or a
    stale CSRF token), then go to sign-in, or straight back to the page if already signed in."""
    fields = {key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}
    token = request.COOKIES.get(HELD_COOKIE, "")
    if not HELD_TOKEN.match(token):
        token = secrets.token_urlsafe(32)
    screening_id = request.resolver_match.kwargs["screening_id"]
    kept = (
        sum(len(key) + sum(map(len, values)) for key, values in fields.items())
        < (HELD_MAX_CHARACTERS)
        and Screening.objects.filter(pk=screening_id, status=Screening.Status.DRAFT).exists()
    )
    if kept:
        HeldSave.keep(token, screening_id, request.path_info, fields)
    if request.user.is_authenticated:
        response = redirect(request.path)
    else:
        if request.POST.get("action") == "danger":  # "Danger now": whom to call comes first
            phone = safety_contacts().emergency_phone
            said = DANGER_KEPT_BEFORE_SIGN_IN if kept else DANGER_NOT_KEPT
            messages.error(request, said % {"phone": phone})
        elif kept:
            messages.warning(request, KEPT_BEFORE_SIGN_IN)
        response = redirect_to_login(request.get_full_path())
    if kept:
        response.set_cookie(
            HELD_COOKIE,
            token,
            max_age=int(HeldSave.KEPT_FOR.total_seconds()),
            path=reverse("screening:list"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def with_held_typing(request: HttpRequest, screening: Screening, view, *args, **kwargs):
    """Run an editing view, giving it what this browser's held save kept for this page."""
    token = request.COOKIES.get(HELD_COOKIE)
    held = None
    if token and request.method == "GET" and screening.is_editable:
        held = HeldSave.objects.claim(token, screening, request.path_info)
    response = view(request, screening, *args, held=held and held.form_data(), **kwargs)
    # Taken out only once shown, or acted on ("Danger now" goes on to the stop page), so an
    # error on the way never loses it.
    if held is not None and response.status_code in (200, 302):
        held.delete()
        if not HeldSave.objects.of_browser(token).exists():
            response.delete_cookie(HELD_COOKIE, path=reverse("screening:list"), samesite="Lax")
    return response


def _same_origin(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        origin = f"{referer.scheme}://{referer.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a save from one of our own editing pages whose CSRF token went stale
    (someone signed in again in another tab, which changes the token) is held like a save after
    the session ended. Anything else, and anything from another site, is refused as usual."""
    match = request.resolver_match
    if (
        request.method == "POST"
        and match is not None
        and getattr(match.func, "keeps_typing", False)
        and _same_origin(request)
    ):
        return hold(request)
    return csrf.csrf_failure(request, reason)


def typed_to_send_again(request: HttpRequest) -> list[tuple[str, str]]:
    """What was posted from one of our editing pages, as (name, value) pairs, for an error page
    to send again unchanged: the database failed before the view could save it, keep it or even
    render its page (config/errors.py). Nothing for any other request, or from another site."""
    if request.method != "POST" or not _same_origin(request):
        return []
    try:
        match = request.resolver_match or resolve(request.path_info)
        posted = request.POST
    except (Resolver404, SuspiciousOperation):  # no such page; a body too large
        return []
    if not getattr(match.func, "keeps_typing", False):
        return []
    return [(name, value) for name, values in posted.lists() for value in values]


def held_key(screening: Screening, number: int) -> str:
    return f"held-step:{screening.pk}:{number}"


def hold_step(request: HttpRequest, screening: Screening, number: int, data) -> None:
    """Keep a step as typed, until it is saved. Encrypted like the notes it may hold."""
    typed = {name: value for name, value in data.items() if name not in ("csrfmiddlewaretoken",)}
    token = note_cipher().encrypt(json.dumps(typed).encode()).decode()
    request.session[held_key(screening, number)] = token


def held_step(request: HttpRequest, screening: Screening, number: int) -> dict | None:
    """A step held by `hold_step`, to show as typed, on top of the screening as it is now."""
    token = request.session.get(held_key(screening, number))
    if request.method != "GET" or not token:
        return None
    typed = json.loads(note_cipher().decrypt(token.encode()))
    return {**typed, "version": screening.version, "action": "continue"}
