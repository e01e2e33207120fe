"""Second factor (TOTP) sign-in: required for supervisors, optional for everyone else.

Enrolment shows a QR code drawn on the server as SVG, so no secret leaves for a third party.
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import TokenForm
from accounts.middleware import SessionIdleClockMiddleware


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def _next_page(request: HttpRequest) -> str:
    """Where to go after the code: `next` if it is a path on this site, else the screening list.

    Only a path is taken: `next` is never reversed as a URL name nor followed off the site.
    """
    target = request.GET.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("screening:list")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP device (first time) or verify a code from it (every sign-in)."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    device = confirmed or TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Second factor confirmed."))
            return HttpResponseRedirect(_next_page(request))
        form.add_error(
            "token", _("That code did not match. Check the time on your phone and try again.")
        )
    context = {"form": form, "enrolling": not device.confirmed}
    if not device.confirmed:
        context["qr_svg"] = mark_safe(_qr_svg(device))  # noqa: S308 - SVG we drew ourselves
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "registration/two_factor.html", context)


@login_required
@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": the page's notice asks before the idle limit; this restarts the clock.

    Signed out already, it answers a redirect to sign-in like any private page, which the
    notice's script reads as "the session has ended".
    """
    SessionIdleClockMiddleware.renew(request)
    return HttpResponse(status=204)
