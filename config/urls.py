from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import health
from definitions import views as definitions_views
from screening import two_factor

urlpatterns = [
    path("", definitions_views.home, name="home"),
    path("", include("definitions.urls")),
    path("referrals/", include("referrals.urls")),
    path("screenings/", include("screening.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/two-factor/", two_factor.two_factor, name="two_factor"),
    path("admin/", admin.site.urls),
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
]
