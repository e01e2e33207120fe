"""The audit trail: who created, viewed, edited and completed a screening; never its contents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from screening.models import AuditEvent
from tests.factories import sign_in, step_data


def test_it_records_views_and_edits_without_contents(client, alice, alices_screening):
    sign_in(client, alice)
    data = step_data(alices_screening, 2)
    data["step_notes"] = "SECRET-NOTE-TEXT"
    client.post(alices_screening.step_url(2), data)
    client.get(reverse("screening:summary", args=[alices_screening.pk]))
    events = AuditEvent.objects.filter(screening_id=alices_screening.pk)
    assert [event.action for event in events] == ["created", "edited", "viewed"]
    assert all(event.user == alice for event in events)
    for event in events:
        assert "SECRET" not in event.detail
        assert alices_screening.case_reference not in event.detail


def test_it_is_append_only(alices_screening):
    event = AuditEvent.objects.get(screening_id=alices_screening.pk)
    event.detail = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_it_refuses_bulk_update_and_delete(alices_screening):
    events = AuditEvent.objects.filter(screening_id=alices_screening.pk)
    with pytest.raises(ValueError):
        events.update(detail="changed")
    with pytest.raises(ValueError):
        events.delete()
    event = events.get()
    event.detail = "changed"
    with pytest.raises(ValueError):
        AuditEvent.objects.bulk_update([event], ["detail"])
    assert events.get().detail == ""


def test_it_keeps_the_username_when_the_account_is_deleted(catalogue):
    from django.contrib.auth import get_user_model

    from screening import roles
    from tests.factories import make_user

    carol = make_user("carol", roles.CASEWORKER)
    AuditEvent.record(None, carol, AuditEvent.Action.EXPORTED, "test")
    get_user_model().objects.filter(pk=carol.pk).delete()
    event = AuditEvent.objects.get(action="exported")
    assert event.username == "carol"


def test_it_records_opening_the_details_and_a_step(client, alice, alices_screening):
    sign_in(client, alice)
    client.get(reverse("screening:details", args=[alices_screening.pk]))
    client.get(alices_screening.step_url(2))
    details = [
        event.detail
        for event in AuditEvent.objects.filter(screening_id=alices_screening.pk, action="viewed")
    ]
    assert details == ["details", f"step {alices_screening.groups[0].slug}"]


def test_it_records_a_refused_attempt_without_case_data(client, bob, val, alices_screening):
    sign_in(client, bob)
    assert client.get(alices_screening.step_url(2)).status_code == 404
    sign_in(client, val)
    assert client.get(reverse("screening:summary", args=[alices_screening.pk])).status_code == 403
    refused = AuditEvent.objects.filter(action="denied")
    assert [(e.username, e.screening_id, e.detail) for e in refused] == [
        ("bob", alices_screening.pk, "404 step"),
        ("val", alices_screening.pk, "403 summary"),
    ]


def test_it_records_an_attempt_at_a_screening_that_does_not_exist(client, bob, catalogue):
    import uuid

    sign_in(client, bob)
    assert client.get(reverse("screening:summary", args=[uuid.uuid4()])).status_code == 404
    assert AuditEvent.objects.get(action="denied").screening_id is None


def test_the_database_refuses_a_raw_update_on_postgresql(alices_screening):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; SQLite relies on the model and queryset")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE screening_auditevent SET detail = 'changed'")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM screening_auditevent")
    assert AuditEvent.objects.filter(screening_id=alices_screening.pk).count() == 1


def test_the_database_allows_only_emptying_a_detail_on_postgresql(alices_screening):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; SQLite relies on the model and queryset")
    AuditEvent.record(alices_screening, None, AuditEvent.Action.EDITED, "danger raised (details)")
    for statement in (
        "UPDATE screening_auditevent SET detail = '', action = 'viewed'",
        "UPDATE screening_auditevent SET detail = '', username = 'someone'",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEvent.objects.filter(screening_id=alices_screening.pk).clear_details() == 1
    assert set(AuditEvent.objects.values_list("detail", "action")) == {
        ("", "created"),
        ("", "edited"),
    }
