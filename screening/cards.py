"""The parts of a step's indicator card that depend only on the indicator and the language.

A step page draws up to nine cards. Their reference text (the sign, the question to ask, what it
can look like, the other questions) comes from a screening's frozen catalogue, which never
changes once written, shown in the reader's language where the reference has a translation
(`screening.catalogue.for_reader`). Each card's text is drawn once per process, language and
text and kept; only the answers, the saved status and the note are drawn on every request. This
took the step page from a twelfth of the bare-view baseline to (docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from screening.catalogue import CatalogueIndicator, for_reader

# Where the answers go between the card's opening (the sign and the question to ask) and the
# rest (what it can look like, more about the sign).
_ANSWERS_GO_HERE = "<!-- answers -->"


@dataclass(frozen=True)
class CardText:
    opening: SafeString
    about: SafeString


def card_text(indicator: CatalogueIndicator) -> CardText:
    """The drawn reference text of `indicator`'s card, in the active language.

    The sign's own text is the reader's language's where the reference has it (`for_reader`:
    no query in the reference language, otherwise one for every sign, kept per content edition).
    The drawn card is kept under that text, so an edited translation is drawn afresh.
    """
    return _drawn(for_reader(indicator), translation.get_language())


@lru_cache(maxsize=512)  # 23 signs × a few catalogue editions × the UI languages
def _drawn(indicator: CatalogueIndicator, language: str) -> CardText:
    html = render_to_string("screening/_card_text.html", {"indicator": indicator})
    opening, about = html.split(_ANSWERS_GO_HERE)
    return CardText(mark_safe(opening.strip()), mark_safe(about.strip()))  # noqa: S308 (drawn by the template, escaped there)
