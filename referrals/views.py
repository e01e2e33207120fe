from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lib.page_cache import cached_for_the_public
from referrals.models import ReferralContact


@require_safe
@cached_for_the_public
def contacts(request: HttpRequest) -> HttpResponse:
    emergency_first = Case(
        When(kind=ReferralContact.Kind.EMERGENCY, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    contacts = ReferralContact.objects.filter(active=True).order_by(
        emergency_first, "order", "slug"
    )
    return render(request, "referrals/contacts.html", {"contacts": contacts})
