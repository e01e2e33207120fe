"""`{% safety_contacts as safety %}`: whom the footer, the home page, the card and the step pages'
danger banner name (`safety.emergency_phone`, `safety.write_to`).

A template tag rather than a context processor, for two reasons. Documents are rendered with
`render_to_string`, often with no request (the summary PDF, anything a command renders), where
context processors do not run but a tag does. And only the templates that name a contact load it,
so pages that name none (the admin's, for one) never look contacts up.

The contacts are read once per content edition in each process (`lib.page_cache.
cached_per_edition`): saving or deleting a contact in the admin starts a new edition, and the next
request on any server names the new contacts, on public and signed-in pages alike. They are cached
per language, since a contact's name and how to refer to it are read in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.translation import get_language

from lib.page_cache import cached_per_edition
from referrals import rules
from referrals.models import ReferralContact

register = template.Library()


@dataclass(frozen=True)
class SafetyContacts:
    """The active emergency and referral contacts, in their admin order."""

    emergency: tuple[rules.ContactFacts, ...]
    referral: tuple[rules.ContactFacts, ...]

    @property
    def emergency_phone(self) -> str:
        return rules.emergency_number(self.emergency)

    @property
    def write_to(self) -> rules.ContactFacts | None:
        """Where to write when it is not an emergency: the first referral contact with an e-mail."""
        return next((contact for contact in self.referral if contact.email), None)


def _read() -> SafetyContacts:
    contacts = ReferralContact.objects.active_facts()
    return SafetyContacts(
        emergency=tuple(c for c in contacts if c.kind == ReferralContact.Kind.EMERGENCY),
        referral=tuple(c for c in contacts if c.kind == ReferralContact.Kind.REFERRAL),
    )


@register.simple_tag
def safety_contacts() -> SafetyContacts:
    # Per language: a contact's name and how to refer it are read in the active language.
    name = f"safety-contacts:{get_language()}"
    return cached_per_edition(name, _read)
