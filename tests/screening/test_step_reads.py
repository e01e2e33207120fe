"""A step's answers and notes, read by fixed statements (`Screening.step_answers`,
`Screening.step_note`), are what the ORM reads: the same rows, decrypted, with aware times, and
only this screening's."""

from __future__ import annotations

from screening.models import StepNote
from tests.factories import answer_all, make_screening


def test_it_reads_a_steps_answers_as_the_orm_does(alice, bob, alices_screening):
    answer_all(alices_screening, alice, "not_sure", note="met at the shelter")
    answer_all(make_screening(bob), bob, "yes", note="someone else's")
    for group in alices_screening.groups:
        slugs = [indicator.slug for indicator in group.indicators]
        read = alices_screening.step_answers(slugs)
        expected = alices_screening.answers.filter(indicator_slug__in=slugs)
        assert sorted((a.pk, a.indicator_slug, a.value, a.note) for a in read) == sorted(
            (a.pk, a.indicator_slug, a.value, a.note) for a in expected
        )
        assert len(read) == len(slugs)
        assert {a.note for a in read} == {"met at the shelter"}


def test_it_reads_only_the_signs_asked_for(alice, alices_screening):
    answer_all(alices_screening, alice, "yes")
    first, second = alices_screening.groups[0].indicators[:2]
    read = alices_screening.step_answers([first.slug, second.slug])
    assert {a.indicator_slug for a in read} == {first.slug, second.slug}


def test_it_reads_a_steps_notes_and_when_it_was_saved(alice, bob, alices_screening):
    group = alices_screening.groups[0]
    assert alices_screening.step_note(group.slug) is None
    answer_all(alices_screening, alice, "no")
    answer_all(make_screening(bob), bob, "yes")
    note = alices_screening.step_note(group.slug)
    stored = StepNote.objects.get(screening=alices_screening, group_slug=group.slug)
    assert (note.pk, note.text, note.saved_at) == (stored.pk, stored.text, stored.saved_at)
    assert note.text == f"notes for {group.slug}"
    assert note.saved_at.tzinfo is not None
