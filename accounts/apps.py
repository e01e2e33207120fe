from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.sessions import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="accounts.stamp_sign_in")
