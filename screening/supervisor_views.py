"""A supervisor's pages over many screenings: statistics, the export, the audit trail.

Like the list, every filter and date range arrives by POST and lives in the session, so nothing
about a case is put in a URL. The pages are in the `screening` app's URLs, so they are private
(no-store) and behind the supervisor's second factor like every screening page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lib.charts import bar_chart
from lib.csv_export import csv_response
from screening import export, statistics
from screening.audit import describe_events
from screening.forms import AuditFilterForm, DateRangeForm, ExportForm, ScreeningFilterForm
from screening.models import Answer, AuditEvent, Screening
from screening.views import FILTERS_SESSION_KEY

RANGE_SESSION_KEY = "statistics_range"
AUDIT_FILTERS_SESSION_KEY = "audit_filters"


def _kept(request: HttpRequest, key: str, fields: tuple[str, ...]) -> None:
    """Keep the posted filters in the session (or forget them on "clear")."""
    kept = {} if "clear" in request.POST else {name: request.POST.get(name, "") for name in fields}
    request.session[key] = kept


def _range(request: HttpRequest) -> DateRangeForm:
    form = DateRangeForm(request.session.get(RANGE_SESSION_KEY) or DateRangeForm.default())
    if not form.is_valid():
        form = DateRangeForm(DateRangeForm.default())
        form.is_valid()
    return form


@login_required
@permission_required("screening.view_statistics", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def statistics_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        posted = DateRangeForm(request.POST)
        if posted.is_valid() or "clear" in request.POST:
            _kept(request, RANGE_SESSION_KEY, ("date_from", "date_to"))
            return redirect("screening:statistics")
        form = posted
    else:
        form = _range(request)
    return _statistics(request, form, status=400 if form.errors else 200)


def _statistics(request: HttpRequest, form: DateRangeForm, *, status: int) -> HttpResponse:
    shown = form if form.is_valid() else _range(request)
    data = shown.cleaned_data
    tables = statistics.tables(data["date_from"], data["date_to"])
    charts = [
        (
            table,
            bar_chart(
                table.bars(),
                title=table.title,
                chart_id=f"chart-{table.slug}",
                hidden_label=table.shown(None),
            ),
        )
        for table in tables
    ]
    threshold = statistics.threshold()
    context = {
        "form": form,
        "range": data,
        "charts": charts,
        "threshold": threshold,
        "largest_hidden": threshold - 1,
        "periods": statistics.periods(timezone.localdate()),
    }
    return render(request, "screening/statistics.html", context, status=status)


WHOLE_PERIODS_ONLY = gettext_lazy(
    "Statistics are downloaded for a whole month, quarter or year only: two ranges a day apart "
    "could single out one person. Choose a period under Download CSV."
)


@login_required
@permission_required("screening.view_statistics", raise_exception=True)
@require_safe
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The statistics of one whole period (`statistics.period_range`), audited as an export."""
    period = request.GET.get("period", "")
    found = statistics.period_range(period)
    if found is None:
        messages.error(request, WHOLE_PERIODS_ONLY)
        return _statistics(request, _range(request), status=400)
    tables = statistics.tables(*found)
    AuditEvent.record(None, request.user, AuditEvent.Action.EXPORTED, f"statistics {period}")
    return csv_response(statistics.csv_rows(tables), f"statistics-{period}.csv")


def _listed(request: HttpRequest):
    """The screenings the list's filters (kept in the session) select."""
    filters = request.session.get(FILTERS_SESSION_KEY) or None
    form = ScreeningFilterForm(filters, supervisor=True)
    screenings = Screening.objects.visible_to(request.user).with_follow_up()
    if form.is_valid():
        return form.filter(screenings)
    return screenings.none() if form.is_bound else screenings


@login_required
@permission_required("screening.view_statistics", raise_exception=True)
@require_POST
def export_csv(request: HttpRequest) -> HttpResponse:
    """The case system's export of the listed screenings; one audit event says what left."""
    form = ExportForm(request.POST)
    if not form.is_valid():
        return redirect("screening:list")
    notes = form.cleaned_data["include_notes"]
    screenings = _listed(request)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if form.cleaned_data["file"] == "answers":
        count = Answer.objects.filter(screening__in=screenings).count()
        rows, name = export.answer_rows(screenings, notes=notes), f"answers-{stamp}.csv"
    else:
        count = screenings.count()
        rows, name = export.screening_rows(screenings, notes=notes), f"screenings-{stamp}.csv"
    included = "included" if notes else "not included"
    detail = f"{form.cleaned_data['file']}: {count} rows, notes {included}"
    AuditEvent.record(None, request.user, AuditEvent.Action.EXPORTED, detail)
    return csv_response(rows, name)


def _audit_events(request: HttpRequest) -> tuple[AuditFilterForm, object]:
    form = AuditFilterForm(request.session.get(AUDIT_FILTERS_SESSION_KEY) or None)
    events = AuditEvent.objects.order_by("-at", "-pk")
    if form.is_valid():
        events = form.filter(events)
    return form, events


@login_required
@permission_required("screening.view_auditevent", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Every screening's trail in one place, newest first, filtered by person and action."""
    if request.method == "POST":
        _kept(request, AUDIT_FILTERS_SESSION_KEY, ("person", "action", "hide_routine"))
        return redirect("screening:audit")
    form, events = _audit_events(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    # An event links to its screening while it exists, named by its case reference for whoever
    # may see it (one query for the page). A screening deleted after its retention period has
    # no link and is named by the start of its id.
    ids = {event.screening_id for event in page.object_list if event.screening_id}
    visible = Screening.objects.visible_to(request.user).filter(pk__in=ids)
    references = dict(visible.values_list("pk", "case_reference"))
    for event in page.object_list:
        event.screening_exists = event.screening_id in references
        event.case_reference = references.get(event.screening_id, "")
    describe_events(page.object_list)
    return render(request, "screening/audit.html", {"form": form, "page": page})


@login_required
@permission_required("screening.view_auditevent", raise_exception=True)
@require_safe
def audit_csv(request: HttpRequest) -> HttpResponse:
    _form, events = _audit_events(request)
    rows = (
        [event.at.isoformat(), event.username, event.action, event.screening_id or "", event.detail]
        for event in events.iterator(chunk_size=2000)
    )
    header = [["at", "username", "action", "screening_id", "detail"]]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return csv_response(_chain(header, rows), f"audit-trail-{stamp}.csv")


def _chain(*parts):
    for part in parts:
        yield from part
