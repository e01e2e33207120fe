"""The reference content ships in English and Chinese, loads in both, and loads twice unchanged."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from modeltranslation.translator import translator

from definitions.models import ContentEdition, Definition, Indicator, Note, question_lines
from referrals.models import ReferralContact

FIXTURES = ["reference.json", "referral_contacts.json"]
# Every model with a column per language, with the text a reader sees.
TRANSLATED = {
    "definitions.definition": {"title", "verbatim", "citation", "explanation"},
    "definitions.palermoelement": {"name", "summary"},
    "definitions.forcedlabourindicator": {"name", "summary"},
    "definitions.indicatorgroup": {"title", "introduction"},
    "definitions.indicator": {"wording", "explanation", "questions"},
    "definitions.note": {"title", "body"},
    "referrals.referralcontact": {"name", "when_to_contact", "how_to_refer"},
    "client_texts.sectorquestionset": {"name"},
}


def shipped_rows() -> list[dict]:
    return [
        row
        for name in FIXTURES
        for row in json.loads((settings.BASE_DIR / "fixtures" / name).read_text())
    ]


def translated_fields(model) -> set[str]:
    return set(translator.get_options_for_model(model).fields)


def test_it_translates_the_text_of_every_reference_model():
    registered = {
        model._meta.label_lower: translated_fields(model)
        for model in translator.get_registered_models()
    }
    assert registered == TRANSLATED


def test_it_ships_english_and_chinese_for_every_translated_field_of_every_row():
    missing = []
    for row in shipped_rows():
        fields, where = row["fields"], f"{row['model']} {row['fields']['slug']}"
        for field in TRANSLATED[row["model"]]:
            assert field not in fields, f"{where}: {field} has no language suffix"
            if fields.get(f"{field}_en", "").strip() and not fields.get(f"{field}_zh_hant", ""):
                missing.append(f"{where}: {field}_zh_hant")
    assert missing == []


def test_it_ships_every_sector_question_set_in_english_and_chinese():
    sets = json.loads((settings.BASE_DIR / "fixtures" / "sector_question_sets.json").read_text())
    assert sets and all(row["name_en"].strip() and row["name_zh_hant"].strip() for row in sets)


def test_it_ships_the_chinese_questions_one_a_line_like_the_english():
    for row in shipped_rows():
        if row["model"] == "definitions.indicator":
            fields = row["fields"]
            english, chinese = fields["questions_en"], fields["questions_zh_hant"]
            assert len(question_lines(chinese)) == len(question_lines(english)), fields["slug"]


def test_it_keeps_official_names_in_chinese():
    names = {
        row["fields"]["slug"]: row["fields"]["name_zh_hant"]
        for row in shipped_rows()
        if row["model"] == "referrals.referralcontact"
    }
    assert names["100storieshk"] == "100storiesHK"


@pytest.mark.parametrize("model_label", sorted(TRANSLATED))
def test_it_loads_the_chinese_for_every_row(reference, model_label):
    from django.apps import apps

    model = apps.get_model(model_label)
    if model_label.startswith("client_texts."):
        call_command("load_client_texts", verbosity=0)  # the sectors' sets ship with the texts
    rows = list(model.objects.all())
    assert rows
    for row in rows:
        for field in translated_fields(model):
            english = getattr(row, f"{field}_en")
            assert english is not None, f"{row.slug}: {field}_en"
            if english.strip():
                assert getattr(row, f"{field}_zh_hant"), f"{row.slug}: {field}_zh_hant"


def test_it_reads_each_text_in_the_active_language(reference):
    indicator = Indicator.objects.get(slug="no-control-of-id-documents")
    assert "passport" in indicator.wording
    with translation.override("zh-hant"):
        assert "護照" in indicator.wording
        assert "100storiesHK" in ReferralContact.objects.get(slug="100storieshk").name
        assert ReferralContact.objects.get(slug="emergency-999").name.startswith("警察")


def test_it_falls_back_to_the_english_where_there_is_no_chinese(reference):
    Note.objects.filter(slug="caveat").update(body_zh_hant="", title_zh_hant=None)
    note = Note.objects.get(slug="caveat")
    with translation.override("zh-hant"):
        assert note.title == note.title_en
        assert note.body == note.body_en


def test_it_loads_both_languages_twice_without_duplicates(db):
    call_command("load_reference")
    both = list(Indicator.objects.values_list("slug", "wording_en", "wording_zh_hant"))
    contacts = list(ReferralContact.objects.values_list("slug", "name_en", "name_zh_hant"))
    call_command("load_reference")
    assert list(Indicator.objects.values_list("slug", "wording_en", "wording_zh_hant")) == both
    assert list(ReferralContact.objects.values_list("slug", "name_en", "name_zh_hant")) == contacts
    assert len(both) == 24 and len(contacts) == 8  # two legal contacts (issue 25)
    assert all(english and chinese for _slug, english, chinese in both + contacts)


def test_it_keeps_chinese_corrected_in_the_admin(reference):
    # A native speaker's correction made in the admin survives the next deployment's load.
    Indicator.objects.filter(slug="avoids-eye-contact").update(wording_zh_hant="避開眼神")
    call_command("load_reference")
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_zh_hant == "避開眼神"
    call_command("load_reference", "--overwrite")
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_zh_hant == "避免眼神接觸"


def test_it_starts_a_new_content_edition_when_it_loads(reference):
    before = ContentEdition.current()
    call_command("load_reference")
    assert ContentEdition.current() not in ("", before)


def test_it_says_the_english_of_each_legal_text_is_authoritative_in_both_languages(reference):
    for slug in ("palermo-protocol", "ilo-forced-labour"):
        definition = Definition.objects.get(slug=slug)
        assert re.search(r"English (text )?is authoritative", definition.citation_en)
        assert "以英文本為準" in definition.citation_zh_hant
    palermo = Definition.objects.get(slug="palermo-protocol")
    assert "United Nations' Chinese text" in palermo.citation_en
    assert "聯合國的中文文本" in palermo.citation_zh_hant
    ilo = Definition.objects.get(slug="ilo-forced-labour")
    assert "own draft translation" in ilo.citation_en and "本計劃" in ilo.citation_zh_hant
