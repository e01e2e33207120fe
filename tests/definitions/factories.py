"""Reference rows for tests that need more data than the fixtures ship."""

from __future__ import annotations

import itertools

from definitions.models import ForcedLabourIndicator, Indicator, IndicatorGroup, PalermoElement

_counter = itertools.count(1)


def make_group(**fields) -> IndicatorGroup:
    number = next(_counter)
    fields.setdefault("slug", f"test-group-{number}")
    fields.setdefault("title", f"Test group {number}")
    fields.setdefault("order", 100 + number)
    return IndicatorGroup.objects.create(**fields)


def make_indicator(group: IndicatorGroup | None = None, **fields) -> Indicator:
    """An indicator linked to every Palermo element and two ILO indicators, like real rows."""
    number = next(_counter)
    fields.setdefault("slug", f"test-sign-{number}")
    fields.setdefault("wording", f"Test sign number {number}")
    fields.setdefault("explanation", "How this test sign can show.")
    fields.setdefault("questions", "A first gentle question?\nA second one?")
    fields.setdefault("order", 100 + number)
    indicator = Indicator.objects.create(group=group or make_group(), **fields)
    indicator.elements.set(PalermoElement.objects.all())
    indicator.ilo_indicators.set(ForcedLabourIndicator.objects.all()[:2])
    return indicator
