"""Questions that do not presuppose an answer (issue 25, item 8): "Where is your bank card kept?",
not "Who keeps your bank card?", in the reference and in the texts for the person."""

from __future__ import annotations

import json
import re

from django.conf import settings

# An English question that opens on "Who" takes for granted that someone else does it.
PRESUPPOSING = re.compile(r"(^|[.?!]\s+)Who (keeps|decides|arranged|receives|sets)\b")


def _rows(name: str) -> list[dict]:
    return json.loads((settings.BASE_DIR / "fixtures" / name).read_text(encoding="utf-8"))


def test_it_asks_where_the_bank_card_is_kept_not_who_keeps_it():
    shipped = {(row["key"], row["language"]): row["text"] for row in _rows("client_texts.json")}
    assert shipped["question.no-control-of-money.1", "en"] == (
        "Where are your bank card and your money kept?"
    )
    assert shipped["question.no-control-of-money.1", "zh-hant"] == "你的銀行卡和錢放在哪裏？"


def test_it_ships_no_english_question_for_the_person_that_asks_who_controls_them():
    presupposing = [
        row["text"]
        for row in _rows("client_texts.json")
        if row["language"] == "en"
        and row["key"].startswith("question.")
        and PRESUPPOSING.search(row["text"])
    ]
    assert presupposing == []


def test_it_ships_no_suggested_question_in_the_reference_that_asks_who_controls_the_person():
    presupposing = [
        line
        for row in _rows("reference.json")
        if row["model"] == "definitions.indicator"
        for line in row["fields"]["questions_en"].splitlines()
        if PRESUPPOSING.search(line)
    ]
    assert presupposing == []


def test_it_ships_no_chinese_question_that_asks_who_keeps_or_decides():
    chinese = [row["text"] for row in _rows("client_texts.json") if row["language"] == "zh-hant"]
    chinese += [
        line
        for row in _rows("reference.json")
        if row["model"] == "definitions.indicator"
        for line in row["fields"]["questions_zh_hant"].splitlines()
    ]
    assert [text for text in chinese if re.search("由誰|是誰(定|安排|決定)|誰保管", text)] == []
