from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_roles(sender, using: str = "default", **kwargs) -> None:
    """Create the role groups with their permissions; safe to run again.

    The one place the groups are made (migration 0002_roles is a no-op). Runs after every
    `migrate` and after every flush (`manage.py flush`, and tests that flush the database), so
    the groups always exist.
    """
    from django.contrib.auth.models import Group, Permission

    from screening.roles import ROLE_PERMISSIONS

    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
        group.permissions.add(*permissions)


def record_second_factor_reset(sender, user, by, **kwargs) -> None:
    """An administrator reset someone's second factor: the audit trail keeps who and whose."""
    from screening.models import AuditEvent

    AuditEvent.record(
        None, by, AuditEvent.Action.SECOND_FACTOR_RESET, f"for {user.get_username()}"[:200]
    )


def forget_held_typing(sender, request, **kwargs) -> None:
    """Sign-out and quick exit (both call `logout`): what this browser held goes too."""
    from screening.held import forget_browser

    if request is not None:
        forget_browser(request)


def organisation_named(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: every summary and referral document names the organisation that
    referred; without ORGANISATION_NAME they say "the referring organisation"."""
    from django.conf import settings

    if settings.ORGANISATION_NAME.strip():
        return []
    return [
        checks.Warning(
            "ORGANISATION_NAME is empty: summaries and referral documents will say "
            "'the referring organisation' instead of naming yours.",
            hint="Set ORGANISATION_NAME in the environment (see .env.example).",
            id="screening.W001",
        )
    ]


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = _("Screenings")

    def ready(self) -> None:
        # After contenttypes and auth have created the permissions (they are earlier apps).
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="screening.ensure_roles")
        checks.register(organisation_named, checks.Tags.compatibility, deploy=True)

        from django.contrib.auth.signals import user_logged_out

        from accounts.second_factor import second_factor_reset

        user_logged_out.connect(forget_held_typing, dispatch_uid="screening.forget_held_typing")

        second_factor_reset.connect(
            record_second_factor_reset, dispatch_uid="screening.record_second_factor_reset"
        )
