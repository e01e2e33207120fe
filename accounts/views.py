"""Signing in and out: the sign-in page, the second factor (TOTP), and Quick exit.

The second factor is required for supervisors and optional for everyone else. Enrolment shows a
QR code rendered on the server as SVG, so no secret leaves for a third party.
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from accounts.forms import HandBackPinForm, ProfileForm, TokenForm
from accounts.middleware import SessionIdleClockMiddleware
from accounts.models import Profile
from accounts.sessions import SessionStore


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def local_path(request: HttpRequest, target: str) -> str:
    """`target` if it is a path on this site, else "".

    A user-supplied `next` is only ever used as a URL, never reversed as a URL name, and never
    followed off the site: "foo", "//evil.example" and "javascript:..." all give "".
    """
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _next_page(request: HttpRequest) -> str:
    """Where to go after the code: `next` if it is a path on this site, else the screening list."""
    return local_path(request, request.GET.get("next", "")) or reverse("screening:list")


class LoginView(auth_views.LoginView):
    """Django's sign-in page, going on to `next` only when it is a path on this site.

    Django's own check lets a relative "foo" through, which would lead to a page not found.
    """

    def get_redirect_url(self) -> str:
        return local_path(self.request, super().get_redirect_url())

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        language = Profile.language_of(self.request.user)
        if language:  # the language they chose last time, on whatever device they used
            translation.activate(language)
            set_language_cookie(response, language)
        return response


def set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's `set_language`, and for a signed-in person the choice is
    also kept on their profile, to apply at their next sign-in.

    The header's switcher posts here from every page. Public pages are cached and served alike to
    every anonymous reader (lib/page_cache.py), so their switcher carries no CSRF token and an
    anonymous switch is not checked against a token. It is refused from another site
    (`from_another_site`), which could otherwise change a reader's language from afar; the
    session cookie is SameSite=Lax, so another site's form arrives anonymous. A signed-in person's
    pages carry the token and their switch, which writes to their profile, is checked.
    """
    if request.user.is_authenticated:
        return csrf_protect(_set_and_remember_language)(request)
    if from_another_site(request):
        raise PermissionDenied
    return i18n.set_language(request)


def from_another_site(request: HttpRequest) -> bool:
    """Sent from another site, as far as the browser says: `Sec-Fetch-Site`, else the origin
    in `Origin` or, without it, `Referer`. A request saying nothing (no browser) is not."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        if not referer.netloc:
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    return origin != f"{request.scheme}://{request.get_host()}"


def _set_and_remember_language(request: HttpRequest) -> HttpResponse:
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if translation.check_for_language(language) and language in dict(settings.LANGUAGES):
        Profile.remember_language(request.user, language)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP device (first time) or verify a code from it, or a backup code (every
    sign-in)."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    device = confirmed or TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if not device.confirmed:
        del form.fields["backup_code"]  # none exist before the app is enrolled
    if form.is_valid():
        if form.cleaned_data.get("backup_code"):
            done = _signed_in_with_backup_code(request, form)
        else:
            done = _signed_in_with_app(request, form, device)
        if done:
            return done
    context = {"form": form, "enrolling": not device.confirmed}
    if not device.confirmed:
        # The QR code as inline SVG, which a template cannot draw: qrcode writes it from the
        # device's key alone, nothing typed by anyone.
        context["qr_svg"] = mark_safe(_qr_svg(device))  # noqa: S308 # nosec
        # In groups of four, as authenticator apps show keys and take them (spaces ignored).
        secret = base64.b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(request, "registration/two_factor.html", context)


BACKUP_CODES_SESSION_KEY = "backup_codes_to_show"


def _signed_in_with_app(request: HttpRequest, form: TokenForm, device) -> HttpResponse | None:
    if wait := second_factor.refused_for(device):
        form.add_error("token", second_factor.refusal_message(wait))
        return None
    if not device.verify_token(form.cleaned_data["token"]):
        form.add_error(
            "token", _("That code did not match. Check the time on your phone and try again.")
        )
        return None
    enrolled_now = not device.confirmed
    if enrolled_now:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    messages.success(request, _("Second factor confirmed."))
    if not enrolled_now:
        return HttpResponseRedirect(_next_page(request))
    # The backup codes, shown once, before going on.
    request.session[BACKUP_CODES_SESSION_KEY] = second_factor.issue_backup_codes(request.user)
    query = urlencode({"next": _next_page(request)})
    return HttpResponseRedirect(f"{reverse('accounts:backup_codes')}?{query}")


def _signed_in_with_backup_code(request: HttpRequest, form: TokenForm) -> HttpResponse | None:
    if wait := second_factor.refused_for(second_factor.backup_device(request.user)):
        form.add_error("backup_code", second_factor.refusal_message(wait))
        return None
    device = second_factor.use_backup_code(request.user, form.cleaned_data["backup_code"])
    if device is None:
        form.add_error("backup_code", _("That backup code is not valid, or was used already."))
        return None
    otp_login(request, device)
    left = second_factor.backup_codes_left(request.user)
    messages.warning(
        request,
        ngettext(
            "Backup code accepted. You have %(left)d backup code left.",
            "Backup code accepted. You have %(left)d backup codes left.",
            left,
        )
        % {"left": left},
    )
    return HttpResponseRedirect(_next_page(request))


@login_required
@require_safe
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes made at enrolment, shown once: the session forgets them as they are
    shown, and the page is never cached (an `accounts` page)."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    context = {"codes": codes, "next": _next_page(request)}
    return render(request, "registration/backup_codes.html", context)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave for the neutral site (QUICK_EXIT_URL); a POST also signs out first.

    The Quick exit button posts here (a plain form without JavaScript, a keepalive fetch with
    it), so after leaving, Back or a reload shows the sign-in page, not a screening. A form is
    redirected to the neutral site; the fetch, which leaves by itself, gets 204.

    Exempt from CSRF on purpose. Its only effect is ending the caller's own session, and a CSRF
    failure page (an expired token, cookies blocked, a page open since yesterday) would trap a
    person who needs to leave now. Another site cannot use it to sign anyone out either: the
    session cookie is SameSite=Lax, so a cross-site POST arrives without it, and only a request
    from this site's own pages (`from_this_site`) is answered with the session cookie deleted
    and `Clear-Site-Data`, which the browser would otherwise apply on the top-level navigation.

    A GET goes to the neutral site too, rather than answering 405: whoever reaches this address
    is trying to leave, and must never see an error page. It does not sign out: a GET must stay
    safe to follow (a link on another site, a prefetch), and Lax cookies do go with cross-site
    GETs.

    With the database busy or away, it leaves all the same (see `leave`).
    """
    if request.method != "POST" or not from_this_site(request):
        return leave(request)
    try:
        logout(request)  # flushes the session, signed in or not; deletes held typing
    except DatabaseError:
        # The session row cannot be deleted now; the browser forgets it (`leave`), and the row
        # ends with the idle limit. An empty session is never written back.
        request.session = SessionStore()
    return leave(request)


def from_this_site(request: HttpRequest) -> bool:
    """Sent by one of this site's own pages: the browser says so (`Sec-Fetch-Site`), or, from
    a browser too old to say, the request carried a cookie that no other site's POST carries
    (SameSite=Lax)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")  # "none": typed in, or a bookmark
    ours = [settings.SESSION_COOKIE_NAME, *settings.SIGN_OUT_COOKIES]
    return any(name in request.COOKIES for name in ours)


def forget_sign_in(response: HttpResponse) -> None:
    """Delete the session cookie and the others that end with it (SIGN_OUT_COOKIES)."""
    response.delete_cookie(
        settings.SESSION_COOKIE_NAME,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )
    delete_sign_out_cookies(response)


def delete_sign_out_cookies(response: HttpResponse) -> None:
    for name in settings.SIGN_OUT_COOKIES:
        response.delete_cookie(name, path="/", samesite="Lax")


def leave(request: HttpRequest) -> HttpResponse:
    """Quick exit's answer without touching the database: also what the error handler gives
    any request to Quick exit that failed on the way (config/errors.py), so that leaving never
    shows an error page."""
    if request.headers.get("Sec-Fetch-Mode", "navigate") == "navigate":
        response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
        if request.method == "POST":
            response.status_code = 303  # See Other: followed with a GET, never a second POST
    else:
        # The script's keepalive fetch: it navigates by itself, and a redirect would have the
        # browser fetch the neutral site in the background.
        response = HttpResponse(status=204)
    if request.method == "POST" and from_this_site(request):
        # Drop whatever this origin kept in the browser: the HTTP cache, storage; and the
        # session cookie, in case the session could not be ended on the server.
        response["Clear-Site-Data"] = '"cache", "storage"'
        forget_sign_in(response)
    return response


class LogoutView(auth_views.LogoutView):
    """Django's sign-out, which also deletes the cookies that end with the session."""

    def post(self, request, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        delete_sign_out_cookies(response)
        return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Your details: how a referral document names you, and your language."""
    form = ProfileForm(request.POST or None, instance=Profile.for_user(request.user))
    if form.is_valid():
        saved = form.save()
        messages.success(request, _("Your details are saved."))
        response = HttpResponseRedirect(reverse("accounts:profile"))
        if saved.language:
            set_language_cookie(response, saved.language)
        return response
    context = {"form": form, "has_pin": bool(form.instance.hand_back_pin)}
    return render(request, "registration/profile.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hand_back_pin(request: HttpRequest) -> HttpResponse:
    """Your details: set, change or remove the PIN that takes a handed-over device back."""
    profile = Profile.for_user(request.user)
    removing = "remove" in request.POST
    form = HandBackPinForm(request.POST or None, user=request.user, removing=removing)
    if form.is_valid():
        profile.set_pin(form.cleaned_data["pin"])
        messages.success(
            request, _("Your PIN is removed.") if removing else _("Your PIN is saved.")
        )
        return HttpResponseRedirect(reverse("accounts:profile"))
    context = {"form": form, "has_pin": bool(profile.hand_back_pin)}
    return render(request, "registration/hand_back_pin.html", context)


@login_required
@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": the page's notice asks before the idle limit; this restarts the clock.

    Signed out already, it answers a redirect to sign-in like any private page, which the
    notice's script reads as "the session has ended".
    """
    SessionIdleClockMiddleware.renew(request)
    return HttpResponse(status=204)
