from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils.translation import gettext_lazy as _

PIN = re.compile(r"^\d{4,8}$")


def is_trivial_pin(pin: str) -> bool:
    """One digit repeated (0000) or a run up or down (1234, 4321): the first PINs guessed."""
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    return steps <= {0} or steps == {1} or steps == {-1}


class Profile(models.Model):
    """What a person chose for themselves: the language of the interface, the details a referral
    document names, and a short PIN that takes a handed-over device back.

    Applied when they sign in, on whatever device they use; blank follows the browser.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # How a referral document names the person who screened: partners call back a person with a
    # role and a work phone, not a username.
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    job_title = models.CharField(_("role"), max_length=100, blank=True)
    work_phone = models.CharField(_("work phone"), max_length=40, blank=True)
    # Hashed like a password (make_password); blank when none is set. Set on "Your details".
    hand_back_pin = models.CharField(
        _("hand-back PIN (hashed)"), max_length=128, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("profile")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def for_user(cls, user) -> Profile:
        """`user`'s profile, unsaved and empty if they have none yet."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    @classmethod
    def pin_of(cls, user) -> str:
        """The hash of `user`'s hand-back PIN, or "" when they set none."""
        return cls.objects.filter(user=user).values_list("hand_back_pin", flat=True).first() or ""

    @staticmethod
    def pin_matches(pin: str, hashed: str) -> bool:
        return bool(hashed) and check_password(pin, hashed)

    def set_pin(self, pin: str) -> None:
        """Keep `pin` hashed, or remove the PIN when `pin` is empty; saves."""
        self.hand_back_pin = make_password(pin) if pin else ""
        self.save()

    @classmethod
    def language_of(cls, user) -> str:
        """The language `user` chose, or "" when they chose none."""
        return cls.objects.filter(user=user).values_list("language", flat=True).first() or ""

    @classmethod
    def remember_language(cls, user, language: str) -> None:
        cls.objects.update_or_create(user=user, defaults={"language": language})
