"""The forms of the access and correction request register (PDPO Cap. 486, Part V)."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.models import DataAccessRequest, Screening


class DataRequestForm(forms.ModelForm):
    """A request as it arrives: its kind, when, and the case references it asks about."""

    class Meta:
        model = DataAccessRequest
        fields = ["kind", "received_on", "case_references", "note"]
        widgets = {
            "kind": forms.RadioSelect,
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "case_references": forms.TextInput(attrs={"autocomplete": "off"}),
            "note": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "received_on": _("The reply is due 40 days after this day."),
            "case_references": _(
                "Exactly as the caseworker recorded it; several separated by commas."
            ),
            "note": _("How it came, who asked. No name, nothing the person said."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DataAccessRequest.Kind.choices  # no blank radio

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The day it was received cannot be in the future."))
        return received_on

    def clean_case_references(self) -> str:
        return ", ".join(self.references(self.cleaned_data["case_references"]))

    @staticmethod
    def references(text: str) -> list[str]:
        """The references typed, in order, each once."""
        parts = (part.strip() for part in re.split(r"[,\n]+", text))
        return list(dict.fromkeys(part for part in parts if part))

    def found(self) -> list[Screening]:
        """The screenings with one of these references, exactly. Erased ones have none left."""
        typed = self.references(self.cleaned_data["case_references"])
        return list(
            Screening.objects.filter(case_reference__in=typed, erased_at__isnull=True)
            .select_related("created_by")
            .order_by("case_reference", "screened_on")
        )


class AnswerRequestForm(forms.Form):
    """Close a request: answered, or refused with the reason the requestor is given."""

    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (
                DataAccessRequest.Status.ANSWERED,
                _("Answered: the copy or the correction was given"),
            ),
            (DataAccessRequest.Status.REFUSED, _("Refused")),
        ],
        widget=forms.RadioSelect,
    )
    answered_on = forms.DateField(
        label=_("Answered on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    refusal_reason = forms.CharField(
        label=_("Reason for refusing"),
        help_text=_("Required when refused. No name, nothing the person said."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        refused = cleaned.get("status") == DataAccessRequest.Status.REFUSED
        if refused and not cleaned.get("refusal_reason", "").strip():
            self.add_error("refusal_reason", _("Say why it is refused: the requestor is told."))
        return cleaned


class CorrectionForm(forms.Form):
    """A correction note added to one covered screening; the recorded answers stay as they are."""

    screening = forms.ModelChoiceField(label=_("Screening"), queryset=Screening.objects.none())
    text = forms.CharField(
        label=_("The correction"),
        help_text=_(
            "What the person says is inaccurate and what is correct. It is added to the "
            "screening as a note, kept encrypted; no answer is changed."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, request: DataAccessRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["screening"]
        field.queryset = request.screenings.filter(erased_at__isnull=True)
        field.label_from_instance = lambda screening: (
            f"{screening.case_reference} · {screening.screened_on:%Y-%m-%d}"
        )
