"""Rapport first (issue 25, item 8): within the work step, the daily routine comes first, then
pay, rest and living place, and commercial sex last; a screening started before keeps the order
it recorded."""

from __future__ import annotations

import json

from screening.catalogue import Catalogue, current_catalogue
from tests.factories import make_screening


def _work_step(catalogue: Catalogue) -> list[str]:
    group = next(g for g in catalogue.groups if g.slug == "work-and-living-conditions")
    return [indicator.slug for indicator in group.indicators]


def test_it_asks_about_the_daily_routine_and_pay_before_rest_and_commercial_sex_last(catalogue):
    slugs = _work_step(current_catalogue())
    assert slugs[:2] == ["not-free-to-leave", "unpaid-or-underpaid"]
    assert slugs.index("unpaid-or-underpaid") < slugs.index("excessive-hours")
    assert slugs[-2:] == ["commercial-sex-with-pimp", "under-18-commercial-sex"]


def test_it_keeps_the_order_an_old_screening_recorded(catalogue, alice):
    data = current_catalogue().to_data()
    work = next(g for g in data["groups"] if g["slug"] == "work-and-living-conditions")
    work["indicators"].reverse()  # an order the catalogue had before
    old = Catalogue.from_data(json.loads(json.dumps(data)))
    assert _work_step(old)[0] == "under-18-commercial-sex"
    assert _work_step(make_screening(alice).snapshot.catalogue)[0] == "not-free-to-leave"
