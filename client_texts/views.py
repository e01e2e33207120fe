"""Question sheets: every sign's questions in one language with the English beneath, for
interpreters and outreach. Public like the rest of the reference, and cached the same way."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from client_texts.models import CONTENT_LANGUAGES, ENGLISH, ClientText, question_keys
from definitions.models import IndicatorGroup
from lib.page_cache import cached_for_the_public
from lib.pdf import render_pdf


def sheet_context(code: str, layout: str) -> dict:
    """The sheet's groups and signs, each with its questions in `code` and in English."""
    language = CONTENT_LANGUAGES.get(code)
    if language is None:
        raise Http404
    texts = {
        (text.key, text.language): text
        for text in ClientText.objects.with_english().filter(
            key__startswith="question.", language__in={code, ENGLISH}
        )
    }
    groups = []
    for group in IndicatorGroup.objects.prefetch_related("indicators"):
        signs = []
        for indicator in group.indicators.all():
            pairs = [
                (texts.get((key, code)), texts.get((key, ENGLISH)))
                for key in question_keys(indicator.slug)
            ]
            signs.append({"indicator": indicator, "pairs": [p for p in pairs if p[0]]})
        groups.append({"group": group, "signs": signs})
    shown = [pair[0] for group in groups for sign in group["signs"] for pair in sign["pairs"]]
    return {
        "layout": layout,
        "language": language,
        "groups": groups,
        "has_questions": bool(shown),
        "needs_checking": any(text.needs_checking for text in shown),
        "out_of_date": any(text.is_out_of_date for text in shown),
        "languages": [lang for lang in CONTENT_LANGUAGES.values()],
    }


@require_safe
@cached_for_the_public
def question_sheet(request: HttpRequest, code: str) -> HttpResponse:
    context = sheet_context(code, "base.html")
    return render(request, "client_texts/questions.html", context)


def question_sheet_pdf_bytes(code: str) -> bytes:
    """The question sheet in `code` as PDF bytes (the same template as the page)."""
    context = sheet_context(code, "pdf_base.html")
    return render_pdf(render_to_string("client_texts/questions.html", context))


@require_safe
@cached_for_the_public
def question_sheet_pdf(request: HttpRequest, code: str) -> HttpResponse:
    response = HttpResponse(question_sheet_pdf_bytes(code), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="questions-{code}.pdf"'
    return response
