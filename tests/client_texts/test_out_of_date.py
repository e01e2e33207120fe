"""A translation made from English that has changed since shows as out of date."""

from __future__ import annotations

from client_texts.models import ClientText, text_hash


def _pair(english="Are you paid?", theirs="Apakah Anda dibayar?", made_from=None):
    ClientText.objects.create(key="question.x.1", language="en", text=english)
    return ClientText.objects.create(
        key="question.x.1",
        language="id",
        text=theirs,
        source_hash=text_hash(made_from or english),
    )


def test_it_hashes_the_english_row_from_its_own_text(db):
    _pair()
    english = ClientText.objects.get(language="en")
    assert english.source_hash == text_hash("Are you paid?")
    assert not english.is_out_of_date


def test_it_is_up_to_date_when_made_from_the_current_english(db):
    translation = _pair()
    assert not translation.is_out_of_date
    assert list(ClientText.objects.out_of_date()) == []


def test_it_is_out_of_date_once_the_english_changes(db):
    translation = _pair()
    english = ClientText.objects.get(language="en")
    english.text = "Are you paid on time?"
    english.save()
    translation.refresh_from_db()
    assert translation.is_out_of_date
    assert list(ClientText.objects.out_of_date()) == [translation]
    assert translation.needs_checking


def test_it_reads_the_english_hash_in_the_same_query(db, django_assert_num_queries):
    _pair(made_from="older English")
    with django_assert_num_queries(1):
        rows = list(ClientText.objects.with_english().filter(language="id"))
        assert rows[0].is_out_of_date
        assert rows[0].english == "Are you paid?"
