"""The bench's caseworker, sessions and screenings, made through the app's own services."""

from __future__ import annotations

from importlib import import_module
from itertools import cycle
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group

from screening import roles, services
from screening.catalogue import CatalogueGroup
from screening.models import Screening

USERNAME = "bench-caseworker"
# A heavy but realistic referral case: most answers Yes, every kind of answer present.
FULL_PATTERN = ["yes", "not_sure", "yes", "no", "yes", "not_asked"]
NOTE = "Disclosed during the interview, through the interpreter; she asked us to write it down. "


def caseworker(username: str = USERNAME):
    """A caseworker with no usable password: the bench signs in with sessions, never a form."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=roles.CASEWORKER))
    return user


def session_for(user, **extra) -> str:
    """A signed-in session, as the login view would leave it; returns the session key.

    `extra` goes into the session too: the second factor's device, the list's filters.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.update(extra)
    store.create()
    return store.session_key


def supervisor(username: str = "bench-supervisor"):
    """A supervisor with an enrolled authenticator app, like the caseworker without a password."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=roles.SUPERVISOR))
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def verified(user) -> dict:
    """What a session holds once the second factor was confirmed (django-otp's device key)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return {DEVICE_ID_SESSION_KEY: TOTPDevice.objects.get(user=user).persistent_id}


def step_answers(
    group: CatalogueGroup, marker: str, values=FULL_PATTERN
) -> dict[str, tuple[str, str]]:
    picks = cycle(values)
    return {indicator.slug: (next(picks), f"{NOTE}{marker}") for indicator in group.indicators}


def new_screening(user, reference: str, **fields) -> Screening:
    details = Screening(
        case_reference=reference,
        setting=Screening.Setting.OFFICE,
        language="id",
        interpreter=Screening.Interpreter.PROFESSIONAL,
        consent=True,
        age_band=Screening.AgeBand.ADULT,
        **fields,
    )
    return services.create_screening(details=details, user=user)


def answer_every_step(screening: Screening, user, marker: str = "") -> Screening:
    for group in screening.groups:
        services.save_step(
            screening=screening,
            user=user,
            version=screening.version,
            group_slug=group.slug,
            answers=step_answers(group, marker),
            step_notes=f"Notes for {group.title}: {NOTE * 3}{marker}",
            raise_danger=False,
        )
    return screening


def complete_screening(user, reference: str = "HK-BENCH-FULL") -> Screening:
    """Every indicator answered with a note, notes on every step, immediate danger, completed."""
    screening = answer_every_step(new_screening(user, reference, immediate_danger=True), user)
    services.complete_screening(screening=screening, user=user, version=screening.version)
    return screening


def drafts(user, count: int, prefix: str) -> list[Screening]:
    return [new_screening(user, f"{prefix}-{number:02d}") for number in range(1, count + 1)]


def caseworkers(count: int, prefix: str) -> list[dict]:
    """`count` caseworkers, each with their own session and draft, for bench/caseworkers.py."""
    from bench.caseworkers import CSRF_PLACEHOLDER

    people = []
    for number in range(1, count + 1):
        user = caseworker(f"{USERNAME}-{number:04d}")
        draft = new_screening(user, f"{prefix}-{number:04d}")
        steps = range(2, draft.complete_step)
        bodies = [
            step_form(group, csrf_token=CSRF_PLACEHOLDER, marker=f"[caseworker {number}]")
            for group in draft.groups
        ]
        people.append(
            {
                "session": session_for(user),
                "steps": [draft.step_url(step) for step in steps],
                "after_last": draft.step_url(draft.complete_step),
                "bodies": bodies,
            }
        )
    return people


def invalid_step_form(group: CatalogueGroup, csrf_token: str, version: int, chance) -> str:
    """A step's POST body whose answers are random values no form accepts."""
    fields = {"version": version, "csrfmiddlewaretoken": csrf_token, "action": "continue"}
    for indicator in group.indicators:
        fields[f"answer-{indicator.slug}"] = chance.randbytes(chance.randint(4, 40)).hex()
        fields[f"note-{indicator.slug}"] = NOTE
    fields["step_notes"] = "Step notes"
    return urlencode(fields)


def step_form(group: CatalogueGroup, *, csrf_token: str, marker: str) -> str:
    """A step's POST body, without the version: callers put `version=N&` in front of it."""
    fields = {"csrfmiddlewaretoken": csrf_token, "action": "continue"}
    for slug, (value, note) in step_answers(group, marker).items():
        fields[f"answer-{slug}"] = value
        fields[f"note-{slug}"] = note
    fields["step_notes"] = f"Step notes {marker}"
    return urlencode(fields)


def small_wav(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A short mono WAV (a quiet 440 Hz tone), made with the standard library: what a recording
    of one question weighs at telephone quality."""
    import io
    import math
    import struct
    import wave

    frames = b"".join(
        struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * n / rate)))
        for n in range(int(seconds * rate))
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(frames)
    return out.getvalue()


def recording(key: str, language: str):
    """An up-to-date recording of the text `key` in `language`, as an upload would store it."""
    from datetime import date

    from client_texts.audio import check_audio
    from client_texts.models import ClientText, Recording, text_hash

    audio = small_wav()
    checked = check_audio(audio)  # the upload's own check: the bench serves what it would accept
    text = ClientText.objects.get(key=key, language=language).text
    row, _created = Recording.objects.update_or_create(
        key=key,
        language=language,
        defaults={
            "audio": audio,
            "content_type": checked.content_type,
            "duration": checked.duration,
            "recorded_by": "bench",
            "recorded_on": date(2026, 12, 5),
            "text_hash": text_hash(text),
        },
    )
    return row


def handed_over_session(user, screening: Screening) -> tuple[str, str]:
    """A session of `user` with `screening` handed over and its first question on screen, as
    "Hand the device to the person" and "Start" leave it: the session key and that question's
    sign."""
    from dataclasses import asdict

    from screening.person_texts import PersonTexts
    from screening.self_answer import EVERY_QUESTION, SESSION_KEY, HandOver, askable

    language = screening.client_language
    slugs = askable(screening, PersonTexts.of(language).texts, EVERY_QUESTION)
    services.hand_over(screening=screening, user=user, language=language)
    hand_over = HandOver(str(screening.pk), language, slugs, started=True)
    return session_for(user, **{SESSION_KEY: asdict(hand_over)}), hand_over.current
