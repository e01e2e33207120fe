from django.urls import path

from definitions import views

app_name = "definitions"

urlpatterns = [
    path("definitions/", views.definitions, name="definitions"),
    path("indicators/", views.indicators, name="indicators"),
    # The card comes before the indicator pattern: "card" is also a valid slug.
    path("indicators/card/", views.card, name="card"),
    path("indicators/card.pdf", views.card_pdf, name="card_pdf"),
    path("indicators/<slug:slug>/", views.indicator, name="indicator"),
]
