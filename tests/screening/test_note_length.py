"""A note's length is counted the same on the server as on the page (static/js/character-count.js):
a line break is one character however the browser sent it, an emoji is one (issue 26, item 4)."""

from __future__ import annotations

import pytest

from screening.forms import NOTE_MAX, STEP_NOTES_MAX, StepForm
from tests.factories import sign_in, step_data


def _step_form(screening, **fields) -> StepForm:
    data = step_data(screening, 2, "yes", **fields)
    return StepForm.for_screening(screening, screening.group_for_step(2), data)


@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r"])
def test_it_counts_a_line_break_as_one_character(alices_screening, line_break):
    lines = ["x" * 49] * 100  # 100 lines of 49, and 99 line breaks: 4,999 characters
    form = _step_form(alices_screening, step_notes=line_break.join(lines) + "y")
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["step_notes"]) == STEP_NOTES_MAX
    assert "\r" not in form.cleaned_data["step_notes"]


def test_it_refuses_step_notes_one_character_over(alices_screening):
    notes = "\r\n".join(["x" * 49] * 100) + "yz"
    form = _step_form(alices_screening, step_notes=notes)
    assert not form.is_valid()
    assert "(they have 5001)" in form.errors["step_notes"][0]


def test_it_counts_an_emoji_as_one_character(alices_screening):
    first = alices_screening.group_for_step(2).indicators[0].slug
    form = _step_form(alices_screening, **{f"note-{first}": "😀" * NOTE_MAX})
    assert form.is_valid(), form.errors


def test_it_refuses_a_pasted_sign_note_over_the_limit_and_says_how_long_it_is(
    client, alice, alices_screening
):
    sign_in(client, alice)
    first = alices_screening.group_for_step(2).indicators[0].slug
    data = step_data(alices_screening, 2, "yes", **{f"note-{first}": "p" * 612})
    response = client.post(alices_screening.step_url(2), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Shorten this note to 500 characters or fewer (it has 612)" in page
    assert "p" * 612 in page  # given back whole, to shorten
