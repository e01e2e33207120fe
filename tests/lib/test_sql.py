"""`lib.sql.quoted`: the names hand-written SQL uses come from the model, quoted."""

from __future__ import annotations

from django.db import connection

from lib.sql import quoted
from screening.models import Answer


def test_it_gives_the_table_then_each_fields_column_quoted():
    quote = connection.ops.quote_name
    table, screening, slug = quoted(Answer, "screening", "indicator_slug")
    assert table == quote(Answer._meta.db_table) == quote("screening_answer")
    # A foreign key's column, not its field name.
    assert (screening, slug) == (quote("screening_id"), quote("indicator_slug"))
