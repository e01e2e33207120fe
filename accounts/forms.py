from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from accounts.models import Profile
from accounts.second_factor import BACKUP_CODE, normalise


class TokenForm(forms.Form):
    """A code from the authenticator app, or, when the phone is lost, a backup code."""

    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        max_length=6,
        required=False,
        error_messages={"invalid": gettext_lazy("Enter the six digits shown in the app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": r"\d{6}"}
        ),
    )
    backup_code = forms.CharField(
        label=gettext_lazy("Or a backup code"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("If you do not have your phone: one of the ten codes you saved."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_backup_code(self) -> str:
        code = normalise(self.cleaned_data["backup_code"])
        if code and not BACKUP_CODE.match(code):
            raise forms.ValidationError(gettext_lazy("A backup code has eight letters and digits."))
        return code

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("token") and not data.get("backup_code"):
            self.add_error("token", gettext_lazy("Enter the six digits shown in the app."))
        return data


class ProfileForm(forms.ModelForm):
    """What a referral document says about the person who screened, and their language."""

    class Meta:
        model = Profile
        fields = ["full_name", "job_title", "work_phone", "language"]
        help_texts = {
            "full_name": gettext_lazy("As a referral partner should address you."),
            "work_phone": gettext_lazy(
                "A work number a partner can call back. Never a personal one."
            ),
            "language": gettext_lazy("Applied each time you sign in."),
        }
        widgets = {"work_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}
