from __future__ import annotations

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from definitions.models import Note
from screening import pdf, services
from screening.fields import note_cipher
from screening.forms import (
    DetailsForm,
    ReopenForm,
    ReviewForm,
    ScreeningFilterForm,
    StepForm,
    VersionForm,
)
from screening.models import AuditEvent, Screening
from screening.summary import ScreeningSummary

STALE_MESSAGE = gettext_lazy(
    "This screening was changed in another tab or on another device after you opened this page, "
    "so your changes on this page were not saved. The current answers are shown below."
)
# The Personal Information Collection Statement (PDPO, Cap. 486), an admin-editable note.
COLLECTION_STATEMENT = "personal-information-collection-statement"
LOCKED_MESSAGE = gettext_lazy(
    "This screening is completed and read-only. A supervisor can reopen it."
)


def screening_page(
    perm: str = "screening.view_screening", related: tuple[str, ...] = ("created_by", "reviewed_by")
):
    """Sign-in, the role's permission (403), then the object: someone else's is a 404.

    The screening comes with its catalogue snapshot, and whether it was reopened, in the same
    query; `related` are the users the page shows (who screened, who reviewed), which the editing
    pages skip.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, screening_id, *args, **kwargs):
            visible = Screening.objects.visible_to(request.user)
            screening = get_object_or_404(
                visible.select_related("snapshot", *related).with_reopen_note(), pk=screening_id
            )
            return view(request, screening, *args, **kwargs)

        return login_required(permission_required(perm, raise_exception=True)(wrapper))

    return decorator


FILTERS_SESSION_KEY = "screening_list_filters"


@login_required
@permission_required("screening.view_screening", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def screening_list(request: HttpRequest) -> HttpResponse:
    """Filters arrive by POST and live in the session, so no case reference is put in a URL."""
    if request.method == "POST":
        filters = {} if "clear" in request.POST else request.POST.dict()
        filters.pop("csrfmiddlewaretoken", None)
        request.session[FILTERS_SESSION_KEY] = filters
        return redirect("screening:list")
    supervisor = request.user.has_perm("screening.view_all_screenings")
    filters = request.session.get(FILTERS_SESSION_KEY) or None
    form = ScreeningFilterForm(filters, supervisor=supervisor)
    screenings = Screening.objects.visible_to(request.user).select_related("created_by")
    if form.is_valid():
        screenings = form.filter(screenings)
    elif form.is_bound:
        screenings = screenings.none()
    screenings = screenings.order_by("list_rank", "-screened_on", "-created_at")  # drafts first
    page = Paginator(screenings, 25).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "supervisor": supervisor}
    return render(request, "screening/list.html", context)


@login_required
@permission_required("screening.add_screening", raise_exception=True)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    form = DetailsForm(request.POST or None)
    if form.is_valid():
        screening = services.create_screening(details=form.save(commit=False), user=request.user)
        return redirect(screening.step_url(2))
    context = {"form": form, "step": 1, "screening": None, "pics": _collection_statement()}
    return render(request, "screening/details.html", context)


def _collection_statement() -> Note | None:
    return Note.objects.filter(slug=COLLECTION_STATEMENT).first()


@screening_page()
@require_safe
def resume(request: HttpRequest, screening: Screening) -> HttpResponse:
    if not screening.is_editable:
        return redirect("screening:summary", screening.pk)
    return redirect(screening.step_url(screening.first_unfinished_step()))


def _next_url(screening: Screening, action: str, number: int) -> str:
    if action == "exit":
        return "screening:list"
    return screening.step_url(number - 1 if action == "back" else number + 1)


@screening_page("screening.change_screening", related=())
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, screening: Screening) -> HttpResponse:
    if not screening.is_editable:
        messages.info(request, LOCKED_MESSAGE)
        return redirect("screening:summary", screening.pk)
    form = DetailsForm(request.POST or None, instance=screening)
    version = VersionForm(request.POST or None, initial={"version": screening.version})
    if request.method == "POST" and form.is_valid() and version.is_valid():
        fields = {name: form.cleaned_data[name] for name in DetailsForm.Meta.fields}
        try:
            services.update_details(
                screening=screening,
                user=request.user,
                version=version.cleaned_data["version"],
                fields=fields,
            )
        except services.StaleScreening:
            return _stale(request, screening, 1)
        return redirect(_next_url(screening, request.POST.get("action", "continue"), 1))
    context = {
        "form": form,
        "version_form": version,
        "step": 1,
        "screening": screening,
        "pics": _collection_statement(),
    }
    return render(request, "screening/details.html", context)


def _stale(request: HttpRequest, screening: Screening, number: int) -> HttpResponse:
    messages.error(request, STALE_MESSAGE)
    return redirect(screening.step_url(number))


@screening_page("screening.change_screening", related=())
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, screening: Screening, number: int) -> HttpResponse:
    group = screening.group_for_step(number)
    if group is None:
        raise Http404
    if not screening.is_editable:
        messages.info(request, LOCKED_MESSAGE)
        return redirect("screening:summary", screening.pk)
    data = request.POST or _held(request, screening, number)
    form = StepForm.for_screening(screening, group, data)
    if request.POST.get("action") == "danger":
        return _danger_now(request, screening, number, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_step(
                screening=screening,
                user=request.user,
                version=form.cleaned_data["version"],
                group_slug=group.slug,
                answers=form.answers(),
                step_notes=form.notes_to_save(),
                raise_danger=False,
            )
        except services.StaleScreening:
            return _stale_step(request, screening, number, form)
        request.session.pop(_held_key(screening, number), None)
        if request.POST.get("action") == "exit":
            messages.success(request, _("Saved. You can resume this screening at any time."))
        return redirect(_next_url(screening, request.POST.get("action", "continue"), number))
    held = bool(data) and not request.POST
    context = {"form": form, "group": group, "step": number, "screening": screening, "held": held}
    return render(request, "screening/step.html", context, status=400 if request.POST else 200)


def _danger_now(
    request: HttpRequest, screening: Screening, number: int, form: StepForm
) -> HttpResponse:
    """ "Danger now": immediate danger is raised whatever else happens, then the stop page.

    It saves the step like "Save" does; a field that does not validate keeps what was saved
    before, and the page as typed is held (`_hold`) to show when the caseworker comes back. A stale
    or incomplete page cannot save the step, so it raises danger alone and holds the whole page.
    """
    saved = StepForm.saved_values(screening, form.group) if not form.is_valid() else {}
    try:
        if "version" not in form.cleaned_data:
            raise services.StaleScreening
        services.save_step(
            screening=screening,
            user=request.user,
            version=form.cleaned_data["version"],
            group_slug=form.group.slug,
            answers=form.answers(saved),
            step_notes=form.notes_to_save(saved),
            raise_danger=True,
        )
    except (services.StaleScreening, services.WrongStatus):
        services.raise_danger(screening=screening, user=request.user)
        _hold(request, screening, number, form.data)
    else:
        if form.errors:
            _hold(request, screening, number, form.data)
        else:
            request.session.pop(_held_key(screening, number), None)
    return redirect(f"{reverse('screening:danger', args=[screening.pk])}?step={number}")


def _held_key(screening: Screening, number: int) -> str:
    return f"held-step:{screening.pk}:{number}"


def _hold(request: HttpRequest, screening: Screening, number: int, data) -> None:
    """Keep a step as typed, until it is saved. Encrypted like the notes it may hold."""
    typed = {name: value for name, value in data.items() if name not in ("csrfmiddlewaretoken",)}
    token = note_cipher().encrypt(json.dumps(typed).encode()).decode()
    request.session[_held_key(screening, number)] = token


def _held(request: HttpRequest, screening: Screening, number: int) -> dict | None:
    """A step held by `_hold`, to show as typed, on top of the screening as it is now."""
    token = request.session.get(_held_key(screening, number))
    if request.method != "GET" or not token:
        return None
    typed = json.loads(note_cipher().decrypt(token.encode()))
    return {**typed, "version": screening.version, "action": "continue"}


@screening_page(related=())
@require_safe
def danger(request: HttpRequest, screening: Screening) -> HttpResponse:
    """The stop page after "Danger now": whom to call, what to say, then back to the screening."""
    number = request.GET.get("step", "")
    number = int(number) if number.isdecimal() and len(number) < 3 else 0
    back = screening.step_url(number) if number else screening.get_absolute_url()
    if not screening.immediate_danger:
        return redirect(back)
    held = bool(number and request.session.get(_held_key(screening, number)))
    context = {"screening": screening, "back_url": back, "held": held}
    return render(request, "screening/danger.html", context)


def _stale_step(
    request: HttpRequest, screening: Screening, number: int, typed: StepForm
) -> HttpResponse:
    """Another tab or device saved first: keep what was typed, show what is saved, save again."""
    screening.refresh_from_db()
    if not screening.is_editable:
        return _stale(request, screening, number)
    form, saved_meanwhile = typed.after_conflict(screening)
    context = {
        "form": form,
        "group": typed.group,
        "step": number,
        "screening": screening,
        "saved_meanwhile": saved_meanwhile,
    }
    return render(request, "screening/step.html", context, status=409)


@screening_page("screening.change_screening")
@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, screening: Screening) -> HttpResponse:
    """The last step: the caseworker checks the answers and completes the screening."""
    if not screening.is_editable:
        return redirect("screening:summary", screening.pk)
    form = VersionForm(request.POST or None, initial={"version": screening.version})
    if form.is_valid():
        try:
            services.complete_screening(
                screening=screening, user=request.user, version=form.cleaned_data["version"]
            )
        except services.StaleScreening:
            return _stale(request, screening, screening.complete_step)
        messages.success(request, _("Screening completed."))
        return redirect("screening:summary", screening.pk)
    if request.method == "GET":
        AuditEvent.record(screening, request.user, AuditEvent.Action.VIEWED, "complete")
    context = {
        "screening": screening,
        "summary": ScreeningSummary(screening),
        "form": form,
        "step": screening.complete_step,
    }
    return render(request, "screening/complete.html", context)


@screening_page()
@require_safe
def summary(request: HttpRequest, screening: Screening) -> HttpResponse:
    AuditEvent.record(screening, request.user, AuditEvent.Action.VIEWED, "summary")
    context = {
        "screening": screening,
        "summary": ScreeningSummary(screening),
        "audit_events": _audit_trail(request, screening),
        "version_form": VersionForm(initial={"version": screening.version}),
    }
    return render(request, "screening/summary.html", context)


def _audit_trail(request: HttpRequest, screening: Screening):
    if not request.user.has_perm("screening.view_auditevent"):
        return None
    return AuditEvent.objects.filter(screening_id=screening.pk).select_related("user")


@screening_page("screening.review_screening")
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, screening: Screening) -> HttpResponse:
    """A supervisor reviews a completed screening, which locks it."""
    return _supervise(
        request,
        screening,
        "review",
        ReviewForm,
        services.review_screening,
        done=_("Screening reviewed and locked."),
        refused=_("Only a completed screening can be reviewed."),
    )


@screening_page("screening.review_screening")
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, screening: Screening) -> HttpResponse:
    """A supervisor returns a completed or reviewed screening to draft, with a reason."""
    return _supervise(
        request,
        screening,
        "reopen",
        ReopenForm,
        services.reopen_screening,
        done=_("Screening reopened. The caseworker can change it again."),
        refused=_("This screening is still a draft; there is nothing to reopen."),
    )


def _supervise(
    request: HttpRequest,
    screening: Screening,
    action: str,
    form_class,
    write,
    *,
    done: str,
    refused: str,
) -> HttpResponse:
    """A supervisor's action: the form's fields (version, comment or reason) go to `write`."""
    form = form_class(request.POST or None, initial={"version": screening.version})
    if form.is_valid():
        try:
            write(screening=screening, user=request.user, **form.cleaned_data)
        except services.StaleScreening:
            messages.error(request, STALE_MESSAGE)
        except services.WrongStatus:
            messages.error(request, refused)
        else:
            messages.success(request, done)
        return redirect("screening:summary", screening.pk)
    context = {"screening": screening, "form": form, "action": action}
    status = 400 if form.is_bound else 200
    return render(request, "screening/supervise.html", context, status=status)


@screening_page()
@require_safe
def summary_pdf(request: HttpRequest, screening: Screening) -> HttpResponse:
    document = pdf.summary_pdf(screening, printed_by=request.user)
    AuditEvent.record(screening, request.user, AuditEvent.Action.PRINTED)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(screening)}"'
    return response
