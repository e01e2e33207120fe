"""The screening summary as a PDF for the referral file.

It is rendered from the same partial as the printable summary page, through the project's
WeasyPrint wrapper, whose fetcher reads only our own static files.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils import timezone

from lib.languages import html_lang
from lib.pdf import render_pdf
from screening.models import Screening
from screening.summary import ScreeningSummary


def summary_pdf(screening: Screening, *, printed_by) -> bytes:
    """Return the PDF bytes of a screening's summary, stamped with who printed it and when.

    It is in the active language (the request's, in the view): its words, its dates, its `lang`.
    """
    html = render_to_string(
        "screening/summary_document.html",
        {
            "HTML_LANG": html_lang(),
            "screening": screening,
            "summary": ScreeningSummary(screening),
            "printed_by": printed_by,
            "printed_at": timezone.localtime(),
            "for_pdf": True,
        },
    )
    return render_pdf(html)


def filename(screening: Screening) -> str:
    """A file name that carries the case reference and date, never a name."""
    reference = re.sub(r"[^A-Za-z0-9_.-]+", "-", screening.case_reference).strip("-.")
    return f"screening-{reference or 'case'}-{screening.screened_on:%Y-%m-%d}.pdf"
