from django.urls import path

from client_texts import views

app_name = "client_texts"

urlpatterns = [
    # The PDF first: a language code never holds a dot, so "id.pdf" is the PDF of "id".
    path("<str:code>.pdf", views.question_sheet_pdf, name="questions_pdf"),
    path("<str:code>/", views.question_sheet, name="questions"),
]
