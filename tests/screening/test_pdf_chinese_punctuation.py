"""A Chinese summary PDF punctuates as Chinese does: 「：」 and 「；」, not a Latin colon or
semicolon after Chinese words (issue 26, item 14)."""

from __future__ import annotations

import io
import re

from django.utils import translation
from pypdf import PdfReader

from screening import pdf
from tests.factories import answer_all, make_screening

LATIN_AFTER_CHINESE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef][:;]")


def test_it_uses_full_width_colons_and_semicolons_in_chinese(alice, catalogue):
    screening = make_screening(alice, third_party_present=True)
    answer_all(screening, alice, "not_asked", note="")
    with translation.override("zh-hant"):
        document = pdf.summary_pdf(screening, printed_by=alice)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)
    assert "：" in text and "；" in text
    assert LATIN_AFTER_CHINESE.findall(text) == []
