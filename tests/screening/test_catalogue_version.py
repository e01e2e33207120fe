"""A screening keeps the catalogue it was started with, whatever the admin edits later."""

from __future__ import annotations

from definitions.models import Indicator
from tests.factories import sign_in


def test_it_records_the_catalogue_version(alices_screening):
    assert len(alices_screening.catalogue_version) == 12
    assert len(alices_screening.indicators) == 24


def test_it_keeps_old_wording_after_an_admin_edit(client, alice, alices_screening, catalogue):
    indicator = Indicator.objects.order_by("group__order", "order").first()
    old_wording = indicator.wording
    indicator.wording = "Edited in the admin later"
    indicator.save()

    sign_in(client, alice)
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert old_wording.replace("'", "&#x27;") in page or old_wording in page
    assert "Edited in the admin later" not in page

    from tests.factories import make_screening

    newer = make_screening(alice)
    assert newer.catalogue_version != alices_screening.catalogue_version
    assert newer.indicators[0].wording == "Edited in the admin later"
