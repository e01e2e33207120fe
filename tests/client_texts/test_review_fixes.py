"""Wording found in review: no promise of immunity in Tagalog, no party word in Nepali, no
"urgent danger" in Thai, and Hindi and Urdu that address the person without a gender."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings

FIXTURE = settings.BASE_DIR / "fixtures" / "client_texts.json"

# Verb endings that agree with a masculine "आप" / "آپ" (e.g. "सकते हैं", "कर रहे हैं",
# "आए", "بتا سکتے ہیں", "رہے ہیں"); the person is addressed with forms that have none.
MASCULINE_YOU = {
    "hi": re.compile(r"आप\s[^।?,]*?(सकते|रहे हैं|करते|चाहेंगे|लेंगे|बताएँगे|आए\b|ठहरे|पाए)"),
    "ur": re.compile(r"آپ\s[^۔؟،]*?(سکتے|رہے ہیں|کرتے|چاہیں گے|کریں گے|بتائیں گے|آئے|ٹھہرے|سکے)"),
}
WE = {"hi": "हम", "ur": "ہم"}


def _addresses_with_a_masculine_verb(language: str, text: str) -> bool:
    """A clause with "you" and a masculine verb, leaving out those whose subject is "we"."""
    clauses = re.split(r"[।?,؟،۔]", text)
    return any(
        MASCULINE_YOU[language].search(clause + " ")
        for clause in clauses
        if WE[language] not in clause.split()
    )


def _rows() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "language, wording",
    [("tl", "laban sa iyo"), ("ne", "कार्यकर्ता"), ("th", "อันตรายเร่งด่วน")],
)
def test_it_no_longer_uses_the_wording_found_in_review(language, wording):
    assert [r["key"] for r in _rows() if r["language"] == language and wording in r["text"]] == []


@pytest.mark.parametrize("language", ["hi", "ur"])
def test_it_asks_the_person_without_a_masculine_verb(language):
    # The questions: the opening and consent have "we" (हम / ہم) as their subject.
    gendered = [
        (r["key"], r["text"])
        for r in _rows()
        if r["language"] == language
        and r["key"].startswith("question.")
        and _addresses_with_a_masculine_verb(language, r["text"])
    ]
    assert gendered == []
