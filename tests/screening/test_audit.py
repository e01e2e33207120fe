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
