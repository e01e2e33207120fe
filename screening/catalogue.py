"""The indicator catalogue as a screening records it: a frozen copy of the reference content."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Prefetch

from definitions.models import Indicator, IndicatorGroup


def current_catalogue() -> dict:
    """Copy the catalogue into plain data, with a short hash naming this version of it."""
    indicators = Indicator.objects.prefetch_related("elements", "ilo_indicators")
    groups = IndicatorGroup.objects.prefetch_related(Prefetch("indicators", queryset=indicators))
    data = {
        "groups": [
            {
                "slug": group.slug,
                "title": group.title,
                "introduction": group.introduction,
                "indicators": [
                    {
                        "slug": indicator.slug,
                        "wording": indicator.wording,
                        "questions": indicator.question_list,
                        "elements": [element.slug for element in indicator.elements.all()],
                        "ilo": [ilo.slug for ilo in indicator.ilo_indicators.all()],
                        "commercial_sex": indicator.commercial_sex,
                    }
                    for indicator in group.indicators.all()
                ],
            }
            for group in groups
            if group.indicators.all()
        ]
    }
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    data["version"] = hashlib.sha256(encoded).hexdigest()[:12]
    return data
