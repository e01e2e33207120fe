"""The step form loads what is saved and draws its own fields, limits included."""

from __future__ import annotations

import re

from screening import forms
from screening.forms import StepForm
from tests.factories import answer_all, sign_in, step_data


def test_it_fills_the_step_from_what_is_saved(alices_screening, alice):
    answer_all(alices_screening, alice, "not_sure", note="seen at the door")
    group = alices_screening.group_for_step(2)
    form = StepForm.for_screening(alices_screening, group)
    first = group.indicators[0].slug
    assert not form.is_bound
    assert form[f"answer-{first}"].value() == "not_sure"
    assert form[f"note-{first}"].value() == "seen at the door"
    assert form["step_notes"].value() == f"notes for {group.slug}"
    assert form["version"].value() == alices_screening.version


def test_it_takes_what_was_submitted_over_what_is_saved(alices_screening, alice):
    answer_all(alices_screening, alice, "yes")
    data = step_data(alices_screening, 2, "no")
    form = StepForm.for_screening(alices_screening, alices_screening.group_for_step(2), data)
    assert form.is_valid()
    assert set(value for value, _note in form.answers().values()) == {"no"}


def test_it_draws_the_limits_from_the_form_fields(client, alice, alices_screening, monkeypatch):
    monkeypatch.setattr(forms, "NOTE_MAX", 321)
    monkeypatch.setattr(forms, "STEP_NOTES_MAX", 4321)
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(2)).content.decode()
    indicators = len(alices_screening.group_for_step(2).indicators)
    # The limit is told and counted (character-count.js), never a maxlength that cuts a paste.
    assert "maxlength" not in page
    assert page.count('data-limit="321"') == indicators
    assert page.count('data-limit="4321"') == 1
    assert page.count('type="radio"') == 4 * indicators


def test_it_marks_a_note_that_is_too_long(client, alice, alices_screening):
    sign_in(client, alice)
    first = alices_screening.group_for_step(2).indicators[0].slug
    data = step_data(alices_screening, 2, **{f"note-{first}": "x" * (forms.NOTE_MAX + 1)})
    page = client.post(alices_screening.step_url(2), data).content.decode()
    field = re.search(rf'<input type="text" name="note-{first}"[^>]*>', page).group(0)
    assert (
        "is-invalid" in field
        and f'aria-describedby="id_note-{first}_error id_note-{first}_count"' in field
    )
    assert f'id="id_note-{first}_error"' in page


def test_it_shows_the_chosen_answer_checked(client, alice, alices_screening):
    answer_all(alices_screening, alice, "not_asked")
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(2)).content.decode()
    checked = re.findall(r'<input type="radio"[^>]*value="(\w+)"[^>]* checked>', page)
    assert checked and set(checked) == {"not_asked"}


def test_it_gives_each_form_its_own_fields(alices_screening, alice):
    """A form that changes one of its fields (as DetailsForm disables one) changes no other
    form: posted answers would otherwise be dropped for someone else's request."""
    group = alices_screening.group_for_step(2)
    first = group.indicators[0].slug
    changed = StepForm(group=group, screening=alices_screening)
    assert changed.fields[f"answer-{first}"] is not StepForm(group=group).fields[f"answer-{first}"]
    changed.fields[f"answer-{first}"].disabled = True
    changed.fields[f"note-{first}"].max_length = 3
    posted = StepForm(
        step_data(alices_screening, 2, "yes", **{f"note-{first}": "seen at the door"}),
        group=group,
        screening=alices_screening,
    )
    assert posted.is_valid(), posted.errors
    assert posted.answers()[first] == ("yes", "seen at the door")


def test_it_keeps_no_state_of_one_form_in_another(alices_screening):
    group = alices_screening.group_for_step(2)
    first = group.indicators[0].slug
    too_long = step_data(alices_screening, 2, **{f"note-{first}": "x" * (forms.NOTE_MAX + 1)})
    typed = StepForm(too_long, group=group, screening=alices_screening)
    assert not typed.is_valid() and f"note-{first}" in typed.errors
    fresh = StepForm(group=group, screening=alices_screening, initial={"version": 1})
    assert not fresh.is_bound and not fresh.errors
    card = fresh.cards()[0]
    rendered = str(card.answer) + card.note.as_field_group()
    assert "is-invalid" not in rendered and "x" * 10 not in rendered and "checked" not in rendered


def test_it_builds_a_steps_fields_in_the_readers_language(alices_screening):
    from django.utils import translation

    group = alices_screening.group_for_step(2)
    first = group.indicators[0].slug
    english = StepForm(group=group, screening=alices_screening)
    with translation.override("zh-hant"):
        chinese = StepForm(group=group, screening=alices_screening)
        assert chinese.fields[f"note-{first}"].label == "備註（可不填）"
    assert english.fields[f"note-{first}"].label == "Note (optional)"
