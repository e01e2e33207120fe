"""What was typed and could not be saved yet, kept until it can be.

Three cases, all for editing pages of a screening:
- a save that arrives after the session ended, or with a CSRF token made stale by signing in
  again in another tab, is held in `HeldSave` (encrypted; the browser holds a random token the
  server made, in an HttpOnly cookie, never in a URL) if the page it came from proves who typed
  it, and given back only to that person, after sign-in, in that browser;
- a step sent with "Danger now" that does not validate: danger is raised at once, and the page as
  typed is kept in the session (encrypted) to show when the caseworker comes back to the step;
- a save that the database could not take: the view shows the page again as typed, with a 503
  (screening/views.py); when the database cannot even be read to render that page, the error page
  carries what was sent, to send again (`typed_to_send_again`, config/errors.py).
"""

from __future__ import annotations

import datetime
import json
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy
from django.views import csrf

from referrals.templatetags.referral_contacts import safety_contacts
from screening.fields import note_cipher
from screening.models import AuditEvent, HeldSave, Screening

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
# Each editing page carries a signed proof of who opened it, and which page it is (the path names
# the screening and the step): only a post with it is held, and only for that person. The page
# may have been left open overnight, a laptop closed on it.
PROOF_FIELD = "held_proof"
PROOF_SALT = "screening.held.page"
PROOF_MAX_AGE = datetime.timedelta(hours=24)
# The browser's held-save token: made by the server, signed, HttpOnly, SameSite=Lax, never in a
# URL; only its hash is stored. `__Host-held_save` in production (config/settings.py), so no
# other site on a sibling domain, and nothing over plain HTTP, can set it.
TOKEN_SALT = "screening.held.browser"
NOT_KEPT = ("csrfmiddlewaretoken", PROOF_FIELD)


def page_proof(user, path: str) -> str:
    """What an editing page sends with its form: who opened it, where, and when (signed)."""
    return signing.dumps([user.pk, path], salt=PROOF_SALT)


def _proven_author(request: HttpRequest) -> int | None:
    """The user whose page this post came from, if it carries a valid proof for this path."""
    try:
        user_id, path = signing.loads(
            request.POST.get(PROOF_FIELD, ""), salt=PROOF_SALT, max_age=PROOF_MAX_AGE
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return user_id if path == request.path_info and isinstance(user_id, int) else None


def _browser_token(request: HttpRequest) -> str | None:
    """This browser's held-save token, if the server made it."""
    return request.get_signed_cookie(settings.HELD_SAVE_COOKIE_NAME, default=None, salt=TOKEN_SALT)


def _set_browser_token(response: HttpResponse, token: str) -> None:
    name = settings.HELD_SAVE_COOKIE_NAME
    response.set_signed_cookie(
        name,
        token,
        salt=TOKEN_SALT,
        max_age=int(HeldSave.KEPT_FOR.total_seconds()),
        path="/",  # what `__Host-` requires; quick exit and sign-out must see it too
        secure=settings.SESSION_COOKIE_SECURE or name.startswith("__Host-"),
        httponly=True,
        samesite="Lax",
    )


def forget_browser_token(response: HttpResponse) -> None:
    response.delete_cookie(settings.HELD_SAVE_COOKIE_NAME, path="/", samesite="Lax")


def _page_name(request: HttpRequest) -> str:
    """ "step 3", "details", "complete": which page, for the audit trail."""
    match = request.resolver_match
    number = match.kwargs.get("number")
    return f"{match.url_name} {number}" if number else match.url_name


def _page_held(request: HttpRequest, author_id: int, token: str) -> HeldSave | None:
    """Hold this post for its author, if they may still edit this draft and this page of it."""
    fields = {key: values for key, values in request.POST.lists() if key not in NOT_KEPT}
    author = get_user_model().objects.filter(pk=author_id, is_active=True).first()
    if author is None or not author.has_perm("screening.change_screening"):
        return None
    kwargs = request.resolver_match.kwargs
    screening = (
        Screening.objects.visible_to(author)
        .select_related("snapshot")
        .filter(pk=kwargs["screening_id"], status=Screening.Status.DRAFT)
        .first()
    )
    if screening is None or ("number" in kwargs and not screening.group_for_step(kwargs["number"])):
        return None
    held = HeldSave.keep(token, screening, author, request.path_info, fields)
    if held is not None:
        AuditEvent.record(screening, author, AuditEvent.Action.HELD, _page_name(request))
    return held


def hold(request: HttpRequest) -> HttpResponse:
    """Keep what was posted to an editing page that cannot be saved now (no session, or a
    stale CSRF token), then go to sign-in, or straight back to the page if already signed in.

    Only a post with its page's proof is kept, for the person who opened the page. Without one
    nothing is read from the database, so the answer is the same whether the screening exists
    or not.
    """
    author_id = _proven_author(request)
    token = _browser_token(request) or secrets.token_urlsafe(32)
    kept = author_id is not None and _page_held(request, author_id, token) is not None
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
        _set_browser_token(response, token)
    return response


def with_held_typing(request: HttpRequest, screening: Screening, view, *args, **kwargs):
    """Run an editing view, giving it what its user's held save kept for this page in this
    browser; the page's form carries the proof that `hold` asks for."""
    request.held_proof = page_proof(request.user, request.path_info)
    token = _browser_token(request)
    held = None
    if token and request.method == "GET" and screening.is_editable:
        held = HeldSave.objects.claim(token, screening, request.path_info, request.user)
    response = view(request, screening, *args, held=held and held.form_data(), **kwargs)
    # Taken out only once shown, or acted on ("Danger now" goes on to the stop page), so an
    # error on the way never loses it.
    if held is not None and response.status_code in (200, 302):
        held.delete()
        AuditEvent.record(
            screening, request.user, AuditEvent.Action.HELD_RETURNED, _page_name(request)
        )
        if not HeldSave.objects.of_browser(token).exists():
            forget_browser_token(response)
    return response


def forget_browser(request: HttpRequest) -> None:
    """Sign-out and quick exit: delete what this browser held (the cookie goes with
    settings.SIGN_OUT_COOKIES)."""
    token = _browser_token(request)
    if token:
        HeldSave.objects.of_browser(token).delete()


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
