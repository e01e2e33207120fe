"""Chart labels are whole, wrapped over lines, so two signs never read the same (issue 26,
item 11)."""

from __future__ import annotations

import re

import pytest

from lib.charts import LABEL_UNITS, bar_chart, label_lines


@pytest.mark.parametrize(
    "label",
    [
        "Is not in control of their own identity documents",
        "Is not in control of their own money or bank card",
        "無法自行保管身份證明文件或護照，由僱主或中介代為保管",
        "Averyveryverylongwordwithoutanyspaceatallthatgoesonandon",
        "Short",
    ],
)
def test_it_keeps_every_character_of_a_label_over_lines_that_fit(label):
    lines = label_lines(label)
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", label)
    wide = re.compile(r"[\u2e80-\ua4cf\uff00-\uff60]")
    assert all(sum(2 if wide.match(c) else 1 for c in line) <= LABEL_UNITS for line in lines)


def test_two_labels_that_begin_alike_read_differently_in_the_chart():
    svg = str(
        bar_chart(
            [
                ("Is not in control of their own identity documents", 12),
                ("Is not in control of their own money or bank card", 20),
            ],
            title="Signs",
            chart_id="signs",
            hidden_label="<11",
        )
    )
    assert "…" not in svg
    assert "documents" in svg and "bank card" in svg
    assert 'viewBox="0 0 480 ' in svg
