"""The public reference pages: what trafficking and forced labour are, and the signs to look for."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from definitions.models import (
    Definition,
    ForcedLabourIndicator,
    Indicator,
    IndicatorGroup,
    Note,
    PalermoElement,
)
from lib.page_cache import cached_for_the_public
from lib.pdf import render_pdf

MAX_SEARCH_LENGTH = 100


def _notes(*slugs: str) -> dict[str, Note]:
    """The notes with these slugs, keyed with underscores so templates can use them."""
    found = Note.objects.in_bulk(list(slugs), field_name="slug")
    return {slug.replace("-", "_"): found.get(slug) for slug in slugs}


@require_safe
@cached_for_the_public
def home(request: HttpRequest) -> HttpResponse:
    context = {"groups": IndicatorGroup.objects.all(), **_notes("not-a-legal-determination")}
    return render(request, "definitions/home.html", context)


@require_safe
@cached_for_the_public
def definitions(request: HttpRequest) -> HttpResponse:
    found = Definition.objects.in_bulk(["palermo-protocol", "ilo-forced-labour"], field_name="slug")
    context = {
        "palermo": found.get("palermo-protocol"),
        "ilo": found.get("ilo-forced-labour"),
        "elements": PalermoElement.objects.all(),
        "ilo_indicators": ForcedLabourIndicator.objects.all(),
        **_notes(
            "hong-kong-law",
            "government-position",
            "global-slavery-index",
            "two-week-rule",
            "agency-commission",
        ),
    }
    return render(request, "definitions/definitions.html", context)


@require_safe
@cached_for_the_public(reads=("q", "group"))
def indicators(request: HttpRequest) -> HttpResponse:
    groups = list(IndicatorGroup.objects.all())
    words = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_SEARCH_LENGTH]
    group_slug = request.GET.get("group", "")
    group = next((g for g in groups if g.slug == group_slug), None)

    found = Indicator.objects.with_relations()
    if group:
        found = found.filter(group=group)
    if words:
        found = found.search(words)
    context = {
        "groups": groups,
        "group": group,
        "unknown_group": bool(group_slug) and group is None,
        "q": words,
        "indicators": list(found),
        "filtered": bool(group or words),
        **_notes("caveat", "attribution"),
    }
    return render(request, "definitions/indicators.html", context)


@require_safe
@cached_for_the_public
def indicator(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.with_relations(), slug=slug)
    return render(request, "definitions/indicator.html", {"indicator": indicator})


def _card_context(request: HttpRequest, layout: str) -> dict:
    return {
        "layout": layout,
        "indicators": Indicator.objects.select_related("group"),
        # In full: on paper the address is what counts, and the PDF would resolve a relative
        # link against lib.pdf's reserved BASE_URL.
        "contacts_url": request.build_absolute_uri(reverse("referrals:contacts")),
        **_notes("caveat", "attribution"),
    }


@require_safe
@cached_for_the_public
def card(request: HttpRequest) -> HttpResponse:
    return render(request, "definitions/card.html", _card_context(request, "base.html"))


@require_safe
@cached_for_the_public
def card_pdf(request: HttpRequest) -> HttpResponse:
    context = _card_context(request, "pdf_base.html")
    html = render_to_string("definitions/card.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="recognise-the-signs.pdf"'
    return response
