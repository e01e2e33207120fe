"""Hand the device over: the person answers alone, in their language; then hand it back.

See screening/self_answer.py for the questions and how long a hand-over lasts.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import PIN, Profile
from client_texts.models import (
    SELF_CLOSING,
    SELF_OPENING,
    Recording,
    current_recordings,
)
from lib.database import DatabaseUnavailable
from screening import services
from screening.forms import HandBackForm, HandOverForm
from screening.models import AuditEvent, Screening
from screening.person_texts import PersonTexts, fill_placeholders
from screening.self_answer import (
    BUTTONS,
    SCREEN_WORDS,
    HandOver,
    askable,
    question_key,
    recorded_value,
)
from screening.views import screening_page


@screening_page("screening.change_screening", related=())
@require_POST
def hand_over(request: HttpRequest, screening: Screening) -> HttpResponse:
    form = HandOverForm.for_screening(screening, request.POST)
    if form is None or not form.is_valid():
        messages.error(request, _("Choose the person's language and the questions to hand over."))
        return redirect(screening.get_absolute_url())
    language = form.cleaned_data["language"]
    texts = PersonTexts.of(language)
    slugs = askable(screening, texts.texts, form.cleaned_data["questions"], only=form.only)
    if not slugs:
        messages.info(request, _("There is no question left for the person to answer alone."))
        return redirect(screening.get_absolute_url())
    try:
        services.hand_over(screening=screening, user=request.user, language=language)
    except services.WrongStatus:
        return redirect("screening:summary", screening.pk)
    except DatabaseUnavailable:
        messages.error(request, _("The database is busy. Wait a moment and hand over again."))
        return redirect(screening.get_absolute_url())
    HandOver(
        screening=str(screening.pk),
        language=language,
        slugs=slugs,
        play_on_arrival=form.cleaned_data["play_on_arrival"],
    ).save(request)
    return redirect("screening:self_answer", screening.pk)


@screening_page("screening.change_screening", related=())
@require_http_methods(["GET", "POST"])
def self_answer(request: HttpRequest, screening: Screening) -> HttpResponse:
    """The person's view: the opening, then one question per screen, then the closing.

    Each answer is a form POST that saves it at once (`services.save_self_answer`) and goes on to
    the next question; the page shows nothing of the case.
    """
    hand_over = HandOver.of(request)
    if hand_over is None or hand_over.screening != str(screening.pk):
        return redirect(screening.get_absolute_url())
    status = 200
    if request.method == "POST":
        try:
            _answer(request, screening, hand_over)
        except DatabaseUnavailable:
            status = 503  # the same question again; nothing was saved
        except services.WrongStatus:  # completed meanwhile on another device
            hand_over.position = len(hand_over.slugs)
            hand_over.save(request)
        if status == 200:
            return redirect("screening:self_answer", screening.pk)
    return render(request, "screening/self_answer.html", _screen(hand_over), status=status)


def _answer(request: HttpRequest, screening: Screening, hand_over: HandOver) -> None:
    action, button = request.POST.get("action"), request.POST.get("answer")
    if action == "start":
        hand_over.started = True
    elif action == "stop":
        hand_over.position = len(hand_over.slugs)
    elif button in BUTTONS and hand_over.started:
        # Only the question on screen: a second tap, or a page resent after Back, does nothing.
        if request.POST.get("sign") != hand_over.current:
            return
        slug = hand_over.current
        services.save_self_answer(
            screening=screening,
            user=request.user,
            slug=slug,
            value=recorded_value(slug, button),
        )
        hand_over.position += 1
    hand_over.save(request)


def _screen(hand_over: HandOver) -> dict:
    """What the person's view shows now: the opening, a question or the closing, and the words
    of the screen, all in the person's language."""
    texts = PersonTexts.of(hand_over.language)
    if not hand_over.started:
        screen, key = "opening", SELF_OPENING
    elif hand_over.finished:
        screen, key = "closing", SELF_CLOSING
    else:
        screen, key = "question", question_key(hand_over.current)
    words = {name: text.text for name, key_ in SCREEN_WORDS.items() if (text := texts.get(key_))}
    progress = fill_placeholders(
        words.get("progress", ""),
        {"number": str(hand_over.position + 1), "total": str(len(hand_over.slugs))},
    )
    return {
        "hand_over": hand_over,
        "page_lang": hand_over.content_language.lang,
        "page_dir": hand_over.content_language.direction,
        "screen": screen,
        "text": texts.get(key),
        "words": words,
        "progress": progress,
        "buttons": [(button, words.get(button, button)) for button in BUTTONS],
        "recording": current_recordings(hand_over.language).get(key),
    }


@screening_page("screening.change_screening", related=())
@require_http_methods(["GET", "POST"])
def hand_back(request: HttpRequest, screening: Screening) -> HttpResponse:
    """The caseworker's password, or their PIN, takes the device back.

    Wrong passwords count as failed sign-ins (django-axes), so guessing here is stopped as it is
    at sign-in; wrong PINs are counted in the hand-over, and after
    HAND_BACK_PIN_FAILURE_LIMIT of them only the password works for it.
    """
    hand_over = HandOver.of(request)
    if hand_over is None or hand_over.screening != str(screening.pk):
        return redirect(screening.get_absolute_url())
    pin_hash = Profile.pin_of(request.user)
    pin_open = bool(pin_hash) and hand_over.pin_failures < settings.HAND_BACK_PIN_FAILURE_LIMIT
    form = HandBackForm(request.POST or None, pin=pin_open)
    credentials = {"username": request.user.get_username()}
    locked = not AxesProxyHandler.is_allowed(request, credentials)
    if form.is_valid() and not locked:
        entered = form.cleaned_data["password"]
        if pin_open and PIN.match(entered):
            handed_back = _pin_hands_back(request, screening, hand_over, entered, pin_hash)
            pin_open = hand_over.pin_failures < settings.HAND_BACK_PIN_FAILURE_LIMIT
            if not handed_back and pin_open:
                form.add_error("password", _("That is not your password or PIN. Try again."))
            elif not handed_back:  # the last PIN allowed: the page says only the password works
                form.add_error("password", _("That is not your PIN."))
                form.password_only()
        else:
            handed_back, locked = _password_hands_back(request, screening, entered)
            if not handed_back and not locked:
                form.add_error("password", _("That is not your password. Try again."))
        if handed_back:
            return _handed_back(request, screening)
    elif form.is_bound and locked:
        AuditEvent.record(screening, request.user, AuditEvent.Action.HAND_BACK_REFUSED, "locked")
    context = {
        "form": form,
        "locked": locked,
        "wait_minutes": _cool_off_minutes(),
        "pin_spent": bool(pin_hash) and not pin_open,
    }
    status = 429 if locked else 400 if form.is_bound else 200
    return render(request, "screening/hand_back.html", context, status=status)


def _pin_hands_back(request, screening, hand_over: HandOver, pin: str, pin_hash: str) -> bool:
    """Whether `pin` is the caseworker's; a wrong one is counted in the hand-over and audited."""
    if Profile.pin_matches(pin, pin_hash):
        return True
    hand_over.pin_failures += 1
    hand_over.save(request)
    AuditEvent.record(screening, request.user, AuditEvent.Action.HAND_BACK_REFUSED, "PIN")
    return False


def _password_hands_back(request, screening, password: str) -> tuple[bool, bool]:
    """Whether `password` is the caseworker's (django-axes counts a wrong one), and whether
    hand-back is locked now."""
    user = authenticate(request, username=request.user.get_username(), password=password)
    locked = getattr(request, "axes_locked_out", False)
    request.axes_locked_out = False  # this page says so itself, without a way out
    if user is not None and user.pk == request.user.pk:
        return True, False
    AuditEvent.record(screening, request.user, AuditEvent.Action.HAND_BACK_REFUSED)
    return False, locked


def _handed_back(request: HttpRequest, screening: Screening) -> HttpResponse:
    HandOver.end(request)
    AuditEvent.record(screening, request.user, AuditEvent.Action.HANDED_BACK)
    messages.success(request, _("You have the device back."))
    return redirect(screening.step_url(screening.complete_step))


def _cool_off_minutes() -> int:
    return round(float(settings.AXES_COOLOFF_TIME) * 60)


@login_required
@permission_required("screening.view_screening", raise_exception=True)
@require_safe
def recording(request: HttpRequest, pk: int) -> HttpResponse:
    """A recording's audio, for signed-in caseworkers and supervisors only (never cached: the
    screening app's pages are no-store)."""
    audio = get_object_or_404(Recording.objects.only("audio", "content_type"), pk=pk)
    response = HttpResponse(bytes(audio.audio), content_type=audio.content_type)
    response["Content-Length"] = str(len(audio.audio))
    return response
