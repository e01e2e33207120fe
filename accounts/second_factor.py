"""Backup codes for the second factor, and resetting it (django-otp's static tokens).

Ten one-time codes are made when a person enrols their authenticator app and shown once: they
are for the day the phone is lost. Each works once; using one deletes it in the same statement
that checks it, so two sign-ins racing with the same code cannot both pass.
"""

from __future__ import annotations

import math
import re
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
BACKUP_CODE = re.compile(r"^[a-z2-7]{8}$")

# Sent when an administrator resets someone's second factor: `user` (whose), `by` (who did it).
# The screening app records it in the audit trail; accounts imports none of it.
second_factor_reset = Signal()


# In the session from sign-in: this person has enrolled an authenticator app, so they are asked
# for it (accounts.middleware) like a supervisor, without a query on every request to find out.
ENROLLED = "_second_factor_enrolled"


def note_enrolment(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: note in the session whether `user` has a second factor."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        request.session[ENROLLED] = True


def normalise(code: str) -> str:
    """As typed, a code may have spaces or a hyphen, and capitals."""
    return re.sub(r"[\s-]", "", code).lower()


def refused_for(device) -> str:
    """How long `device` refuses every code after wrong ones, in words ("8 seconds"), or "".

    django-otp doubles the wait after each wrong code (1, 2, 4, 8 … seconds) and, while it runs,
    turns down even the right code without saying why; this says why.
    """
    allowed, details = device.verify_is_allowed() if device else (True, None)
    until = (details or {}).get("locked_until")
    if allowed or until is None:
        return ""
    seconds = math.ceil((until - timezone.now()).total_seconds())
    if seconds < 60:
        seconds = max(seconds, 1)
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    return timeuntil(until)


def refusal_message(wait: str) -> str:
    return _(
        "Too many codes did not match, so no code is accepted for %(wait)s. Then enter the code "
        "your app shows at that moment. If you are locked out, ask an administrator to reset "
        "your second factor."
    ) % {"wait": wait}


@transaction.atomic
def issue_backup_codes(user) -> list[str]:
    """New backup codes for `user`, replacing any earlier ones. Shown once; stored as django-otp
    stores static tokens."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_device(user) -> StaticDevice | None:
    """The device that holds `user`'s backup codes, if they were ever given any."""
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def use_backup_code(user, code: str) -> StaticDevice | None:
    """The backup-code device if `code` is one of `user`'s unused codes (now used up)."""
    device = backup_device(user)
    if device is None or not device.verify_is_allowed()[0]:
        return None
    deleted, _counts = StaticToken.objects.filter(device=device, token=normalise(code)).delete()
    if not deleted:
        device.throttle_increment()
        return None
    device.throttle_reset(commit=False)
    device.set_last_used_timestamp(commit=False)
    device.save()
    return device


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def reset_second_factor(*, user, by) -> None:
    """Forget `user`'s authenticator app and backup codes, and end their sessions: they sign in
    and enrol again (whoever holds the lost phone, signed in with it, is out too)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_sessions(user)
    second_factor_reset.send(sender=reset_second_factor, user=user, by=by)


def end_sessions(user) -> int:
    """Delete every unexpired session of `user`; how many there were.

    Django keeps no index of sessions by user, so each is read: sessions last thirty idle
    minutes, so there are about as many as people signed in just now.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    theirs = [
        session.pk
        for session in sessions.iterator()
        if store().decode(session.session_data).get(SESSION_KEY) == str(user.pk)
    ]
    sessions.filter(pk__in=theirs).delete()
    return len(theirs)
