"""What a screening says, arranged for people: answers by step, counts, guidance, explanation.

The signs are shown in the reader's language where the reference has a translation of what the
screening recorded (`screening.catalogue.for_reader`); the recorded English stays the record, and
the summary says so when it shows a translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import Profile
from definitions.models import ForcedLabourIndicator, PalermoElement
from referrals import rules
from referrals.models import ReferralContact
from screening.catalogue import CatalogueGroup, CatalogueIndicator, for_reader, group_for_reader
from screening.models import AnswerValue, Screening


@dataclass(frozen=True)
class AnswerRow:
    indicator: CatalogueIndicator
    value: str
    note: str
    # The person answered it alone on the handed-over device (`Answer.source`).
    by_person: bool = False
    # The person's own answer, when a caseworker has changed it since.
    person_label: str = ""

    @property
    def label(self) -> str:
        return AnswerValue(self.value).label if self.value else ""


@dataclass(frozen=True)
class StepRow:
    number: int
    group: CatalogueGroup
    answers: tuple[AnswerRow, ...]
    notes: str
    saved: bool


@dataclass(frozen=True)
class Screener:
    """Who screened, as a referral partner needs them: to know whom to call back."""

    name: str
    role: str
    phone: str


class ScreeningSummary:
    """Reads a screening's answers once and offers every view of them a page needs."""

    def __init__(self, screening: Screening, *, notes: bool = True):
        """`notes=False` for a summary read only for its facts (the guidance and its urgency,
        worked out again with every save): the answers' values are read without their notes,
        so none is decrypted."""
        self.screening = screening
        self.notes = notes

    @cached_property
    def screener(self) -> Screener:
        user = self.screening.created_by
        profile = Profile.for_user(user)
        name = profile.full_name or user.get_full_name() or user.get_username()
        return Screener(name=name, role=profile.job_title, phone=profile.work_phone)

    @property
    def organisation(self) -> str:
        """The referring organisation, as the settings name it."""
        return settings.ORGANISATION_NAME or _("the referring organisation")

    @property
    def may_be_shared(self) -> bool:
        """The person agreed that the summary goes to the referral partner."""
        return self.screening.consent_to_share is True

    @property
    def is_draft(self) -> bool:
        """Not completed yet, or reopened: every page of it says so."""
        return self.screening.status == Screening.Status.DRAFT

    @property
    def awaits_review(self) -> bool:
        """Completed but not reviewed by a supervisor yet: every page of it says so."""
        return self.screening.status == Screening.Status.COMPLETED

    @cached_property
    def _answers(self) -> dict:
        return self.screening.answers_by_slug()

    @cached_property
    def _values(self) -> dict[str, str]:
        if not self.notes:
            return self.screening.answer_values()
        return {slug: answer.value for slug, answer in self._answers.items() if answer.value}

    @cached_property
    def _notes(self) -> dict:
        return {note.group_slug: note.text for note in self.screening.step_notes.all()}

    @cached_property
    def steps(self) -> tuple[StepRow, ...]:
        rows = []
        for number, group in enumerate(self.screening.groups, start=2):
            answers = []
            for indicator in group.indicators:
                answer = self._answers.get(indicator.slug)
                answers.append(
                    AnswerRow(
                        for_reader(indicator),
                        answer.value if answer else "",
                        answer.note if answer else "",
                        by_person=bool(answer and answer.by_person),
                        person_label=answer.changed_from_person if answer else "",
                    )
                )
            rows.append(
                StepRow(
                    number=number,
                    group=group_for_reader(group),
                    answers=tuple(answers),
                    notes=self._notes.get(group.slug, ""),
                    saved=group.slug in self.screening.steps_saved,
                )
            )
        return tuple(rows)

    def _rows_where(self, keep) -> list[tuple[CatalogueGroup, list[AnswerRow]]]:
        grouped = []
        for step in self.steps:
            rows = [row for row in step.answers if keep(row)]
            if rows:
                grouped.append((step.group, rows))
        return grouped

    @cached_property
    def answered_by_person(self) -> list[tuple[CatalogueGroup, list[AnswerRow]]]:
        """The signs the person answered alone on the handed-over device, changed since or not."""
        return self._rows_where(lambda row: row.by_person or row.person_label)

    @cached_property
    def observed(self) -> list[tuple[CatalogueGroup, list[AnswerRow]]]:
        return self._rows_where(lambda row: row.value == AnswerValue.YES)

    @cached_property
    def uncertain(self) -> list[tuple[CatalogueGroup, list[AnswerRow]]]:
        return self._rows_where(lambda row: row.value == AnswerValue.NOT_SURE)

    @cached_property
    def not_asked(self) -> list[tuple[CatalogueGroup, list[AnswerRow]]]:
        """The signs not asked or declined, by name: a reader knows what is still to ask."""
        return self._rows_where(lambda row: row.value == AnswerValue.NOT_ASKED)

    @cached_property
    def unanswered(self) -> list[tuple[CatalogueGroup, list[AnswerRow]]]:
        return self._rows_where(lambda row: not row.value)

    @property
    def screener_described(self) -> bool:
        """Whether the screener gave the name and role a partner calls back (Your details)."""
        profile = Profile.for_user(self.screening.created_by)
        return bool(profile.full_name and profile.job_title)

    @cached_property
    def noted_otherwise(self) -> list[tuple[CatalogueGroup, list[AnswerRow]]]:
        """Signs answered No or Not asked, or not answered, that carry a note. The note can be
        the evidence ("No" to not being free to leave, noted: "her employer keeps her passport"),
        so a reader of the summary sees it as well as the counts."""
        shown = (AnswerValue.YES, AnswerValue.NOT_SURE)  # with their notes, above
        return self._rows_where(lambda row: row.note and row.value not in shown)

    @property
    def counts(self) -> rules.AnswerCounts:
        return self.facts.counts

    @cached_property
    def shown_in_translation(self) -> bool:
        """Whether any sign is shown in a translation rather than as the screening recorded it."""
        return any(
            row.indicator != recorded
            for step in self.steps
            for row, recorded in zip(step.answers, step.group.indicators, strict=True)
        )

    @cached_property
    def facts(self) -> rules.ScreeningFacts:
        # The rules show a sign's wording in guidance and explanation: the reader's, as above.
        indicators = tuple(
            rules.IndicatorFacts(
                slug=indicator.slug,
                wording=for_reader(indicator).wording,
                group_title=group_for_reader(group).title,
                elements=indicator.elements,
                ilo=indicator.ilo,
                commercial_sex=indicator.commercial_sex,
                under_18=indicator.under_18,
                weight=indicator.weight or rules.MEDIUM,
                labour=indicator.labour,
            )
            for group in self.screening.groups
            for indicator in group.indicators
        )
        return rules.ScreeningFacts(
            age_band=self.screening.age_band,
            immediate_danger=self.screening.immediate_danger,
            indicators=indicators,
            answers=self._values,
            may_not_speak_freely=self.screening.may_not_speak_freely,
            consent_to_share=self.screening.consent_to_share,
            sector=self.screening.sector,
        )

    @cached_property
    def guidance(self) -> list[rules.Guidance]:
        return rules.guidance_for(self.facts, ReferralContact.objects.active_facts())

    @cached_property
    def explanation(self) -> rules.Explanation:
        return rules.explain(self.facts)

    @cached_property
    def step_notes(self) -> list[StepRow]:
        return [step for step in self.steps if step.notes]

    @cached_property
    def element_findings(self) -> list[dict]:
        names = dict(PalermoElement.objects.values_list("slug", "name"))
        return [
            {
                "element": finding.element,
                "name": names.get(finding.element, finding.element.title()),
                "indicators": finding.indicators,
            }
            for finding in self.explanation.elements
        ]

    @cached_property
    def ilo_findings(self) -> list[tuple[str, tuple]]:
        names = dict(ForcedLabourIndicator.objects.values_list("slug", "name"))
        return [(names.get(slug, slug), indicators) for slug, indicators in self.explanation.ilo]

    @cached_property
    def urgency(self) -> Screening.Urgency:
        """The most urgent level of the guidance shown: what the list stores as the urgency."""
        return Screening.Urgency(min(item.urgency for item in self.guidance))

    @cached_property
    def danger(self) -> rules.Guidance | None:
        """The "Call 999 now" item, which the summary shows once, as its top banner."""
        return next((i for i in self.guidance if i.urgency == rules.Urgency.EMERGENCY), None)


def urgency_of(screening: Screening) -> rules.Urgency:
    """The most urgent level of the screening's guidance, as the list shows and filters it.

    No contacts are needed: what the guidance says to do, not whom to call, sets its urgency.
    """
    facts = ScreeningSummary(screening, notes=False).facts
    return min(item.urgency for item in rules.guidance_for(facts, ()))
