"""Review, lock and reopen by a supervisor, with every step in the audit trail."""

from __future__ import annotations

from django.urls import reverse

from screening.models import AuditEvent, Screening, SupervisorNote
from tests.factories import make_screening, sign_in


def test_it_locks_a_completed_screening_with_a_comment(client, sam, alice, catalogue):
    screening = make_screening(alice, status="completed")
    sign_in(client, sam)
    response = client.post(
        reverse("screening:review", args=[screening.pk]),
        {"version": screening.version, "comment": "Checked with the caseworker."},
    )
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.status == Screening.Status.REVIEWED
    assert screening.reviewed_by == sam
    assert SupervisorNote.objects.get(screening=screening).text == "Checked with the caseworker."
    assert AuditEvent.objects.filter(screening_id=screening.pk, action="reviewed").exists()


def test_it_refuses_to_lock_a_draft(client, sam, alice, catalogue):
    screening = make_screening(alice)
    sign_in(client, sam)
    client.post(reverse("screening:review", args=[screening.pk]), {"version": screening.version})
    screening.refresh_from_db()
    assert screening.status == Screening.Status.DRAFT


def test_it_requires_a_reason_to_reopen(client, sam, alice, catalogue):
    screening = make_screening(alice, status="reviewed")
    sign_in(client, sam)
    response = client.post(
        reverse("screening:reopen", args=[screening.pk]), {"version": screening.version}
    )
    assert response.status_code == 400
    assert "Say why it is reopened" in response.content.decode()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.REVIEWED


def test_it_reopens_with_a_reason(client, sam, alice, catalogue):
    screening = make_screening(alice, status="reviewed")
    sign_in(client, sam)
    client.post(
        reverse("screening:reopen", args=[screening.pk]),
        {"version": screening.version, "reason": "Age band was wrong."},
    )
    screening.refresh_from_db()
    assert screening.status == Screening.Status.DRAFT
    assert AuditEvent.objects.filter(screening_id=screening.pk, action="reopened").exists()
    sign_in(client, alice)
    assert client.get(screening.step_url(2)).status_code == 200


def test_it_refuses_caseworkers_even_on_their_own_screening(client, alice, catalogue):
    screening = make_screening(alice, status="completed")
    sign_in(client, alice)
    response = client.post(
        reverse("screening:review", args=[screening.pk]), {"version": screening.version}
    )
    assert response.status_code == 403
    screening.refresh_from_db()
    assert screening.status == Screening.Status.COMPLETED


def test_it_shows_the_audit_trail_to_supervisors_only(client, sam, alice, catalogue):
    screening = make_screening(alice)
    sign_in(client, alice)
    assert (
        "Audit trail"
        not in client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    )
    sign_in(client, sam)
    page = client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    assert "Audit trail" in page
    assert "created" in page


def test_it_puts_the_supervisors_actions_above_the_summary(client, sam, alice, catalogue):
    screening = make_screening(alice, status="completed")
    sign_in(client, sam)
    page = client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    review = page.index(reverse("screening:review", args=[screening.pk]))
    reopen = page.index(reverse("screening:reopen", args=[screening.pk]))
    body = page.index('<article class="summary">')
    assert review < body and reopen < body


def test_it_offers_only_reopen_on_a_reviewed_screening(client, sam, alice, catalogue):
    screening = make_screening(alice, status="reviewed")
    sign_in(client, sam)
    page = client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    assert reverse("screening:review", args=[screening.pk]) not in page
    assert page.index(reverse("screening:reopen", args=[screening.pk])) < page.index(
        '<article class="summary">'
    )


def test_it_offers_no_action_on_a_draft(client, sam, alice, catalogue):
    screening = make_screening(alice)
    sign_in(client, sam)
    page = client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    assert reverse("screening:review", args=[screening.pk]) not in page
    assert reverse("screening:reopen", args=[screening.pk]) not in page
    assert "it can be reviewed once the caseworker completes it" in page


def test_it_shows_caseworkers_no_supervisor_actions(client, alice, catalogue):
    screening = make_screening(alice, status="completed")
    sign_in(client, alice)
    page = client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    assert "Supervisor actions" not in page
    assert reverse("screening:review", args=[screening.pk]) not in page
