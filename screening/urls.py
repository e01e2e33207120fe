from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("", views.screening_list, name="list"),
    path("new/", views.start, name="start"),
    path("<uuid:screening_id>/", views.resume, name="resume"),
    path("<uuid:screening_id>/details/", views.details, name="details"),
    path("<uuid:screening_id>/step/<int:number>/", views.step, name="step"),
    path("<uuid:screening_id>/danger/", views.danger, name="danger"),
    path("<uuid:screening_id>/complete/", views.complete, name="complete"),
    path("<uuid:screening_id>/summary/", views.summary, name="summary"),
    path("<uuid:screening_id>/summary.pdf", views.summary_pdf, name="pdf"),
    path("<uuid:screening_id>/review/", views.review, name="review"),
    path("<uuid:screening_id>/reopen/", views.reopen, name="reopen"),
    path("<uuid:screening_id>/referral/", views.referral, name="referral"),
]
