from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        # Django's default success_url is the bare name, which does not exist in a namespace.
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/backup-codes/", views.backup_codes, name="backup_codes"),
    path("profile/", views.profile, name="profile"),
    path("profile/pin/", views.hand_back_pin, name="hand_back_pin"),
    path("quick-exit/", views.quick_exit, name="quick_exit"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
]
