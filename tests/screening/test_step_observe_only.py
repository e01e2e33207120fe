"""Signs to observe, not to ask about (issue 25, item 8): how the person looks or behaves."""

from __future__ import annotations

import json

from definitions.models import Indicator
from screening.catalogue import Catalogue, current_catalogue
from tests.factories import make_screening, sign_in


def _step_of(screening, slug: str) -> int:
    return next(
        number
        for number in range(2, screening.total_steps + 1)
        if (group := screening.group_for_step(number))
        and slug in [indicator.slug for indicator in group.indicators]
    )


def test_it_marks_avoiding_eye_contact_as_observe_dont_ask_on_its_step(client, alice, catalogue):
    screening = make_screening(alice)
    sign_in(client, alice)
    page = client.get(screening.step_url(_step_of(screening, "avoids-eye-contact"))).content
    page = page.decode()
    eye_contact = page.index(Indicator.objects.get(slug="avoids-eye-contact").wording)
    assert "Observe, don't ask." in page[eye_contact : eye_contact + 1500]


def test_it_does_not_mark_a_sign_it_asks_about(client, alice, catalogue):
    screening = make_screening(alice)
    sign_in(client, alice)
    step = _step_of(screening, "not-free-to-leave")
    asked = all(not i.observe for i in screening.group_for_step(step).indicators)
    page = client.get(screening.step_url(step)).content.decode()
    assert asked and "Observe, don" not in page


def test_it_freezes_which_signs_are_observed_only(catalogue):
    observed = {i.slug for i in current_catalogue().indicators if i.observe}
    assert {"avoids-eye-contact", "appears-malnourished", "signs-of-abuse"} <= observed
    assert "no-control-of-id-documents" not in observed


def test_it_still_reads_a_snapshot_stored_before_observe_only(catalogue):
    data = current_catalogue().to_data()
    for group in data["groups"]:
        for indicator in group["indicators"]:
            indicator.pop("observe", None)
    old = json.dumps(data, sort_keys=True, ensure_ascii=False)
    parsed = Catalogue.from_data(json.loads(old))
    assert not any(indicator.observe for indicator in parsed.indicators)
    assert parsed.canonical_json == old  # written back, it keeps its digest


def test_it_says_observe_dont_ask_on_the_reference_page_of_the_sign(client, catalogue):
    observed = Indicator.objects.get(slug="appears-malnourished")
    asked = Indicator.objects.get(slug="large-debt")
    assert "Observe, don't ask" in client.get(observed.get_absolute_url()).content.decode()
    assert "Observe, don" not in client.get(asked.get_absolute_url()).content.decode()
