from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What a person chose for themselves: for now, the language of the interface.

    Applied when they sign in, on whatever device they use; blank follows the browser.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        verbose_name = _("profile")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def language_of(cls, user) -> str:
        """The language `user` chose, or "" when they chose none."""
        return cls.objects.filter(user=user).values_list("language", flat=True).first() or ""

    @classmethod
    def remember_language(cls, user, language: str) -> None:
        cls.objects.update_or_create(user=user, defaults={"language": language})
