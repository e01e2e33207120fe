"""Logs never contain notes, answers or case references, on success or on error paths."""

from __future__ import annotations

import logging

from django.urls import reverse

from tests.factories import sign_in, start_data, step_data

SECRETS = ["HK-LOG-SECRET", "NOTE-SECRET", "STEP-SECRET"]


def test_it_keeps_sensitive_text_out_of_every_log(client, alice, bob, sam, catalogue, caplog):
    caplog.set_level(logging.DEBUG)
    sign_in(client, alice)
    client.post(reverse("screening:start"), start_data(case_reference="HK-LOG-SECRET"))
    from screening.models import Screening

    screening = Screening.objects.get()
    data = step_data(screening, 2, "yes", step_notes="STEP-SECRET")
    for key in list(data):
        if key.startswith("note-"):
            data[key] = "NOTE-SECRET"
    client.post(screening.step_url(2), data)
    client.post(screening.step_url(2), data)  # stale: a conflict
    bad = dict(data, version="x", step_notes="STEP-SECRET" * 1000)
    client.post(screening.step_url(2), bad)  # rejected input
    client.get(reverse("screening:summary", args=[screening.pk]))
    client.get(reverse("screening:pdf", args=[screening.pk]))
    client.post(reverse("screening:list"), {"q": "HK-LOG-SECRET"})
    client.get(reverse("screening:list"))
    sign_in(client, bob)
    client.get(reverse("screening:summary", args=[screening.pk]))  # 404
    client.post(reverse("screening:review", args=[screening.pk]), {"comment": "NOTE-SECRET"})  # 403
    client.logout()
    client.post(reverse("accounts:login"), {"username": "alice", "password": "NOTE-SECRET"})

    assert caplog.records, "the flow should have logged something (e.g. 403/404 warnings)"
    for secret in SECRETS:
        assert secret not in caplog.text
