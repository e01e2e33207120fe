"""The export for the NGO's case system: one row per screening, or one row per answer.

Columns are named after the IOM Human Trafficking Case Data Standard (HTCDS) where it has a
matching field, and plainly otherwise; docs/export.md gives the mapping. Codes and labels both,
dates in ISO 8601. Free-text notes only when asked for. Rows are read in chunks and written as
they come (`lib.csv_export`), so 100,000 screenings never sit in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, F, Q

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
    "answered_by",
    "person_answer",
]


def labels_of(choices) -> dict[str, str]:
    return {code: str(label) for code, label in choices}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _iso(value) -> str:
    return value.isoformat() if value else ""


def screening_rows(screenings, *, notes: bool) -> Iterator[list]:
    """The header, then one row per screening (with its step notes when `notes`).

    Plain values rather than model instances, read in chunks; each chunk's referrals (and
    notes) in one more query: at 100,000 screenings the export streams well over 10,000 rows a
    second in a worker whose memory holds one chunk at a time.
    """
    # Every label translated once, not once a row (get_FOO_display builds its choices each call).
    field = Screening._meta.get_field
    labels = {
        name: labels_of(field(name).flatchoices)
        for name in ("setting", "interpreter", "age_band", "nationality", "sector", "urgency")
    }
    labels["language"] = labels_of(field("language").flatchoices) or labels_of(LANGUAGES[1:])
    yield SCREENING_COLUMNS + (["step_notes"] if notes else [])
    # "I'd rather not say" (declined) is counted with Not asked, as the rules count it.
    counted_as = {"yes": ["yes"], "not_sure": ["not_sure"], "no": ["no"]}
    counted_as["not_asked"] = ["not_asked", "declined"]
    counts = {
        f"answers_{name}": Count("answers", filter=Q(answers__value__in=values))
        for name, values in counted_as.items()
    }
    rows = (
        screenings.annotate(**counts, screener=F("created_by__username"))
        .order_by("screened_on", "created_at")
        .values(*VALUES, *counts, "screener")
    )
    chunk = []
    for values in rows.iterator(chunk_size=CHUNK):
        chunk.append(values)
        if len(chunk) == CHUNK:
            yield from _chunk_rows(chunk, labels, notes)
            chunk = []
    yield from _chunk_rows(chunk, labels, notes)


VALUES = [
    "pk",
    "case_reference",
    "screened_on",
    "status",
    "setting",
    "language",
    "interpreter",
    "third_party_present",
    "age_band",
    "nationality",
    "sector",
    "consent",
    "consent_to_share",
    "immediate_danger",
    "urgency",
    "completed_at",
    "reviewed_at",
]


def _chunk_rows(chunk: list[dict], labels: dict, notes: bool) -> Iterator[list]:
    if not chunk:
        return
    ids = [values["pk"] for values in chunk]
    referrals: dict = {}
    for screening_id, sent_on, name, outcome in (
        Referral.objects.filter(screening_id__in=ids)
        .order_by("sent_on", "pk")
        .values_list("screening_id", "sent_on", "contact__name", "outcome")
    ):
        referrals.setdefault(screening_id, []).append((sent_on, name, outcome))
    step_notes: dict = {}
    if notes:
        for note in StepNote.objects.filter(screening_id__in=ids).exclude(text="").order_by("pk"):
            if note.text:
                step_notes.setdefault(note.screening_id, []).append(
                    f"{note.group_slug}: {note.text}"
                )
    for v in chunk:
        made = referrals.get(v["pk"], [])
        row = [
            v["pk"],
            v["case_reference"],
            _iso(v["screened_on"]),
            v["status"],
            v["setting"],
            labels["setting"].get(v["setting"], ""),
            v["language"],
            labels["language"].get(v["language"], v["language"]),
            v["interpreter"],
            labels["interpreter"].get(v["interpreter"], ""),
            _yes_no(v["third_party_present"]),
            v["age_band"],
            labels["age_band"].get(v["age_band"], ""),
            ISO_3166.get(v["nationality"], ""),
            v["nationality"],
            labels["nationality"].get(v["nationality"], ""),
            HTCDS_LABOUR.get(v["sector"], ""),
            v["sector"],
            labels["sector"].get(v["sector"], ""),
            _yes_no(v["consent"]),
            _yes_no(v["consent_to_share"]),
            _yes_no(v["immediate_danger"]),
            v["urgency"],
            labels["urgency"].get(v["urgency"], ""),
            v["answers_yes"],
            v["answers_not_sure"],
            v["answers_no"],
            v["answers_not_asked"],
            v["screener"],
            _iso(made[0][0] if made else None),
            "; ".join(name for _sent, name, _outcome in made),
            "; ".join(outcome for _sent, _name, outcome in made),
            _iso(v["completed_at"]),
            _iso(v["reviewed_at"]),
        ]
        if notes:
            row.append("\n\n".join(step_notes.get(v["pk"], [])))
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
        "source",
        "person_value",
    ]
    answers = (
        Answer.objects.filter(screening__in=screenings)
        .order_by("screening__screened_on", "screening_id", "pk")
        .values_list(*fields, *(["note"] if notes else []))
    )
    signs: dict[int, dict[str, tuple[str, str]]] = {}
    answer_labels = labels_of(AnswerValue.choices)
    for row in answers.iterator(CHUNK):
        screening_id, reference, snapshot_id, slug, value, source, person_value, *note = row
        if snapshot_id not in signs:
            signs[snapshot_id] = _signs_of(snapshot_id)
        wording, group = signs[snapshot_id].get(slug, ("", ""))
        label = answer_labels.get(value, "")
        yield [
            screening_id,
            reference,
            slug,
            wording,
            group,
            value,
            label,
            source,
            person_value,
            *note,
        ]


def _signs_of(snapshot_id: int) -> dict[str, tuple[str, str]]:
    catalogue = CatalogueSnapshot.objects.get(pk=snapshot_id).catalogue
    return {
        indicator.slug: (indicator.wording, group.title)
        for group in catalogue.groups
        for indicator in group.indicators
    }
