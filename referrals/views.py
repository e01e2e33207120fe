from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from referrals.models import ReferralContact


def contacts(request: HttpRequest) -> HttpResponse:
    contacts = ReferralContact.objects.filter(active=True)
    return render(request, "referrals/contacts.html", {"contacts": contacts})
