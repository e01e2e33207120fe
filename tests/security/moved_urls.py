"""The project's apps mounted at paths they have never had: protections must follow the app."""

from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from definitions import views as definitions_views

urlpatterns = [
    path("", definitions_views.home, name="home"),
    path("", include("definitions.urls")),
    path("referrals/", include("referrals.urls")),
    path("elsewhere/", include("screening.urls")),
    path("sign-in/", include("accounts.urls")),
    path("back-office/", admin.site.urls),
    path("language/", accounts_views.set_language, name="set_language"),
]
