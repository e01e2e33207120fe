from django.urls import path

from definitions import views

app_name = "definitions"

urlpatterns = [
    path("definitions/", views.definitions, name="definitions"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<slug:slug>/", views.indicator, name="indicator"),
]
