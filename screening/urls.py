from django.urls import path

from screening import (
    data_request_views,
    hand_over_views,
    retention_views,
    supervisor_views,
    views,
)

app_name = "screening"

urlpatterns = [
    path("", views.screening_list, name="list"),
    path("new/", views.start, name="start"),
    path("statistics/", supervisor_views.statistics_page, name="statistics"),
    path("statistics.csv", supervisor_views.statistics_csv, name="statistics_csv"),
    path("export.csv", supervisor_views.export_csv, name="export"),
    path("audit/", supervisor_views.audit_trail, name="audit"),
    path("audit.csv", supervisor_views.audit_csv, name="audit_csv"),
    path("retention/", retention_views.retention_page, name="retention"),
    path("requests/", data_request_views.register, name="data_requests"),
    path("requests/new/", data_request_views.new_request, name="data_request_new"),
    path("requests/<uuid:request_id>/", data_request_views.data_request, name="data_request"),
    path(
        "requests/<uuid:request_id>/answer/",
        data_request_views.answer_request,
        name="data_request_answer",
    ),
    path(
        "requests/<uuid:request_id>/correct/",
        data_request_views.correct,
        name="data_request_correct",
    ),
    path("requests/<uuid:request_id>/copy.pdf", data_request_views.copy_pdf, name="data_copy_pdf"),
    path(
        "requests/<uuid:request_id>/copy.json", data_request_views.copy_json, name="data_copy_json"
    ),
    path("<uuid:screening_id>/", views.resume, name="resume"),
    path("<uuid:screening_id>/details/", views.details, name="details"),
    path("<uuid:screening_id>/step/<int:number>/", views.step, name="step"),
    path(
        "<uuid:screening_id>/step/<int:number>/show/",
        views.show_to_person,
        name="show_to_person",
    ),
    path("<uuid:screening_id>/danger/", views.danger, name="danger"),
    path("<uuid:screening_id>/complete/", views.complete, name="complete"),
    path("<uuid:screening_id>/summary/", views.summary, name="summary"),
    path("<uuid:screening_id>/summary.pdf", views.summary_pdf, name="pdf"),
    path("<uuid:screening_id>/review/", views.review, name="review"),
    path("<uuid:screening_id>/reopen/", views.reopen, name="reopen"),
    path("<uuid:screening_id>/referral/", views.referral, name="referral"),
    path("<uuid:screening_id>/hand-over/", hand_over_views.hand_over, name="hand_over"),
    path("<uuid:screening_id>/self/", hand_over_views.self_answer, name="self_answer"),
    path("<uuid:screening_id>/hand-back/", hand_over_views.hand_back, name="hand_back"),
    path("recordings/<int:pk>/", hand_over_views.recording, name="recording"),
    path("<uuid:screening_id>/legal-hold/", retention_views.legal_hold, name="legal_hold"),
    path("<uuid:screening_id>/erase/", retention_views.erase_on_request, name="erase"),
]
