from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from accounts.models import PIN, Profile, is_trivial_pin
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


class HandBackPinForm(forms.Form):
    """Set, change or remove the short PIN that takes a handed-over device back.

    Your current password first, as for changing the password: a PIN opens the device as the
    password does. Blank PIN fields with "Remove" take the PIN away.
    """

    current_password = forms.CharField(
        label=gettext_lazy("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    pin = forms.CharField(
        label=gettext_lazy("New PIN"),
        help_text=gettext_lazy(
            "4 to 8 digits. Not one digit repeated, and not a run such as 1234 or 4321."
        ),
        required=False,
        strip=False,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "new-password", "maxlength": 8}
        ),
    )
    pin_again = forms.CharField(
        label=gettext_lazy("The new PIN again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "new-password", "maxlength": 8}
        ),
    )

    def __init__(self, *args, user, removing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.removing = user, removing

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext_lazy("That is not your current password."))
        return password

    def clean_pin(self) -> str:
        pin = self.cleaned_data["pin"]
        if self.removing:
            return ""
        if not pin:
            raise forms.ValidationError(gettext_lazy("Enter a PIN of 4 to 8 digits."))
        if not PIN.match(pin):
            raise forms.ValidationError(gettext_lazy("A PIN has 4 to 8 digits and nothing else."))
        if is_trivial_pin(pin):
            raise forms.ValidationError(
                gettext_lazy("That PIN is too easy to guess. Avoid repeats and runs like 1234.")
            )
        return pin

    def clean(self):
        data = super().clean()
        if not self.removing and data.get("pin") and data["pin"] != data.get("pin_again"):
            self.add_error("pin_again", gettext_lazy("The two PINs are not the same."))
        return data
