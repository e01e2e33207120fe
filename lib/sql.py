"""Names for SQL written by hand: a model's table and columns, quoted for the database.

The few reads every page makes are fixed statements rather than queries the ORM builds afresh on
each request (README, "Speed"). Their table and column names come from the models here, never
from input, so a renamed table or column is followed.
"""

from __future__ import annotations

from django.db import connection as default_connection
from django.db import models


def quoted(model: type[models.Model], *fields: str, connection=None) -> tuple[str, ...]:
    """The model's table, then the column of each of `fields`, quoted for `connection` (the
    default database unless given)."""
    quote = (connection or default_connection).ops.quote_name
    meta = model._meta
    return (quote(meta.db_table), *(quote(meta.get_field(name).column) for name in fields))
