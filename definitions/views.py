from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "definitions/home.html")


def definitions(request: HttpRequest) -> HttpResponse:
    return render(request, "definitions/definitions.html")


def indicators(request: HttpRequest) -> HttpResponse:
    return render(request, "definitions/indicators.html")


def indicator(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "definitions/indicators.html")
