from __future__ import annotations

import datetime
import re
import secrets
import string
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from client_texts.models import SELF_OPENING, SectorQuestionSet
from referrals.models import ReferralContact
from screening.catalogue import CatalogueGroup, CatalogueIndicator, for_reader
from screening.models import (
    CASEWORKER_ANSWERS,
    AnswerValue,
    AuditEvent,
    Referral,
    Screening,
    StepNote,
)
from screening.person_texts import PersonTexts, draft_state, languages_with
from screening.self_answer import SECTOR_SET
from screening.widgets import AnswerRadios

NOTE_MAX = 500
STEP_NOTES_MAX = 5000
# A browser's date picker (type="date") takes only yyyy-mm-dd; the active language's own format
# (2026/11/26 in Chinese) would leave it empty.
ISO_DATE = "%Y-%m-%d"
NOTE_TOO_LONG = _(
    "Shorten this note to %(limit_value)d characters or fewer (it has %(show_value)d)."
)
STEP_NOTES_TOO_LONG = _(
    "Shorten the notes for this step to %(limit_value)d characters or fewer "
    "(they have %(show_value)d)."
)

LANGUAGES = [("", _("Choose a language")), *Screening.InterviewLanguage.choices]

case_reference_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9\-_/.]*$",
    _("Use letters, digits and - / _ . only, with no spaces, so the reference cannot hold a name."),
)


# What `suggested_case_reference` makes: HK, the year and month, four characters without O0I1.
SUGGESTED_REFERENCE = re.compile(r"HK-\d{4}-[A-HJ-NP-Z2-9]{4}")
JOINED_REFERENCES = _(
    "This looks like two references joined together ({first} and {rest}). Keep only the one "
    "from your case system, or only the suggested one."
)


def joined_references(reference: str) -> tuple[str, str] | None:
    """A suggested reference with more typed straight after it (HK-2612-G9P3IDW-2026-117), or
    two suggested references in one: the two parts, else None."""
    found = SUGGESTED_REFERENCE.search(reference, 1)
    if found:  # a second one further on
        return reference[: found.start()], reference[found.start() :]
    first = SUGGESTED_REFERENCE.match(reference)
    if first and reference[first.end() : first.end() + 1].isalnum():
        return reference[: first.end()], reference[first.end() :]
    return None


def suggested_case_reference() -> str:
    """A pseudonymous reference such as HK-2611-7QX4: month stamp plus four random characters."""
    alphabet = "".join(c for c in string.ascii_uppercase + string.digits if c not in "O0I1")
    suffix = "".join(secrets.choice(alphabet) for _ in range(4))
    return f"HK-{timezone.localdate():%y%m}-{suffix}"


def _blank_choice(field: forms.ChoiceField, label) -> None:
    """Name the empty choice of a select for what it means, instead of Django's "---------"."""
    field.choices = [("", label), *(choice for choice in field.choices if choice[0] != "")]


def _refuse_reversed_range(form: forms.Form, data: dict) -> None:
    """A date range (`date_from`, `date_to`) must not end before it starts."""
    start, end = data.get("date_from"), data.get("date_to")
    if start and end and end < start:
        form.add_error("date_to", _("The end of the range cannot be before its start."))


def _no_autocomplete(fields) -> None:
    for field in fields:
        field.widget.attrs.setdefault("autocomplete", "off")


class DetailsForm(forms.ModelForm):
    """The facts of the conversation. There is deliberately no field for a name or an ID."""

    # The interpreter for whom the page warns that the person may not speak freely (details.js).
    WARN_INTERPRETERS = Screening.NOT_INDEPENDENT_INTERPRETERS

    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=40,
        validators=[case_reference_validator],
        error_messages={"required": _("Enter a case reference (never a name).")},
        help_text=_(
            "A pseudonymous reference from your case system. Never a name, phone or ID number."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the interview"),
        choices=LANGUAGES,
        error_messages={"required": _("Choose the language of the interview.")},
    )
    setting = forms.ChoiceField(
        label=_("Setting"),
        choices=Screening.Setting.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the screening takes place.")},
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=Screening.AgeBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the person's age, or “Unknown”.")},
    )
    consent = forms.BooleanField(
        label=_("The person consents to this screening being recorded"),
        error_messages={
            "required": _("The screening can only be recorded with the person's consent.")
        },
    )
    # The two safety answers are asked, never assumed: nothing is chosen on a new screening (the
    # model's defaults stay for rows saved before they were required).
    interpreter = forms.ChoiceField(
        label=_("Interpreter"),
        choices=Screening.Interpreter.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who interpreted, or “No interpreter”.")},
    )
    immediate_danger = forms.TypedChoiceField(
        label=_("Is the person in immediate danger now?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose Yes or No. If you are not sure, choose Yes.")},
    )

    class Meta:
        model = Screening
        fields = [
            "case_reference",
            "screened_on",
            "setting",
            "language",
            "interpreter",
            "third_party_present",
            "consent",
            "age_band",
            "nationality",
            "sector",
            "immediate_danger",
        ]
        widgets = {"screened_on": forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)}
        labels = {
            "third_party_present": _("Another person (not the interpreter) was present"),
            "nationality": _("Nationality (optional)"),
            "sector": _("Sector of work (optional)"),
        }
        help_texts = {
            "nationality": _("Helps a referral partner find the right support. Never identifying."),
        }
        error_messages = {
            "screened_on": {
                "required": _("Enter the date of the screening."),
                "invalid": _("Enter the date of the screening as a real date."),
            }
        }

    def __init__(self, *args, may_lower_danger: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        _no_autocomplete(self.fields.values())
        for optional in ("nationality", "sector"):
            _blank_choice(self.fields[optional], _("Not recorded"))
        if not self.instance._state.adding:
            self.initial["immediate_danger"] = "yes" if self.instance.immediate_danger else "no"
            if self.instance.immediate_danger and not may_lower_danger:
                # Lowering it is a supervisor's decision (services.update_details): say so here
                # rather than offer a "No" that the save would not keep.
                danger = self.fields["immediate_danger"]
                danger.disabled = True
                danger.help_text = _(
                    "Recorded as Yes. Only a supervisor can change this: if it was recorded by "
                    "mistake, ask your supervisor."
                )
        else:
            # A new screening's instance carries the model's defaults; offer none of them.
            self.initial.pop("interpreter", None)
            self.initial.pop("immediate_danger", None)
            # Offered beside the field, never in it: typing into a filled field joins the two.
            self.suggested_reference = suggested_case_reference()

    suggested_reference = ""

    def clean_case_reference(self):
        reference = self.cleaned_data["case_reference"]
        unchanged = not self.instance._state.adding and reference == self.instance.case_reference
        joined = None if unchanged else joined_references(reference)
        if joined:
            first, rest = joined
            raise forms.ValidationError(format_lazy(JOINED_REFERENCES, first=first, rest=rest))
        return reference

    @property
    def may_not_speak_freely(self) -> bool:
        """The employer or agent interprets, or someone else is there: shown as a warning."""
        interpreter = self["interpreter"].value()
        third_party = self["third_party_present"].value()
        return interpreter in self.WARN_INTERPRETERS or bool(third_party)

    def clean_screened_on(self):
        screened_on = self.cleaned_data["screened_on"]
        if screened_on > timezone.localdate():
            raise forms.ValidationError(_("The date of the screening cannot be in the future."))
        return screened_on


class VersionForm(forms.Form):
    """The version of the screening the page was built from, for the stale-page check."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteField(forms.CharField):
    """Free text counted as the page counts it (static/js/character-count.js): a line break is one
    character, however the browser sent it ("\r\n" from a form), and so is every code point."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


def _sign_note(wording: str) -> forms.CharField:
    note = NoteField(
        label=_("Note (optional)"),
        max_length=NOTE_MAX,
        required=False,
        strip=True,
        error_messages={"max_length": NOTE_TOO_LONG},
        template_name="screening/fields/sign_note.html",
    )
    # Read out after the label, so a screen reader says which sign the note is for.
    note.described_as = wording
    # What the error summary calls the note, of the several on the page.
    note.error_label = format_lazy(_("Note on “{}”"), wording)
    return note


@dataclass(frozen=True)
class Card:
    """One sign of a step as its card shows it (`screening/_card.html`)."""

    indicator: CatalogueIndicator
    answer: forms.BoundField
    note: forms.BoundField
    # The saved answer's value ("" for none); None on a page showing what was typed instead.
    saved: str | None
    person_texts: PersonTexts | None
    person_questions: list
    # The saved answer is the person's own, given alone on the handed-over device; or the
    # person's answer (its label) that a caseworker has changed since.
    by_person: bool = False
    person_label: str = ""

    @property
    def saved_label(self) -> str:
        return str(dict(AnswerValue.choices).get(self.saved, ""))

    @property
    def person_draft_state(self) -> str:
        return draft_state(self.person_questions)


class StepForm(VersionForm):
    """One indicator group: a four-way answer and a short note per indicator, and step notes.

    The form knows where its data comes from: `for_screening` fills it from what is saved, and
    `after_conflict` rebuilds it when another tab or device saved the screening first.
    """

    person_texts: PersonTexts | None = None
    # When this step had last been saved as the page showed it (`StepNote.mark`): saving another
    # step or the details meanwhile does not make this page stale; saving this step does.
    step_saved = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, group: CatalogueGroup, screening: Screening | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.screening = screening
        # Each sign as the reader reads it (`for_reader`): the fields' labels, and the cards.
        self.indicators = tuple(for_reader(indicator) for indicator in group.indicators)
        for indicator in self.indicators:
            self.fields[f"answer-{indicator.slug}"] = forms.ChoiceField(
                label=indicator.wording,
                choices=self._answer_choices(indicator.slug),
                required=False,
                widget=AnswerRadios,
            )
            self.fields[f"note-{indicator.slug}"] = _sign_note(indicator.wording)
        self.fields["step_notes"] = NoteField(
            label=_("Notes for this step"),
            max_length=STEP_NOTES_MAX,
            required=False,
            widget=forms.Textarea,
            error_messages={"max_length": STEP_NOTES_TOO_LONG},
            template_name="screening/fields/step_notes.html",
        )
        _no_autocomplete(self.fields.values())

    def _answer_choices(self, slug: str) -> list:
        """The caseworker's four answers; and "Would rather not say" where the person gave it,
        so that saving the step keeps it rather than refusing it or dropping it."""
        name = f"answer-{slug}"
        current = self.data.get(name) if self.is_bound else self.initial.get(name)
        if current == AnswerValue.DECLINED:
            return AnswerValue.choices
        return CASEWORKER_ANSWERS

    @classmethod
    def for_screening(cls, screening: Screening, group: CatalogueGroup, data=None) -> StepForm:
        """The step as submitted (`data`), or else as it is saved."""
        if data:
            return cls(data, group=group, screening=screening)
        saved = cls.saved_values(screening, group)
        form = cls(group=group, screening=screening, initial=saved)
        form.last_saved = saved["saved_at"]
        return form

    @cached_property
    def last_saved(self) -> datetime.datetime | None:
        """When this step was last saved (None: never). Known already when the form was filled
        from what is saved; read here only for a page shown again with what was typed."""
        note = self.screening.step_note(self.group.slug)
        return note.saved_at if note else None

    @staticmethod
    def saved_values(screening: Screening, group: CatalogueGroup) -> dict:
        """What is saved for this step, in the form's field names, and when it was saved
        (`saved_at`)."""
        values: dict = {"version": screening.version}
        for answer in screening.step_answers([indicator.slug for indicator in group.indicators]):
            values[f"answer-{answer.indicator_slug}"] = answer.value
            values[f"note-{answer.indicator_slug}"] = answer.note
            values[f"by-person-{answer.indicator_slug}"] = answer.by_person
            values[f"person-{answer.indicator_slug}"] = answer.changed_from_person
        note = screening.step_note(group.slug)
        values["step_notes"] = note.text if note else ""
        values["saved_at"] = note.saved_at if note else None
        values["step_saved"] = StepNote.mark(note)
        return values

    @cached_property
    def save_status(self) -> str:
        """What the page says about saving, shown above the cards and again by the buttons."""
        saved = self.last_saved
        if saved:
            saved = timezone.localtime(saved)
            time = formats.time_format(saved)
            if saved.date() == timezone.localdate():
                return _("Saved at %(time)s") % {"time": time}
            date = formats.date_format(saved)
            return _("Saved on %(date)s at %(time)s") % {"date": date, "time": time}
        if self.screening and self.group.slug in self.screening.steps_saved:
            return str(_("Saved earlier"))
        return "" if self.is_bound else str(_("Not saved yet"))

    def after_conflict(self, screening: Screening) -> tuple[StepForm, list[dict]]:
        """What was typed here, ready to save on top of the screening as it is now, and where
        that differs from what is saved now (another tab or device saved first)."""
        saved = self.saved_values(screening, self.group)
        data = self.data.copy()
        data["version"], data["step_saved"] = saved["version"], saved["step_saved"]
        form = StepForm(data, group=self.group, screening=screening)
        form.last_saved = saved["saved_at"]
        return form, self.differences_from(saved)

    def cards(self) -> list[Card]:
        """The step's signs as their cards show them, with each sign's questions in the
        person's language when `person_texts` were given."""
        person = self.person_texts
        return [
            Card(
                indicator=indicator,
                answer=self[f"answer-{indicator.slug}"],
                note=self[f"note-{indicator.slug}"],
                # What is saved, known from the initial data; a bound form does not know it.
                saved=None if self.is_bound else self.initial.get(f"answer-{indicator.slug}", ""),
                person_texts=person,
                person_questions=person.questions(indicator.slug) if person else [],
                by_person=bool(self.initial.get(f"by-person-{indicator.slug}")),
                person_label=self.initial.get(f"person-{indicator.slug}", ""),
            )
            for indicator in self.indicators
        ]

    def differences_from(self, saved: dict) -> list[dict]:
        """Where what was typed here differs from `saved` (a step's stored answers, as initial
        data): shown when this save arrived after another tab or device had saved the step."""
        labels = dict(AnswerValue.choices)
        rows = []
        for indicator in self.group.indicators:
            answer, note = f"answer-{indicator.slug}", f"note-{indicator.slug}"
            stored = (saved.get(answer, ""), saved.get(note, ""))
            if stored != (self.cleaned_data[answer], self.cleaned_data[note]):
                label = labels.get(stored[0], _("Not answered"))
                rows.append(
                    {"wording": for_reader(indicator).wording, "saved": label, "note": stored[1]}
                )
        notes = saved.get("step_notes", "")
        if notes != self.cleaned_data["step_notes"]:
            rows.append({"wording": _("Notes for this step"), "saved": "", "note": notes})
        return rows

    def answers(self, saved: dict | None = None) -> dict[str, tuple[str, str]]:
        """The answers and notes typed, by indicator. Where a field is invalid, what is `saved`
        (a step's stored answers, as initial data) instead: "Danger now" saves what it can."""
        value = self._valid_or(saved or {})
        return {
            indicator.slug: (value(f"answer-{indicator.slug}"), value(f"note-{indicator.slug}"))
            for indicator in self.group.indicators
        }

    def notes_to_save(self, saved: dict | None = None) -> str:
        return self._valid_or(saved or {})("step_notes")

    def _valid_or(self, saved: dict):
        return lambda name: self.cleaned_data.get(name, saved.get(name, ""))


class CompleteForm(VersionForm):
    """Check and complete: the caseworker records whether the summary may be shared."""

    consent_to_share = forms.TypedChoiceField(
        label=_(
            "Does the person agree that this summary is shared with the referral partner, "
            "to get them help?"
        ),
        choices=[("yes", _("Yes, they agree")), ("no", _("No, or not asked"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "Without their agreement the summary is marked “not for sharing”, and a referral "
            "may only describe the situation without anything that identifies them."
        ),
        error_messages={
            "required": _("Choose whether the person agrees to the summary being shared.")
        },
    )


class ReopenForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why it is reopened: the caseworker reads this on every page of it.")
        },
    )


class ReviewForm(VersionForm):
    comment = forms.CharField(
        label=_("Review comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScreeningFilterForm(forms.Form):
    """The list's filters. Supervisors also filter by caseworker, and see "completed" as
    "awaiting review", which is what it means to them."""

    AWAITING_REVIEW = _("Awaiting review")

    q = forms.CharField(label=_("Case reference"), max_length=40, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Screening.Status.choices],
        required=False,
    )
    urgency = forms.TypedChoiceField(
        label=_("Urgency"),
        choices=[("", _("Any urgency")), *Screening.Urgency.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    follow_up = forms.ChoiceField(
        label=_("Referrals"),
        choices=[("", _("Any")), ("due", _("Follow-up due or overdue"))],
        required=False,
    )
    caseworker = forms.ModelChoiceField(
        label=_("Caseworker"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )

    def __init__(self, *args, supervisor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if supervisor:
            # Everyone who has screened: one look-up in the created_by index per user, where a
            # join with DISTINCT read every screening (some 20 ms at 100,000).
            screened = Screening.objects.filter(created_by=OuterRef("pk"))
            self.fields["caseworker"].queryset = (
                get_user_model().objects.filter(Exists(screened)).order_by("username")
            )
            self.fields["status"].choices = [
                (value, self.AWAITING_REVIEW if value == Screening.Status.COMPLETED else label)
                for value, label in self.fields["status"].choices
            ]
        else:
            del self.fields["caseworker"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
        _no_autocomplete(self.fields.values())

    def clean(self):
        data = super().clean()
        _refuse_reversed_range(self, data)
        return data

    @property
    def active(self) -> bool:
        """Whether any filter is set (or was refused), so the folded filters open."""
        if not self.is_bound:
            return False
        if not self.is_valid():
            return True
        return any(value not in (None, "") for value in self.cleaned_data.values())

    def filter(self, screenings):
        data = self.cleaned_data
        if data.get("q"):
            screenings = screenings.filter(case_reference__icontains=data["q"])
        if data.get("status"):
            screenings = screenings.filter(status=data["status"])
        if data.get("urgency") is not None:
            screenings = screenings.filter(urgency=data["urgency"])
        if data.get("follow_up"):
            screenings = screenings.filter(follow_up_due=True)
        if data.get("caseworker"):
            screenings = screenings.filter(created_by=data["caseworker"])
        if data.get("date_from"):
            screenings = screenings.filter(screened_on__gte=data["date_from"])
        if data.get("date_to"):
            screenings = screenings.filter(screened_on__lte=data["date_to"])
        return screenings


class ReferralForm(forms.ModelForm):
    """One referral of a completed screening: to whom, when, how, with consent, what came of it."""

    class Meta:
        model = Referral
        fields = [
            "contact",
            "sent_on",
            "channel",
            "consent_confirmed",
            "outcome",
            "follow_up_on",
            "note",
        ]
        widgets = {
            "sent_on": forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX}),
        }
        help_texts = {
            "follow_up_on": _("When to chase the answer if none has come."),
            "note": _("Optional, kept encrypted. No names."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contacts = ReferralContact.objects.filter(active=True)
        if self.instance.pk:  # a contact made inactive since stays choosable on its referral
            contacts = contacts | ReferralContact.objects.filter(pk=self.instance.contact_id)
        self.fields["contact"].queryset = contacts
        self.fields["consent_confirmed"].required = True
        self.fields["consent_confirmed"].error_messages["required"] = _(
            "A referral needs the person's consent. Tick the box once they have agreed."
        )
        self.fields["note"].max_length = NOTE_MAX
        self.fields["contact"].empty_label = _("Choose whom it was sent to")
        _blank_choice(self.fields["channel"], _("Choose how it was sent"))
        _no_autocomplete(self.fields.values())

    # How far ahead a follow-up may be set: further than this is a typing slip (31/12/9999).
    FOLLOW_UP_WITHIN = datetime.timedelta(days=366)

    def clean_sent_on(self):
        sent = self.cleaned_data["sent_on"]
        if sent > timezone.localdate():
            raise forms.ValidationError(_("The date sent cannot be in the future."))
        screened_on = self.instance.screening.screened_on
        if sent < screened_on:
            raise forms.ValidationError(
                _("The date sent cannot be before the screening, on %(date)s.")
                % {"date": formats.date_format(screened_on)}
            )
        return sent

    def clean(self):
        data = super().clean()
        sent, follow_up = data.get("sent_on"), data.get("follow_up_on")
        if sent and follow_up and follow_up < sent:
            self.add_error("follow_up_on", _("The follow-up date cannot be before the date sent."))
        elif sent and follow_up and follow_up > sent + self.FOLLOW_UP_WITHIN:
            self.add_error(
                "follow_up_on", _("Choose a follow-up date within a year of the date sent.")
            )
        self._refuse_unreachable_channel(data.get("contact"), data.get("channel"))
        return data

    def _refuse_unreachable_channel(self, contact, channel) -> None:
        """An e-mail or a call to a contact that has no e-mail address or phone number (999
        "by e-mail") cannot be how it was sent."""
        missing = {
            Referral.Channel.EMAIL: contact and not contact.email,
            Referral.Channel.PHONE: contact and not contact.phone,
        }
        if missing.get(channel):
            self.add_error(
                "channel",
                format_lazy(
                    _("{contact} cannot be reached this way: choose how it was really sent."),
                    contact=contact,
                ),
            )


class DateRangeForm(forms.Form):
    """The statistics' date range (kept in the session, like the list's filters)."""

    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)
    )
    date_to = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)
    )

    @staticmethod
    def default() -> dict:
        """The last twelve months, this one included."""
        today = timezone.localdate()
        start = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
        return {"date_from": start.isoformat(), "date_to": today.isoformat()}

    def clean(self):
        data = super().clean()
        _refuse_reversed_range(self, data)
        start, end = data.get("date_from"), data.get("date_to")
        first, last = 2000, timezone.localdate().year + 1  # statistics.FIRST_YEAR, last_year()
        if any(day and not first <= day.year <= last for day in (start, end)):
            message = _("Choose dates between %(first)d and %(last)d.")
            self.add_error("date_from", message % {"first": first, "last": last})
        elif start and end and (end - start).days > 366 * 10:
            self.add_error("date_from", _("Choose a range of ten years or less."))
        return data


class ExportForm(forms.Form):
    """What to export of the screenings the list's filters select."""

    FILES = [
        ("screenings", _("One row per screening")),
        ("answers", _("One row per answer")),
    ]

    file = forms.ChoiceField(label=_("File"), choices=FILES, widget=forms.RadioSelect)
    include_notes = forms.BooleanField(
        label=_("Include free-text notes (they may identify someone)"), required=False
    )


class AuditFilterForm(forms.Form):
    """The audit trail's filters: by person, by action, without routine views."""

    person = forms.CharField(label=_("Person (username)"), max_length=150, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    hide_routine = forms.BooleanField(label=_("Hide routine views"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any action")), *AuditEvent.Action.choices]
        _no_autocomplete(self.fields.values())

    def filter(self, events):
        data = self.cleaned_data
        if data.get("person"):
            events = events.filter(username=data["person"])
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("hide_routine"):
            events = events.exclude(action=AuditEvent.Action.VIEWED)
        return events


class HandOverForm(forms.Form):
    """What the caseworker hands over: in which language, which questions, played or not."""

    language = forms.ChoiceField(label=_("The person's language"))
    questions = forms.ChoiceField(
        label=_("Questions"),
        choices=[
            ("all", _("Every question the person can answer alone")),
            ("unanswered", _("Only the signs not answered yet")),
        ],
        initial="all",
        widget=forms.RadioSelect,
    )
    play_on_arrival = forms.BooleanField(
        label=_("Play each question's recording as it appears, where there is one"),
        required=False,
    )

    def __init__(
        self,
        *args,
        languages: list,
        initial_language: str | None = None,
        sector_sets=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # Each language in its own script, as the person would recognise it.
        self.fields["language"].choices = [
            (language.code, f"{language.endonym} ({language.name})") for language in languages
        ]
        if initial_language:
            self.fields["language"].initial = initial_language
        self.sector_sets = {sector.slug: sector for sector in sector_sets}
        self.fields["questions"].choices += [
            (
                f"{SECTOR_SET}{sector.slug}",
                _("%(sector)s: the questions chosen for this sector") % {"sector": sector.name},
            )
            for sector in sector_sets
        ]

    @property
    def only(self) -> list[str] | None:
        """The signs of the sector set chosen, or None for every question (once valid)."""
        chosen = self.cleaned_data["questions"]
        if chosen.startswith(SECTOR_SET):
            return self.sector_sets[chosen.removeprefix(SECTOR_SET)].signs
        return None

    @classmethod
    def for_screening(cls, screening: Screening, data=None) -> HandOverForm | None:
        """The form for a draft's step or details page; None when no language has the texts."""
        languages = languages_with(SELF_OPENING)
        if not languages or not screening.is_editable:
            return None
        return cls(
            data,
            languages=languages,
            initial_language=screening.client_language,
            sector_sets=list(SectorQuestionSet.objects.filter(active=True)),
        )


class HandBackForm(forms.Form):
    """One field: the caseworker's password, or their hand-back PIN while it still works."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to take the device back.")},
    )

    def __init__(self, *args, pin: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.pin = pin
        if pin:
            field = self.fields["password"]
            field.label = _("Your password or PIN")
            field.error_messages["required"] = _(
                "Enter your password or PIN to take the device back."
            )

    def password_only(self) -> None:
        """After the last wrong PIN allowed: the field asks for the password alone."""
        self.pin = False
        self.fields["password"].label = self["password"].label = _("Your password")
