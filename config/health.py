"""Liveness and readiness probes for a load balancer."""

from __future__ import annotations

import logging

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers; touches no database."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """The process can read its database now.

    Asked afresh on every call: a connection kept from an earlier request is checked first
    (CONN_HEALTH_CHECKS) and replaced if the server has dropped it, and the query reads a table,
    so an SQLite file that has gone or a schema that is missing count as not ready, too. After a
    failure the connection is closed, so the next call starts from a new one.
    """
    try:
        # Django's own table of applied migrations, read through the ORM.
        MigrationRecorder(connection).migration_qs.exists()
    except Exception as error:  # any database failure means "not ready"
        logger.warning("Not ready: the database answered %s", type(error).__name__)
        connection.close()
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
