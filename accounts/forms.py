from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from accounts.models import Profile


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": gettext_lazy("Enter the six digits shown in the app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": r"\d{6}"}
        ),
    )


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
