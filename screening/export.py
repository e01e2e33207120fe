"""The export for the NGO's case system: one row per screening, or one row per answer.

Columns are named after the IOM Human Trafficking Case Data Standard (HTCDS) where it has a
matching field, and plainly otherwise; docs/export.md gives the mapping. Codes and labels both,
dates in ISO 8601. Free-text notes only when asked for. Rows are read in chunks and written as
they come (`lib.csv_export`), so 100,000 screenings never sit in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Prefetch, Q

from screening.forms import LANGUAGES
from screening.models import (
    Answer,
    AnswerValue,
    CatalogueSnapshot,
    Referral,
    Screening,
    StepNote,
)

CHUNK = 2000

# prs_Nationality takes ISO 3166-1 alpha-2 codes; "other" has none.
ISO_3166 = {
    "indonesian": "ID",
    "filipino": "PH",
    "thai": "TH",
    "nepali": "NP",
    "indian": "IN",
    "pakistani": "PK",
    "sri_lankan": "LK",
    "bangladeshi": "BD",
    "vietnamese": "VN",
    "mainland_chinese": "CN",
    "hong_kong": "HK",
}
# vic_TypeOfLabourExploitation's values, where a sector has one.
HTCDS_LABOUR = {
    "domestic_work": "DomesticWork",
    "construction": "Construction",
    "catering": "Hospitality",
    "agriculture_fishing": "Agriculture",
    "cleaning": "Other",
    "other": "Other",
}

SCREENING_COLUMNS = [
    "screening_id",
    "case_reference",
    "screened_on",
    "status",
    "setting",
    "setting_label",
    "interview_language",
    "interview_language_label",
    "interpreter",
    "interpreter_label",
    "third_party_present",
    "age_band",
    "age_band_label",
    "prs_Nationality",
    "nationality",
    "nationality_label",
    "vic_TypeOfLabourExploitation",
    "sector",
    "sector_label",
    "vic_AgreementToManagePersonalData",
    "consent_to_share",
    "immediate_danger",
    "urgency",
    "urgency_label",
    "answers_yes",
    "answers_not_sure",
    "answers_no",
    "answers_not_asked",
    "cas_ReferringPrimaryCaseWorker",
    "cas_OutgoingReferralDate",
    "cas_ReferredOrganisation",
    "referral_outcomes",
    "completed_at",
    "reviewed_at",
]
ANSWER_COLUMNS = [
    "screening_id",
    "case_reference",
    "indicator",
    "indicator_wording",
    "indicator_group",
    "answer",
    "answer_label",
]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _iso(value) -> str:
    return value.isoformat() if value else ""


def screening_rows(screenings, *, notes: bool) -> Iterator[list]:
    """The header, then one row per screening (with its step notes when `notes`)."""
    languages = dict(Screening._meta.get_field("language").flatchoices) or dict(LANGUAGES[1:])
    yield SCREENING_COLUMNS + (["step_notes"] if notes else [])
    counts = {
        f"answers_{value}": Count("answers", filter=Q(answers__value=value))
        for value in ("yes", "not_sure", "no", "not_asked")
    }
    prefetch = [Prefetch("referrals", queryset=Referral.objects.select_related("contact"))]
    if notes:
        prefetch.append(Prefetch("step_notes", queryset=StepNote.objects.order_by("pk")))
    rows = (
        screenings.select_related("created_by")
        .annotate(**counts)
        .prefetch_related(*prefetch)
        .order_by("screened_on", "created_at")
    )
    for s in rows.iterator(chunk_size=CHUNK):
        referrals = list(s.referrals.all())
        row = [
            s.pk,
            s.case_reference,
            _iso(s.screened_on),
            s.status,
            s.setting,
            s.get_setting_display(),
            s.language,
            languages.get(s.language, s.language),
            s.interpreter,
            s.get_interpreter_display(),
            _yes_no(s.third_party_present),
            s.age_band,
            s.get_age_band_display(),
            ISO_3166.get(s.nationality, ""),
            s.nationality,
            s.get_nationality_display() if s.nationality else "",
            HTCDS_LABOUR.get(s.sector, ""),
            s.sector,
            s.get_sector_display() if s.sector else "",
            _yes_no(s.consent),
            _yes_no(s.consent_to_share),
            _yes_no(s.immediate_danger),
            s.urgency,
            s.get_urgency_display(),
            s.answers_yes,
            s.answers_not_sure,
            s.answers_no,
            s.answers_not_asked,
            s.created_by.get_username(),
            _iso(min((r.sent_on for r in referrals), default=None)),
            "; ".join(r.contact.name for r in referrals),
            "; ".join(r.outcome for r in referrals),
            _iso(s.completed_at),
            _iso(s.reviewed_at),
        ]
        if notes:
            row.append(
                "\n\n".join(f"{n.group_slug}: {n.text}" for n in s.step_notes.all() if n.text)
            )
        yield row


def answer_rows(screenings, *, notes: bool) -> Iterator[list]:
    """The header, then one row per answer of the screenings (with its note when `notes`)."""
    yield ANSWER_COLUMNS + (["note"] if notes else [])
    fields = [
        "screening_id",
        "screening__case_reference",
        "screening__snapshot_id",
        "indicator_slug",
        "value",
    ]
    answers = (
        Answer.objects.filter(screening__in=screenings)
        .order_by("screening__screened_on", "screening_id", "pk")
        .values_list(*fields, *(["note"] if notes else []))
    )
    signs: dict[int, dict[str, tuple[str, str]]] = {}
    for screening_id, reference, snapshot_id, slug, value, *note in answers.iterator(CHUNK):
        if snapshot_id not in signs:
            signs[snapshot_id] = _signs_of(snapshot_id)
        wording, group = signs[snapshot_id].get(slug, ("", ""))
        label = AnswerValue(value).label if value else ""
        yield [screening_id, reference, slug, wording, group, value, label, *note]


def _signs_of(snapshot_id: int) -> dict[str, tuple[str, str]]:
    catalogue = CatalogueSnapshot.objects.get(pk=snapshot_id).catalogue
    return {
        indicator.slug: (indicator.wording, group.title)
        for group in catalogue.groups
        for indicator in group.indicators
    }
