"""A step's indicator cards: the sign, the question to ask, the four answers and a note.

A step page draws up to nine cards, and drawing them through the template engine was most of
the page's time. So the parts of a card that depend only on the indicator and the language (the
sign, the questions, what it can look like) are drawn once per process, language and text from
`screening/_card_text.html` and kept: a screening's catalogue never changes once frozen, and it
is shown in the reader's language where the reference has a translation
(`screening.catalogue.for_reader`). What changes with every request (the answers, what is saved,
the note) is put around them here, in Python, like the answers themselves (`forms.AnswerRadios`)
and the note (`NoteField`); what a card says about its saved answer is drawn once for each of
the answers' five states.
docs/benchmarks.md has the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from screening.catalogue import CatalogueIndicator
from screening.models import AnswerValue

# Where the answers go between the card's opening (the sign and the question to ask) and the
# rest (what it can look like, more about the sign).
_ANSWERS_GO_HERE = "<!-- answers -->"


@dataclass(frozen=True)
class CardText:
    opening: SafeString
    about: SafeString


@lru_cache(maxsize=512)  # 23 signs × a few catalogue editions × the interface languages
def card_text_as_read(indicator: CatalogueIndicator, language: str) -> CardText:
    """The drawn reference text of a sign's card, for the sign as the reader reads it
    (`for_reader`: the reference's text in their language where it has one, kept per content
    edition) and the interface `language`. Kept under that text, so an edited translation is
    drawn afresh."""
    html = render_to_string("screening/_card_text.html", {"indicator": indicator})
    opening, about = html.split(_ANSWERS_GO_HERE)
    # Drawn by the template, which escaped everything in it.
    return CardText(mark_safe(opening.strip()), mark_safe(about.strip()))  # noqa: S308


@lru_cache(maxsize=64)  # the answers' five states × the interface languages
def save_status(saved: str | None, language: str) -> SafeString:
    """What a card says about its saved answer (`saved`: the answer's value, "" for none), or
    nothing (None) on a page that shows what was typed rather than what is saved."""
    if saved is None:
        return mark_safe("")
    label = dict(AnswerValue.choices).get(saved)
    if label:
        status = gettext("Saved: %(answer)s") % {"answer": label}
        return format_html('<p class="answer-card-status answer-card-saved">{}</p>', status)
    return format_html('<p class="answer-card-status">{}</p>', gettext("No answer saved yet"))


def draw_card(
    text: CardText,
    answer: BoundField,
    note: BoundField,
    status: SafeString,
    person: SafeString = mark_safe(""),  # noqa: B008 - an immutable empty string
) -> SafeString:
    """One card: the sign's drawn `text` (`card_text_as_read`), its answers, what is saved
    (`status`, from `save_status`) and its note. `person` is the sign's questions in the
    person's language (screening/person_texts.py), drawn per request beside the kept text."""
    errors = "".join(
        f'<div class="text-danger small">{escape(error)}</div>' for error in answer.errors
    )
    # Everything put together here is escaped above or drawn by a template or widget.
    return mark_safe(  # noqa: S308
        f'<fieldset class="answer-card">{text.opening}{person}{answer}{errors}{status}'
        f"{text.about}{note.as_field_group()}</fieldset>"
    )


class NoteField(BoundField):
    """A note (a sign's, or the step's) drawn from its form field in Python: the label, the
    input (`maxlength` is the field's `max_length`) and its errors.

    Written out here rather than through field and widget templates: a step page has ten notes,
    and through the template engine they took a tenth of its time. A sign's note is a one-line
    input whose label is read out with the sign it is for (`described_as`); the step's notes
    are a text area.
    """

    def as_field_group(self) -> SafeString:
        field_id = escape(self.auto_id)
        value = escape(self.value() or "")
        invalid = errors = ""
        if self.errors:
            invalid = f' is-invalid" aria-invalid="true" aria-describedby="{field_id}_error'
            errors = "".join(
                f'<div class="invalid-feedback" id="{field_id}_error">{escape(error)}</div>'
                for error in self.errors
            )
        common = (
            f'name="{escape(self.html_name)}" id="{field_id}" '
            f'maxlength="{self.field.max_length}" autocomplete="off"'
        )
        described_as = getattr(self.field, "described_as", None)
        if described_as is None:
            label = f'<label class="form-label" for="{field_id}">{escape(self.label)}</label>'
            # A newline first: a browser drops the one that follows <textarea>.
            box = f'<textarea {common} rows="4" class="form-control{invalid}">\n{value}</textarea>'
        else:
            label = (
                f'<label class="form-label small mb-1" for="{field_id}">{escape(self.label)}'
                f'<span class="visually-hidden">: {escape(described_as)}</span></label>'
            )
            box = (
                f'<input type="text" {common} value="{value}" '
                f'class="form-control form-control-sm{invalid}">'
            )
        # Everything put together here is escaped above.
        return mark_safe(f"{label}{box}{errors}")  # noqa: S308
