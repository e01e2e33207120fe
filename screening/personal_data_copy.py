"""A copy of the personal data held about a person, for an access request (PDPO s. 18, 19).

For the screenings a request covers: the details recorded, every answer with its note and who
gave it, the step notes, the supervisors' notes (corrections among them), the referrals with
their notes and outcomes, the legal hold, and the screening's audit events (what was done and
when; not who, since staff are other people). Two forms:

- `copy_pdf`: readable, in the person's language where this product has it, and in English.
  Chinese (Traditional) has the whole interface; for the other languages of the person's texts
  only the questions exist, so that part has English headings with each question as it was asked
  in the person's language, and says so. Notes are shown as typed, in no translation.
- `copy_data` (served as JSON): a stable structure, version `FORMAT`, with codes rather than
  words, documented in README, "Access and correction requests".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from client_texts.models import CONTENT_LANGUAGES, ContentLanguage
from lib.pdf import render_pdf
from screening.audit import describe_events
from screening.models import AuditEvent, DataAccessRequest, Screening
from screening.person_texts import PersonTexts
from screening.summary import ScreeningSummary

FORMAT = "personal-data-copy/1"
# The interface languages: a part in one of these is translated throughout.
INTERFACE = {code for code, _name in settings.LANGUAGES}


def covered(data_request: DataAccessRequest) -> list[Screening]:
    """The request's screenings, with all they hold read in a few queries."""
    return list(
        data_request.screenings.filter(erased_at__isnull=True)
        .select_related("snapshot")
        .prefetch_related("answers", "step_notes", "supervisor_notes", "referrals__contact")
        .order_by("screened_on", "created_at")
    )


def _events(screenings: list[Screening]) -> dict:
    events: dict = {screening.pk: [] for screening in screenings}
    for event in AuditEvent.objects.filter(screening_id__in=list(events)).order_by("at", "pk"):
        events[event.screening_id].append(event)
    return events


def person_language(screenings: list[Screening]) -> ContentLanguage | None:
    """The language of the person's texts most of their screenings were held in, if any."""
    codes = Counter(s.client_language for s in screenings if s.client_language)
    return CONTENT_LANGUAGES[codes.most_common(1)[0][0]] if codes else None


@dataclass
class Part:
    """One language's rendering of the copy."""

    language: ContentLanguage
    interface: str  # the interface language its headings are in
    html: str = ""

    @property
    def translated_throughout(self) -> bool:
        return self.language.code == self.interface


def parts(screenings: list[Screening]) -> list[Part]:
    """The person's language first (where it is not English), then English."""
    english = CONTENT_LANGUAGES["en"]
    theirs = person_language(screenings)
    if theirs is None or theirs.code == "en":
        return [Part(english, "en")]
    return [Part(theirs, theirs.code if theirs.code in INTERFACE else "en"), Part(english, "en")]


def copy_pdf(data_request: DataAccessRequest, *, produced_by) -> bytes:
    """The readable copy as PDF bytes: a part per language, stamped with who made it and when."""
    screenings = covered(data_request)
    events = _events(screenings)
    produced_at = timezone.localtime()
    rendered = parts(screenings)
    for part in rendered:
        texts = PersonTexts.of(part.language.code) if part.language.code != "en" else None
        with translation.override(part.interface):
            describe_events([event for found in events.values() for event in found])
            sections = [
                {
                    "screening": screening,
                    "steps": _steps(screening, texts),
                    "events": events[screening.pk],
                }
                for screening in screenings
            ]
            part.html = render_to_string(
                "screening/personal_data_copy_part.html",
                {
                    "part": part,
                    "data_request": data_request,
                    "sections": sections,
                    "theirs": person_language(screenings),
                    "interview_languages": _interview_languages(screenings),
                },
            )
    html = render_to_string(
        "screening/personal_data_copy.html",
        {
            "data_request": data_request,
            "parts": rendered,
            "produced_by": produced_by,
            "produced_at": produced_at,
        },
    )
    return render_pdf(html)


def _interview_languages(screenings: list[Screening]) -> list[str]:
    return sorted({str(s.get_language_display()) for s in screenings})


@dataclass
class Row:
    """An answer as the copy shows it: the summary's row and the question in their words."""

    row: object
    questions: list


def _steps(screening: Screening, texts: PersonTexts | None) -> list:
    steps = ScreeningSummary(screening).steps
    return [
        (
            step,
            [
                Row(row, texts.questions(row.indicator.slug) if texts else [])
                for row in step.answers
            ],
        )
        for step in steps
    ]


def copy_data(data_request: DataAccessRequest, *, produced_by) -> dict:
    """The copy as plain data for JSON: codes, ISO dates, and the texts as typed."""
    screenings = covered(data_request)
    events = _events(screenings)
    return {
        "format": FORMAT,
        "produced_at": timezone.now().isoformat(),
        "produced_by": produced_by.get_username(),
        "request": {
            "id": str(data_request.pk),
            "kind": data_request.kind,
            "received_on": data_request.received_on.isoformat(),
            "due_on": data_request.due_on.isoformat(),
        },
        "screenings": [_screening_data(s, events[s.pk]) for s in screenings],
    }


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _screening_data(screening: Screening, events: list[AuditEvent]) -> dict:
    answers = {answer.indicator_slug: answer for answer in screening.answers.all()}
    return {
        "id": str(screening.pk),
        "case_reference": screening.case_reference,
        "details": {
            field: getattr(screening, field)
            for field in (
                "setting",
                "language",
                "interpreter",
                "third_party_present",
                "consent",
                "consent_to_share",
                "age_band",
                "immediate_danger",
                "nationality",
                "sector",
                "status",
            )
        }
        | {
            "screened_on": _date(screening.screened_on),
            "urgency": Screening.Urgency(screening.urgency).name.lower(),
            "questions_version": screening.catalogue_version,
            "created_at": _date(screening.created_at),
            "completed_at": _date(screening.completed_at),
            "reviewed_at": _date(screening.reviewed_at),
        },
        "answers": [
            {
                "step": group.slug,
                "sign": indicator.slug,
                "sign_wording": indicator.wording,
                "value": answer.value,
                "answered_by": answer.source,
                "person_value": answer.person_value,
                "note": answer.note,
            }
            for group in screening.groups
            for indicator in group.indicators
            if (answer := answers.get(indicator.slug))
        ],
        "step_notes": [
            {"step": note.group_slug, "text": note.text}
            for note in screening.step_notes.all()
            if note.text
        ],
        "supervisor_notes": [
            {"kind": note.kind, "written_at": _date(note.written_at), "text": note.text}
            for note in screening.supervisor_notes.all()
        ],
        "referrals": [
            {
                "to": referral.contact.slug,
                "sent_on": _date(referral.sent_on),
                "channel": referral.channel,
                "consent_confirmed": referral.consent_confirmed,
                "outcome": referral.outcome,
                "follow_up_on": _date(referral.follow_up_on),
                "note": referral.note,
            }
            for referral in screening.referrals.all()
        ],
        "legal_hold": (
            {"since": _date(screening.legal_hold_since), "reason": screening.legal_hold_reason}
            if screening.on_legal_hold
            else None
        ),
        "audit": [
            {"at": _date(event.at), "action": event.action, "detail": event.detail}
            for event in events
        ],
    }


def record(data_request: DataAccessRequest, user, form: str) -> None:
    """Audit the copy: one event per screening it covers (or one for none), with its form."""
    detail = f"copy {form}, {data_request.kind} request"
    ids = list(data_request.screenings.values_list("pk", flat=True)) or [None]
    for screening_id in ids:
        AuditEvent.record(
            None, user, AuditEvent.Action.DATA_COPY, detail, screening_id=screening_id
        )
