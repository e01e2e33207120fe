"""A database from before the Chinese columns keeps its content when it migrates."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models.functions import Substr
from django.utils import translation

from definitions.models import Definition, Indicator
from referrals.models import ReferralContact

BEFORE = [("definitions", "0003_indicator_keywords"), ("referrals", "0001_initial")]


def _migrate_to(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_english_a_database_holds_into_the_english_columns(catalogue):
    # A database from before held citations of at most 300 characters; today's are longer, and
    # PostgreSQL (unlike SQLite) refuses to narrow the column back over them.
    Definition.objects.update(citation_en=Substr("citation_en", 1, 300))
    try:
        _migrate_to(BEFORE)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        # What an administrator had edited before the upgrade, in the one column there was.
        old.get_model("definitions", "Indicator").objects.filter(slug="avoids-eye-contact").update(
            wording="Avoids looking at anyone"
        )
        old.get_model("referrals", "ReferralContact").objects.filter(slug="100storieshk").update(
            how_to_refer="Write to us."
        )
        # Going back copied the English columns into the old ones.
        assert (
            old.get_model("definitions", "Definition")
            .objects.get(slug="palermo-protocol")
            .title.startswith("The Palermo Protocol")
        )
    finally:
        _migrate_to(None)

    indicator = Indicator.objects.get(slug="avoids-eye-contact")
    assert indicator.wording_en == "Avoids looking at anyone"
    assert indicator.wording_zh_hant is None
    with translation.override("zh-hant"):  # no Chinese yet: the English shows
        assert indicator.wording == "Avoids looking at anyone"
        assert ReferralContact.objects.get(slug="100storieshk").how_to_refer == "Write to us."
    assert Definition.objects.get(slug="palermo-protocol").title.startswith("The Palermo")

    # Loading the reference then brings the shipped Chinese, with no duplicates, and keeps
    # what the administrator had written (load_reference keeps a field changed here).
    call_command("load_reference")
    indicator = Indicator.objects.get(slug="avoids-eye-contact")
    assert indicator.wording_en == "Avoids looking at anyone"
    assert indicator.wording_zh_hant == "避免眼神接觸"
    assert Indicator.objects.get(slug="not-free-to-leave").wording_zh_hant
    assert Indicator.objects.count() == 24 and ReferralContact.objects.count() == 8
