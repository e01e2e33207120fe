"""/readyz/ asks the database on every call; /healthz/ never does."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_is_ready_when_the_database_answers(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_it_is_not_ready_while_the_database_fails_and_is_again_once_it_answers(client, monkeypatch):
    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    assert client.get("/readyz/").status_code == 503
    monkeypatch.undo()
    assert client.get("/readyz/").status_code == 200


def test_it_answers_alive_without_the_database(client, monkeypatch):
    monkeypatch.setattr(connection, "cursor", lambda: pytest.fail("touched the database"))
    assert client.get("/healthz/").status_code == 200
