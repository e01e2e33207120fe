from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from lib import page_cache
        from referrals.models import ReferralContact

        # The contacts page is a cached public page too, and pages keep the footer's contacts
        # per edition (referrals/templatetags/referral_contacts.py).
        page_cache.watch(ReferralContact)
