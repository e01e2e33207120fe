"""django-axes, with a pause per address beside its pause per account and address.

Axes counts failed sign-ins per username and address (AXES_LOCKOUT_PARAMETERS), which stops
guessing one account's password but not spraying: one common password tried on many usernames
from one address. This handler also pauses an address once it has failed
AXES_ADDRESS_FAILURE_LIMIT times within the cool-off (AXES_COOLOFF_TIME), whatever the usernames,
and shows the same page as the per-account pause. The limit is high because an office signs in
from behind one address: see AXES_ADDRESS_FAILURE_LIMIT in config/settings.py.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


class AddressLimitHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Axes' count for this username and address, or its limit once the address alone has
        failed too often (so axes pauses it, and says so, as it does an account)."""
        failures = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if address is None:
            return failures
        since = timezone.now() - get_cool_off(request)
        from_address = AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=since
        ).aggregate(failures=Sum("failures_since_start"))["failures"]
        if (from_address or 0) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
