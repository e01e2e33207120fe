"""Small factories for test data; each takes overrides and fills in the rest."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from screening import services
from screening.models import Screening

_counter = itertools.count(1)


def make_user(username: str, role: str | None = None, **fields):
    user = get_user_model().objects.create_user(
        username, password="correct horse battery", **fields
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_verified_device(user):
    """A confirmed TOTP device, as if the user had enrolled their phone."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(client, user) -> None:
    """Log in, and if the user has enrolled a second factor, count it as verified."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def make_screening(user, **fields) -> Screening:
    fields.setdefault("case_reference", f"HK-TEST-{next(_counter):04d}")
    fields.setdefault("screened_on", timezone.localdate())
    fields.setdefault("setting", Screening.Setting.OFFICE)
    fields.setdefault("language", "en")
    fields.setdefault("consent", True)
    fields.setdefault("age_band", Screening.AgeBand.ADULT)
    status = fields.pop("status", Screening.Status.DRAFT)
    screening = services.create_screening(details=Screening(**fields), user=user)
    if status != Screening.Status.DRAFT:
        Screening.objects.filter(pk=screening.pk).update(status=status)
        screening.refresh_from_db()
    return screening


def answer_all(
    screening: Screening,
    user,
    value: str = "yes",
    note: str = "",
    *,
    answers: dict[str, str] | None = None,
    step_notes: bool = True,
) -> Screening:
    """Save every step of a screening: `value` for each indicator, or the ones in `answers`."""
    for group in screening.groups:
        answered = {
            indicator.slug: (value if answers is None else answers.get(indicator.slug, ""), note)
            for indicator in group.indicators
        }
        notes = f"notes for {group.slug}" if step_notes else ""
        save_step(screening, user, group.slug, answered, notes)
    return screening


def save_step(
    screening: Screening, user, group_slug: str, answers: dict, step_notes: str = ""
) -> None:
    """Save one step as its page would: `answers` maps a sign's slug to (value, note)."""
    services.save_step(
        screening=screening,
        user=user,
        version=screening.version,
        group_slug=group_slug,
        answers=answers,
        step_notes=step_notes,
        raise_danger=False,
    )


def start_data(**overrides) -> dict:
    """What the details form posts for a new screening."""
    data = {
        "case_reference": "HK-2611-ABCD",
        "screened_on": timezone.localdate().isoformat(),
        "setting": "office",
        "language": "id",
        "interpreter": "professional",
        "consent": "on",
        "age_band": "adult",
        "immediate_danger": "no",
    }
    data.update(overrides)
    return data


def step_data(screening: Screening, number: int, value: str = "yes", **extra) -> dict:
    """What a step posts: `value` for every indicator of the step, with a note on each."""
    group = screening.group_for_step(number)
    data = {"version": screening.version, "action": "continue", "step_notes": f"step {number}"}
    for indicator in group.indicators:
        data[f"answer-{indicator.slug}"] = value
        data[f"note-{indicator.slug}"] = f"note on {indicator.slug}"
    data.update(extra)
    return data


def admin_url(model, action: str, *args) -> str:
    """The admin page of `model` for `action` (changelist, add, change, delete)."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)
