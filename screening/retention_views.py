"""A supervisor's pages on keeping and erasing: the retention policy and the next erasures due,
legal hold, and erasure on request (screening/retention.py has the policy and the erasure)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lib.database import DatabaseUnavailable
from screening import retention
from screening.models import AuditEvent, Screening
from screening.retention_forms import ErasureForm, LegalHoldForm
from screening.views import _form_page, screening_page

NEXT_DUE_SHOWN = 25


@login_required
@permission_required("screening.review_screening", raise_exception=True)
@require_safe
def retention_page(request: HttpRequest) -> HttpResponse:
    """The policy as configured, the next erasures due and the screenings on legal hold."""
    live = Screening.objects.filter(erased_at__isnull=True)
    next_due = (
        live.with_retention()
        .filter(erase_after__isnull=False)
        .order_by("erase_after", "pk")
        .only("pk", "case_reference", "status", "urgency", "updated_at")[:NEXT_DUE_SHOWN]
    )
    held = live.filter(legal_hold_since__isnull=False).select_related("legal_hold_by")
    context = {
        "periods": [
            (retention.RULES[retention.DRAFT], settings.RETENTION_DRAFT_DAYS),
            (retention.RULES[retention.NO_SIGNS], settings.RETENTION_NO_SIGNS_DAYS),
            (retention.RULES[retention.CASE], settings.RETENTION_CASE_DAYS),
        ],
        "next_due": [(s, retention.RULES[s.retention_rule]) for s in next_due],
        "held": held.order_by("legal_hold_since"),
        "erased": Screening.objects.filter(erased_at__isnull=False).count(),
    }
    return render(request, "screening/retention.html", context)


@screening_page("screening.review_screening")
@require_http_methods(["GET", "POST"])
def legal_hold(request: HttpRequest, screening: Screening) -> HttpResponse:
    """Place a legal hold with a reason, or release it (`release` posted)."""
    form = LegalHoldForm(None if "release" in request.POST else request.POST or None)
    if request.method == "POST" and ("release" in request.POST or form.is_valid()):
        try:
            if "release" in request.POST:
                retention.release_legal_hold(screening=screening, user=request.user)
                messages.success(request, _("Legal hold released: the retention policy applies."))
            else:
                retention.place_legal_hold(
                    screening=screening, user=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("On legal hold: it is not erased until released."))
        except DatabaseUnavailable:
            return _form_page(
                request, "screening/legal_hold.html", _held(screening, form), busy=True
            )
        return redirect("screening:summary", screening.pk)
    status = 400 if form.is_bound else 200
    return render(request, "screening/legal_hold.html", _held(screening, form), status=status)


def _held(screening: Screening, form: LegalHoldForm) -> dict:
    return {"screening": screening, "form": form}


@screening_page("screening.review_screening")
@require_http_methods(["GET", "POST"])
def erase_on_request(request: HttpRequest, screening: Screening) -> HttpResponse:
    """Erase one screening now, in two steps: the reason and its case reference typed, then
    a page that asks once more. Refused while it is on legal hold."""
    form = ErasureForm(request.POST or None, screening=screening)
    context = {"screening": screening, "form": form, "confirming": False}
    if screening.on_legal_hold:
        return render(request, "screening/erase.html", context, status=409)
    if not form.is_valid():
        return render(
            request, "screening/erase.html", context, status=400 if form.is_bound else 200
        )
    if request.POST.get("confirmed") != "yes":
        context["confirming"] = True
        context["reason"] = ErasureForm.REASONS[form.cleaned_data["reason"]]
        return render(request, "screening/erase.html", context)
    try:
        retention.erase(
            screening_id=screening.pk,
            user=request.user,
            action=AuditEvent.Action.ERASED_ON_REQUEST,
            detail=form.cleaned_data["reason"],
        )
    except retention.ErasureRefused:
        messages.error(request, _("Not erased: it is on legal hold, or erased already."))
        return redirect("screening:list")
    except DatabaseUnavailable:
        return _form_page(request, "screening/erase.html", context, busy=True)
    messages.success(request, _("The screening was erased. The audit trail records it."))
    return redirect("screening:retention")
