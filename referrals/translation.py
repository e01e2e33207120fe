"""Which text of a referral contact has a column per language (django-modeltranslation).

What a reader sees: the name, when to contact and how to refer. English is required; reading
`name` gives the active language's text, or the English where there is none.
"""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from referrals.models import ReferralContact


@register(ReferralContact)
class ReferralContactText(TranslationOptions):
    fields = ("name", "when_to_contact", "how_to_refer")
    required_languages = ("en",)
