"""The forms of legal hold and erasure on request (kept apart from the step flow's forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the legal hold"),
        help_text=_(
            "For example the inquiry, proceedings or complaint it is kept for. Kept encrypted "
            "with the screening; the audit trail records only that a hold was placed."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why it must be kept: the hold stops its erasure.")},
    )


class ErasureForm(forms.Form):
    """Why a screening is erased before its time. A choice, not free text: the audit trail
    keeps it, and the trail holds no content."""

    REASONS = {
        "person_asked": _("The person asked for their data to be erased"),
        "consent_withdrawn": _("The person withdrew their consent"),
        "recorded_by_mistake": _("Recorded by mistake (wrong person, duplicate or test)"),
    }

    reason = forms.ChoiceField(
        label=_("Why is it erased now?"),
        choices=list(REASONS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why it is erased: the audit trail records it.")},
    )
    case_reference = forms.CharField(
        label=_("Type the case reference to confirm"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, screening, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.screening = screening

    def clean_case_reference(self) -> str:
        typed = self.cleaned_data["case_reference"].strip()
        if typed != self.screening.case_reference:
            raise forms.ValidationError(
                _("This is not the case reference of this screening: nothing was erased.")
            )
        return typed
