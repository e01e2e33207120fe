"""Long hours (issue 25, item 6): Hong Kong law sets no general maximum of working hours, so
the reference never says hours go beyond what "the law allows"; the rest-day rule it does state
is sourced to the Labour Department with the date it was checked."""

from __future__ import annotations

from definitions.models import ForcedLabourIndicator, Indicator


def test_it_does_not_say_the_law_limits_working_hours(catalogue):
    overtime = ForcedLabourIndicator.objects.get(slug="excessive-overtime")
    assert "law" not in overtime.summary_en.lower()
    assert "法律" not in overtime.summary_zh_hant


def test_it_states_the_rest_day_rule_with_its_labour_department_source(catalogue):
    hours = Indicator.objects.get(slug="excessive-hours")
    for text in (hours.explanation_en, hours.explanation_zh_hant):
        assert "www.labour.gov.hk/eng/faq/cap57e_whole.htm" in text
    assert "one rest day in every period of seven days" in hours.explanation_en
    assert "checked 2026-12-04" in hours.explanation_en
    assert "maximum" not in hours.explanation_en.lower()
