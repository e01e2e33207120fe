"""A supervisor's register of access and correction requests (PDPO Cap. 486, Part V): record one,
find what it covers by case reference, give the copy of the personal data (PDF and JSON), record
a correction as a note, and close it as answered or refused. The reply is due in 40 days."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from screening import personal_data_copy
from screening.data_request_forms import AnswerRequestForm, CorrectionForm, DataRequestForm
from screening.models import AuditEvent, DataAccessRequest, SupervisorNote

SUPERVISE = "screening.review_screening"


def _supervisor(view):
    return login_required(permission_required(SUPERVISE, raise_exception=True)(view))


def _audit(data_request: DataAccessRequest, user, detail: str) -> None:
    """One event per covered screening (or one for none): what happened to the request."""
    ids = list(data_request.screenings.values_list("pk", flat=True)) or [None]
    for screening_id in ids:
        AuditEvent.record(
            None, user, AuditEvent.Action.DATA_REQUEST, detail, screening_id=screening_id
        )


@_supervisor
@require_safe
def register(request: HttpRequest) -> HttpResponse:
    """Every request: the open ones first, soonest due first."""
    requests = DataAccessRequest.objects.annotate(
        closed=Case(
            When(status=DataAccessRequest.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("closed", "received_on", "recorded_at")
    return render(request, "screening/data_requests.html", {"requests": requests})


@_supervisor
@require_http_methods(["GET", "POST"])
def new_request(request: HttpRequest) -> HttpResponse:
    """Find the screenings by case reference ("find"), then record the request ("record")."""
    form = DataRequestForm(request.POST or None)
    found = None
    if form.is_valid():
        found = form.found()
        if request.POST.get("action") == "record":
            with transaction.atomic():
                data_request = form.save(commit=False)
                data_request.recorded_by = request.user
                data_request.save()
                data_request.screenings.set(found)
                _audit(data_request, request.user, f"{data_request.kind} request recorded")
            messages.success(request, _("The request is recorded. The reply is due in 40 days."))
            return redirect(data_request)
    context = {"form": form, "found": found}
    return render(request, "screening/data_request_new.html", context, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and not form.is_valid() else 200


@_supervisor
@require_safe
def data_request(request: HttpRequest, request_id) -> HttpResponse:
    requests = DataAccessRequest.objects.select_related("recorded_by")
    data_request = get_object_or_404(requests, pk=request_id)
    return _request_page(request, data_request)


def _request_page(request, data_request, *, answer=None, correction=None, status=200):
    context = {
        "data_request": data_request,
        "screenings": data_request.screenings.order_by("screened_on"),
        "answer_form": answer or AnswerRequestForm(),
        "correction_form": correction or CorrectionForm(request=data_request),
    }
    return render(request, "screening/data_request.html", context, status=status)


@_supervisor
@require_POST
def answer_request(request: HttpRequest, request_id) -> HttpResponse:
    """Close the request: answered on a day, or refused with the reason given."""
    data_request = get_object_or_404(DataAccessRequest, pk=request_id)
    form = AnswerRequestForm(request.POST)
    if not form.is_valid():
        return _request_page(request, data_request, answer=form, status=400)
    data_request.status = form.cleaned_data["status"]
    data_request.answered_on = form.cleaned_data["answered_on"]
    data_request.refusal_reason = form.cleaned_data["refusal_reason"].strip()
    with transaction.atomic():
        data_request.save(update_fields=["status", "answered_on", "refusal_reason"])
        _audit(data_request, request.user, f"{data_request.kind} request {data_request.status}")
    messages.success(request, _("The request is closed."))
    return redirect(data_request)


@_supervisor
@require_POST
def correct(request: HttpRequest, request_id) -> HttpResponse:
    """Add a correction note to a covered screening. Its answers stay as they were recorded."""
    data_request = get_object_or_404(DataAccessRequest, pk=request_id)
    form = CorrectionForm(request.POST, request=data_request)
    if not form.is_valid():
        return _request_page(request, data_request, correction=form, status=400)
    screening = form.cleaned_data["screening"]
    with transaction.atomic():
        SupervisorNote.objects.create(
            screening=screening,
            kind=SupervisorNote.Kind.CORRECTION,
            text=form.cleaned_data["text"],
            written_by=request.user,
        )
        AuditEvent.record(screening, request.user, AuditEvent.Action.CORRECTED)
    messages.success(request, _("The correction note is added to the screening."))
    return redirect(data_request)


@_supervisor
@require_safe
def copy_pdf(request: HttpRequest, request_id) -> HttpResponse:
    data_request = get_object_or_404(DataAccessRequest, pk=request_id)
    document = personal_data_copy.copy_pdf(data_request, produced_by=request.user)
    personal_data_copy.record(data_request, request.user, "pdf")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(data_request)}.pdf"'
    return response


@_supervisor
@require_safe
def copy_json(request: HttpRequest, request_id) -> HttpResponse:
    data_request = get_object_or_404(DataAccessRequest, pk=request_id)
    data = personal_data_copy.copy_data(data_request, produced_by=request.user)
    personal_data_copy.record(data_request, request.user, "json")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(data_request)}.json"'
    return response


def _filename(data_request: DataAccessRequest) -> str:
    """No case reference in it: a file name travels further than the file's content."""
    return f"personal-data-copy-{data_request.received_on:%Y-%m-%d}"
