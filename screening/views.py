from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from definitions.models import Note
from lib.database import RETRY_AFTER_SECONDS, DatabaseUnavailable
from referrals.models import ReferralContact
from screening import pdf, services
from screening.audit import describe_events
from screening.catalogue import group_for_reader
from screening.forms import (
    CompleteForm,
    DetailsForm,
    HandOverForm,
    ReferralForm,
    ReopenForm,
    ReviewForm,
    ScreeningFilterForm,
    StepForm,
    VersionForm,
)
from screening.held import held_key, held_step, hold, hold_step, with_held_typing
from screening.models import AuditEvent, DataAccessRequest, Referral, Screening
from screening.person_texts import (
    PersonTexts,
    closing,
    closing_missing,
    closing_parts,
    draft_state,
)
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
HELD_MESSAGE = gettext_lazy(
    "This page was not saved: you had been signed out, or the page had expired. What you typed "
    "is shown below but is not saved yet. Check it and press a Save button."
)
HELD_COMPLETE_MESSAGE = gettext_lazy(
    "The screening was not completed: you had been signed out, or the page had expired. Check "
    "the answers and complete it again."
)
NOT_SAVED_MESSAGE = gettext_lazy(
    "This could not be saved just now: the database was busy. Nothing was changed, and what you "
    "typed is still here. Wait a moment, then press the same button again."
)


def screening_page(
    perm: str = "screening.view_screening",
    related: tuple[str, ...] = ("created_by", "reviewed_by"),
    keeps_typing: bool = False,
):
    """Sign-in, the role's permission (403), then the object: someone else's is a 404.

    The screening comes with its catalogue snapshot in the same query; `related` are the users
    the page shows (who screened, who reviewed), which the editing pages skip.

    An editing page `keeps_typing`: a save that arrives after the session ended is held (see
    `HeldSave`) instead of being lost on the way to sign-in, and the view is given it back as
    `held` (form data, or None) when the page is next opened in that browser by someone who may
    edit the screening.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, screening_id, *args, **kwargs):
            if not request.user.has_perm(perm):
                _record_refusal(request, screening_id, "403")
                raise PermissionDenied
            visible = Screening.objects.visible_to(request.user)
            try:
                # get(), not first(): one row by its key needs no ORDER BY to build.
                screening = visible.select_related("snapshot", *related).get(pk=screening_id)
            except Screening.DoesNotExist:
                _record_refusal(request, screening_id, "404")
                raise Http404 from None
            if not keeps_typing:
                return view(request, screening, *args, **kwargs)
            return with_held_typing(request, screening, view, *args, **kwargs)

        protected = login_required(wrapper)
        if not keeps_typing:
            return protected

        @wraps(view)
        def keeping(request: HttpRequest, screening_id, *args, **kwargs):
            if request.method == "POST" and not request.user.is_authenticated:
                return hold(request)
            return protected(request, screening_id, *args, **kwargs)

        keeping.keeps_typing = True
        return keeping

    return decorator


def _record_refusal(request: HttpRequest, screening_id, outcome: str) -> None:
    """A signed-in attempt at a screening this user may not see: who, which (if it exists),
    and what they got. Nothing of the case."""
    exists = Screening.objects.filter(pk=screening_id).exists()
    AuditEvent.record(
        None,
        request.user,
        AuditEvent.Action.DENIED,
        f"{outcome} {request.resolver_match.url_name}",
        screening_id=screening_id if exists else None,
    )


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
    screenings = (
        Screening.objects.visible_to(request.user).select_related("created_by").with_follow_up()
    )
    if form.is_valid():
        screenings = form.filter(screenings)
    elif form.is_bound:
        screenings = screenings.none()
    # Each order is served by its own index on a stored rank (see Screening.Meta.indexes).
    # Supervisors: urgent, then awaiting review first; caseworkers: drafts first.
    rank = "attention_rank" if supervisor else "list_rank"
    screenings = screenings.order_by(rank, "-screened_on", "-created_at")
    page = Paginator(screenings, 25).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "supervisor": supervisor}
    if request.user.has_perm("screening.review_screening"):
        # One query: an access or correction request due within a week, or overdue.
        due = DataAccessRequest.objects.due_within(DataAccessRequest.DUE_SOON)
        context["requests_due"] = due.exists()
    return render(request, "screening/list.html", context)


@login_required
@permission_required("screening.add_screening", raise_exception=True)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    form = DetailsForm(request.POST or None)
    busy = False
    if form.is_valid():
        details = form.save(commit=False)
        repeat = Screening.objects.just_started(request.user, details.case_reference)
        if repeat is not None:  # the same start sent twice: it is already done
            return redirect(repeat.step_url(2))
        try:
            screening = services.create_screening(details=details, user=request.user)
        except DatabaseUnavailable:
            busy = True
        else:
            return redirect(screening.step_url(2))
    context = {
        "form": form,
        "step": 1,
        "screening": None,
        "pics": _collection_statement(),
        "openings": _openings(form["language"].value()),
    }
    return _form_page(request, "screening/details.html", context, busy=busy)


def _openings(interview_language: str | None) -> list[PersonTexts]:
    """The opening, the consent question and the privacy summary to read to the person: in the
    interview language once chosen, else in every language (details.js shows the chosen one)."""
    if interview_language:
        code = Screening(language=interview_language).client_language
        texts = PersonTexts.of(code)
        return [texts] if texts else []
    return PersonTexts.every_language()


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
    if action == "show":
        return reverse("screening:show_to_person", args=[screening.pk, number])
    return screening.step_url(number - 1 if action == "back" else number + 1)


@screening_page("screening.change_screening", related=(), keeps_typing=True)
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, screening: Screening, held=None) -> HttpResponse:
    if not screening.is_editable:
        messages.info(request, LOCKED_MESSAGE)
        return redirect("screening:summary", screening.pk)
    if held:
        messages.warning(request, HELD_MESSAGE)
    data = request.POST or held
    may_lower_danger = request.user.has_perm("screening.review_screening")
    form = DetailsForm(data, instance=screening, may_lower_danger=may_lower_danger)
    version = VersionForm(data, initial={"version": screening.version})
    busy = False
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
            if not _saved_as(screening, fields):
                return _stale(request, screening, 1)
        except DatabaseUnavailable:
            busy = True
        if not busy:
            return redirect(_next_url(screening, request.POST.get("action", "continue"), 1))
    if request.method == "GET":  # the details page shows the case's facts
        AuditEvent.record(screening, request.user, AuditEvent.Action.VIEWED, "details")
    context = {
        "form": form,
        "version_form": version,
        "step": 1,
        "screening": screening,
        "pics": _collection_statement(),
        "openings": _openings(form["language"].value()),
        "hand_over_form": HandOverForm.for_screening(screening),
    }
    return _form_page(request, "screening/details.html", context, busy=busy)


def _saved_as(screening: Screening, fields: dict) -> bool:
    """Whether the details are saved just as `fields` are: a page sent twice (a double click)
    whose second save arrives after the first is already done, not a change from another tab."""
    screening.refresh_from_db()
    return screening.is_editable and all(
        getattr(screening, name) == value for name, value in fields.items()
    )


def _form_page(
    request: HttpRequest, template: str, context: dict, *, busy: bool, status: int = 200
) -> HttpResponse:
    """An editing page. `busy`: the save could not get the database (`DatabaseUnavailable`), so
    the page comes back as it was sent, with everything typed and the version it was built on,
    as a 503 that says so and when to try again (Retry-After)."""
    if not busy:
        return render(request, template, context, status=status)
    messages.error(request, NOT_SAVED_MESSAGE)
    response = render(request, template, context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _stale(request: HttpRequest, screening: Screening, number: int) -> HttpResponse:
    messages.error(request, STALE_MESSAGE)
    return redirect(screening.step_url(number))


@screening_page("screening.change_screening", related=(), keeps_typing=True)
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, screening: Screening, number: int, held=None) -> HttpResponse:
    group = screening.group_for_step(number)
    if group is None:
        raise Http404
    if not screening.is_editable:
        messages.info(request, LOCKED_MESSAGE)
        return redirect("screening:summary", screening.pk)
    # Typed earlier and given back: after signing in again (`held`), or after "Danger now".
    danger_held = None if (request.POST or held) else held_step(request, screening, number)
    data = request.POST or held or danger_held
    form = StepForm.for_screening(screening, group, data)
    if data and data.get("action") == "danger":  # pressed now, or before signing in again
        return _danger_now(request, screening, number, form)
    if held:
        messages.warning(request, HELD_MESSAGE)
    busy = False
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
                step_as_shown=form.cleaned_data["step_saved"],
            )
        except services.StaleScreening:
            return _stale_step(request, screening, number, form)
        except DatabaseUnavailable:
            busy = True
        else:
            request.session.pop(held_key(screening, number), None)
            if request.POST.get("action") == "exit":
                messages.success(request, _("Saved. You can resume this screening at any time."))
            return redirect(_next_url(screening, request.POST.get("action", "continue"), number))
    form.person_texts = PersonTexts.of(screening.client_language)
    if request.method == "GET":  # a step shows its answers and notes
        AuditEvent.record(screening, request.user, AuditEvent.Action.VIEWED, f"step {group.slug}")
    context = {
        "form": form,
        "group": group_for_reader(group),
        "step": number,
        "screening": screening,
        "danger_held": bool(danger_held),
        "hand_over_form": HandOverForm.for_screening(screening),
    }
    status = 400 if request.POST else 200
    return _form_page(request, "screening/step.html", context, busy=busy, status=status)


@screening_page("screening.change_screening", related=())
@require_safe
def show_to_person(request: HttpRequest, screening: Screening, number: int) -> HttpResponse:
    """A step's questions in the person's language only, large, to turn the screen to them.

    Nothing of the case is on it: no reference, no answers, no notes. The step's "Show the
    questions" button saves what was typed and comes here ("show" in `_next_url`).
    """
    group = screening.group_for_step(number)
    texts = PersonTexts.of(screening.client_language)
    if group is None or texts is None:
        raise Http404
    questions = [texts.questions(indicator.slug) for indicator in group.indicators]
    context = {
        "texts": texts,
        "questions": [q for q in questions if q],
        "draft_state": draft_state([text for q in questions for text in q]),
        "back_url": screening.step_url(number),
    }
    return render(request, "screening/show_to_person.html", context)


def _danger_now(
    request: HttpRequest, screening: Screening, number: int, form: StepForm
) -> HttpResponse:
    """ "Danger now": immediate danger is raised whatever else happens, then the stop page.

    It saves the step like "Save" does; a field that does not validate keeps what was saved
    before, and the page as typed is held (`hold_step`) to show when the caseworker comes back.
    A stale or incomplete page cannot save the step, so it raises danger alone and holds the whole
    page.
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
            step_as_shown=form.cleaned_data.get("step_saved"),
        )
    except (services.StaleScreening, services.WrongStatus):
        try:
            services.raise_danger(screening=screening, user=request.user)
        except DatabaseUnavailable:
            return _danger_not_recorded(request, screening, number, form)
        hold_step(request, screening, number, form.data)
    except DatabaseUnavailable:
        return _danger_not_recorded(request, screening, number, form)
    else:
        if form.errors:
            hold_step(request, screening, number, form.data)
        else:
            request.session.pop(held_key(screening, number), None)
    return redirect(f"{reverse('screening:danger', args=[screening.pk])}?step={number}")


def _danger_not_recorded(
    request: HttpRequest, screening: Screening, number: int, form: StepForm
) -> HttpResponse:
    """ "Danger now" while the database is busy: whom to call comes first all the same, above
    the step as typed, which cannot be kept anywhere but in the page just now."""
    context = {
        "form": form,
        "group": group_for_reader(form.group),
        "step": number,
        "screening": screening,
        "danger_not_recorded": True,
    }
    return _form_page(request, "screening/step.html", context, busy=True)


@screening_page(related=())
@require_safe
def danger(request: HttpRequest, screening: Screening) -> HttpResponse:
    """The stop page after "Danger now": whom to call, what to say, then back to the screening."""
    number = request.GET.get("step", "")
    number = int(number) if number.isdecimal() and len(number) < 3 else 0
    back = screening.step_url(number) if number else screening.get_absolute_url()
    if not screening.immediate_danger:
        return redirect(back)
    kept = bool(number and request.session.get(held_key(screening, number)))
    context = {"screening": screening, "back_url": back, "held": kept}
    return render(request, "screening/danger.html", context)


def _stale_step(
    request: HttpRequest, screening: Screening, number: int, typed: StepForm
) -> HttpResponse:
    """Another tab or device saved first: keep what was typed, show what is saved, save again."""
    screening.refresh_from_db()
    if not screening.is_editable:
        return _stale(request, screening, number)
    form, saved_meanwhile = typed.after_conflict(screening)
    if not saved_meanwhile:  # the same save sent twice (a double click): already done
        request.session.pop(held_key(screening, number), None)
        return redirect(_next_url(screening, request.POST.get("action", "continue"), number))
    form.person_texts = PersonTexts.of(screening.client_language)
    context = {
        "form": form,
        "group": group_for_reader(typed.group),
        "step": number,
        "screening": screening,
        "saved_meanwhile": saved_meanwhile,
    }
    return render(request, "screening/step.html", context, status=409)


@screening_page("screening.change_screening", keeps_typing=True)
@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, screening: Screening, held=None) -> HttpResponse:
    """The last step: the caseworker checks the answers and completes the screening."""
    if not screening.is_editable:
        return redirect("screening:summary", screening.pk)
    if held:
        messages.warning(request, HELD_COMPLETE_MESSAGE)
    initial = {"version": screening.version}
    if screening.consent_to_share is not None:  # reopened: what was recorded last time
        initial["consent_to_share"] = "yes" if screening.consent_to_share else "no"
    form = CompleteForm(request.POST or None, initial=initial)
    busy = False
    if form.is_valid():
        try:
            services.complete_screening(
                screening=screening,
                user=request.user,
                version=form.cleaned_data["version"],
                consent_to_share=form.cleaned_data["consent_to_share"],
            )
        except services.StaleScreening:
            return _stale(request, screening, screening.complete_step)
        except DatabaseUnavailable:
            busy = True
        else:
            messages.success(request, _("Screening completed."))
            return redirect("screening:summary", screening.pk)
    if request.method == "GET":
        AuditEvent.record(screening, request.user, AuditEvent.Action.VIEWED, "complete")
    texts = PersonTexts.of(screening.client_language)
    context = {
        "screening": screening,
        "summary": ScreeningSummary(screening),
        "form": form,
        "step": screening.complete_step,
        **_closing(texts),
    }
    return _form_page(request, "screening/complete.html", context, busy=busy)


def _closing(texts: PersonTexts | None) -> dict:
    """The closing to read to the person, or that a contact it names is missing."""
    if texts is None:
        return {"person_texts": None, "closing": "", "closing_parts": [], "closing_missing": False}
    contacts = ReferralContact.objects.active_facts()
    return {
        "person_texts": texts,
        "closing": closing(texts, contacts),
        "closing_parts": closing_parts(texts, contacts),
        "closing_missing": closing_missing(texts, contacts),
    }


@screening_page()
@require_safe
def summary(request: HttpRequest, screening: Screening) -> HttpResponse:
    AuditEvent.record(screening, request.user, AuditEvent.Action.VIEWED, "summary")
    context = {
        "screening": screening,
        "summary": ScreeningSummary(screening),
        "audit_events": _audit_trail(request, screening),
        "referrals": screening.referrals.select_related("contact"),
        "version_form": VersionForm(initial={"version": screening.version}),
    }
    return render(request, "screening/summary.html", context)


def _audit_trail(request: HttpRequest, screening: Screening):
    if not request.user.has_perm("screening.view_auditevent"):
        return None
    events = list(AuditEvent.objects.filter(screening_id=screening.pk))
    describe_events(events)
    return events


@screening_page("screening.change_screening")
@require_http_methods(["GET", "POST"])
def referral(request: HttpRequest, screening: Screening) -> HttpResponse:
    """Record a referral of a completed screening, or change one (`?id=`): outcome, follow-up."""
    if screening.is_editable:
        messages.info(request, _("Complete the screening before recording a referral."))
        return redirect("screening:summary", screening.pk)
    instance = Referral(screening=screening)
    if request.GET.get("id", "").isdecimal():
        instance = get_object_or_404(screening.referrals, pk=int(request.GET["id"]))
    form = ReferralForm(request.POST or None, instance=instance)
    busy = False
    if form.is_valid():
        try:
            services.record_referral(referral=form.save(commit=False), user=request.user)
        except DatabaseUnavailable:
            busy = True
        else:
            messages.success(request, _("Referral saved."))
            return redirect("screening:summary", screening.pk)
    context = {"screening": screening, "form": form}
    status = 400 if form.errors else 200
    return _form_page(request, "screening/referral.html", context, busy=busy, status=status)


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
    busy = False
    if form.is_valid():
        try:
            write(screening=screening, user=request.user, **form.cleaned_data)
        except services.StaleScreening:
            messages.error(request, STALE_MESSAGE)
        except services.WrongStatus:
            messages.error(request, refused)
        except DatabaseUnavailable:
            busy = True
        else:
            messages.success(request, done)
        if not busy:
            return redirect("screening:summary", screening.pk)
    context = {"screening": screening, "form": form, "action": action}
    status = 400 if form.is_bound else 200
    return _form_page(request, "screening/supervise.html", context, busy=busy, status=status)


@screening_page()
@require_safe
def summary_pdf(request: HttpRequest, screening: Screening) -> HttpResponse:
    document = pdf.summary_pdf(screening, printed_by=request.user)
    AuditEvent.record(screening, request.user, AuditEvent.Action.PRINTED)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(screening)}"'
    return response
