"""Each distinct catalogue is stored once and shared by the screenings started on it."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from definitions.models import Indicator
from screening.catalogue import Catalogue, current_catalogue
from screening.models import CatalogueSnapshot
from tests.factories import make_screening


def test_it_shares_one_snapshot_between_screenings_on_the_same_catalogue(catalogue, alice, bob):
    first, second = make_screening(alice), make_screening(bob)
    assert first.snapshot_id == second.snapshot_id
    assert CatalogueSnapshot.objects.count() == 1
    assert len(first.indicators) == 24


def test_it_starts_a_new_snapshot_when_the_content_changes(catalogue, alice):
    before = make_screening(alice)
    indicator = Indicator.objects.order_by("group__order", "order").first()
    indicator.wording = "Edited in the admin later"
    indicator.save()
    after = make_screening(alice)
    assert CatalogueSnapshot.objects.count() == 2
    assert before.snapshot.catalogue.indicators[0].wording != "Edited in the admin later"
    assert after.snapshot.catalogue.indicators[0].wording == "Edited in the admin later"


def test_it_never_changes_a_snapshot_once_written(alices_screening):
    snapshot = alices_screening.snapshot
    snapshot.data = "{}"
    with pytest.raises(ValueError, match="never changed"):
        snapshot.save()


def test_it_names_a_snapshot_by_the_hash_of_its_content(alices_screening):
    snapshot = alices_screening.snapshot
    assert snapshot.digest == Catalogue.from_data(json.loads(snapshot.data)).digest
    assert alices_screening.catalogue_version == snapshot.digest[:12]


def test_it_freezes_the_catalogue_in_the_reference_language(catalogue, monkeypatch):
    # The questions report the language active while the catalogue is copied.
    monkeypatch.setattr(
        Indicator, "question_list", property(lambda self: [translation.get_language()])
    )
    with translation.override("fr"):
        frozen = current_catalogue()
    assert {question for i in frozen.indicators for question in i.questions} == {"en"}


def test_it_reads_the_snapshot_with_the_screening_in_one_query(
    alices_screening, django_assert_num_queries
):
    from screening.models import Screening

    with django_assert_num_queries(1):
        screening = Screening.objects.select_related("snapshot").get(pk=alices_screening.pk)
        assert screening.groups[0].indicators


def _migrate_to(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_copies_of_old_screenings_into_snapshots(catalogue, alice):
    data = current_catalogue().to_data()
    before = [("screening", "0006_catalogue_snapshot")]
    _migrate_to(before)
    try:
        old = MigrationExecutor(connection).loader.project_state(before).apps
        Screening = old.get_model("screening", "Screening")
        fields = {"setting": "office", "language": "en", "age_band": "adult"}
        for reference in ("OLD-1", "OLD-2"):
            Screening.objects.create(
                case_reference=reference,
                created_by_id=alice.pk,
                catalogue={**data, "version": "old-version"},
                catalogue_version="old-version",
                **fields,
            )
        edited = json.loads(json.dumps(data))
        edited["groups"][0]["title"] = "An older title"
        Screening.objects.create(
            case_reference="OLD-3", created_by_id=alice.pk, catalogue=edited, **fields
        )
    finally:
        _migrate_to(None)

    from screening.models import Screening as Current

    moved = {s.case_reference: s for s in Current.objects.select_related("snapshot")}
    assert moved["OLD-1"].snapshot_id == moved["OLD-2"].snapshot_id != moved["OLD-3"].snapshot_id
    assert moved["OLD-3"].groups[0].title == "An older title"
    assert moved["OLD-1"].catalogue == Catalogue.from_data(data)
    # A screening started now on the same content reuses the migrated snapshot.
    assert make_screening(alice).snapshot_id == moved["OLD-1"].snapshot_id


def test_it_freezes_what_each_sign_can_look_like(catalogue):
    frozen = current_catalogue().indicators[0]
    assert frozen.looks_like == Indicator.objects.get(slug=frozen.slug).explanation
    assert Catalogue.from_data(current_catalogue().to_data()).indicators[0] == frozen


def test_it_still_reads_a_snapshot_stored_before_looks_like(catalogue):
    data = current_catalogue().to_data()
    for group in data["groups"]:
        for indicator in group["indicators"]:
            del indicator["looks_like"]
    old = json.dumps(data, sort_keys=True, ensure_ascii=False)
    parsed = Catalogue.from_data(json.loads(old))
    assert parsed.indicators[0].looks_like == ""
    assert parsed.indicators[0].looks_like_parts == ("", "")
    # Written back, it is the same text, so it keeps its digest.
    assert parsed.canonical_json == old


def test_it_still_reads_a_snapshot_stored_before_the_threat_sign(catalogue, alice):
    data = current_catalogue().to_data()
    for group in data["groups"]:
        group["indicators"] = [i for i in group["indicators"] if i["slug"] != "threat-of-penalty"]
    old = json.dumps(data, sort_keys=True, ensure_ascii=False)
    parsed = Catalogue.from_data(json.loads(old))
    assert len(parsed.indicators) == 23 and parsed.canonical_json == old
    # A screening on the new catalogue asks it; the rules read both by the same slugs.
    assert "threat-of-penalty" in [i.slug for i in make_screening(alice).indicators]
