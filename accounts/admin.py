"""The user admin, with an action to reset someone's second factor (audited by the screening
app, which listens for `second_factor_reset`)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.second_factor import reset_second_factor

User = get_user_model()


class AccountAdmin(UserAdmin):
    actions = ["reset_second_factor"]

    # Only for those who may change users (a view-only account may not), and a superuser's only
    # by another superuser: a reset, then a password guessed or phished, is a way into the site.
    @admin.action(
        description=_("Reset the second factor (they enrol again at next sign-in)"),
        permissions=["change"],
    )
    def reset_second_factor(self, request, queryset) -> None:
        if not request.user.is_superuser and queryset.filter(is_superuser=True).exists():
            messages.error(
                request,
                _(
                    "Only a superuser can reset the second factor of a superuser. Nothing was "
                    "reset."
                ),
            )
            return
        for user in queryset:
            reset_second_factor(user=user, by=request.user)
        count = len(queryset)
        messages.success(
            request,
            ngettext(
                "The second factor of %(count)d account was reset.",
                "The second factors of %(count)d accounts were reset.",
                count,
            )
            % {"count": count},
        )


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
