from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from config import health
from definitions import views as definitions_views

urlpatterns = [
    path("", definitions_views.home, name="home"),
    path("", include("definitions.urls")),
    path("referrals/", include("referrals.urls")),
    path("screenings/", include("screening.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
]

# A busy or absent database answers 503, anything else 500; neither needs the database.
handler500 = "config.errors.server_error"
