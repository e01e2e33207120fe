"""The interface in Traditional Chinese: the shipped .po is complete, well-formed and current.

These tests check the form of `locale/zh_Hant/LC_MESSAGES/django.po`, not its Chinese, which is the
project team's unreviewed draft (docs/translation.md). They need gettext (`make system-packages`)
and the compiled .mo (`make compile-messages`); `make test` does both first.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from config.errors import server_error
from screening.forms import DetailsForm, ScreeningFilterForm

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"

# What `make messages` passes to makemessages (Makefile), and what a copy of the sources leaves out.
IGNORED = [".venv/*", "build/*", "staticfiles/*"]
NOT_COPIED = {".venv", ".git", "build", "staticfiles", "node_modules", "__pycache__", ".hypothesis"}
SCANNED = {".py", ".html", ".txt", ".po"}

PYTHON_FORMAT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE_FORMAT = re.compile(r"\{[^{}]*\}")
HTML_TAG = re.compile(r"<[^>]+>")


def _catalogue(path: Path = PO) -> polib.POFile:
    return polib.pofile(str(path))


def _entries(path: Path = PO) -> list[polib.POEntry]:
    return [entry for entry in _catalogue(path) if not entry.obsolete]


def _key(entry: polib.POEntry) -> tuple[str | None, str, str]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _source(entry: polib.POEntry) -> str:
    # With one plural form, msgstr[0] stands for every count, so it follows the plural msgid.
    return entry.msgid_plural or entry.msgid


def _placeholder_mismatches(entries: list[polib.POEntry]) -> list[str]:
    wrong = []
    for entry in entries:
        patterns = [BRACE_FORMAT]
        if "python-format" in entry.flags:
            patterns.append(PYTHON_FORMAT)
        for pattern in patterns:
            wanted = Counter(pattern.findall(_source(entry)))
            for translated in _translations(entry):
                if translated and Counter(pattern.findall(translated)) != wanted:
                    wrong.append(f"{entry.msgid!r} -> {translated!r}")
    return wrong


def _markup_mismatches(entries: list[polib.POEntry]) -> list[str]:
    return [
        f"{entry.msgid!r} -> {translated!r}"
        for entry in entries
        for translated in _translations(entry)
        if translated
        and Counter(HTML_TAG.findall(translated)) != Counter(HTML_TAG.findall(_source(entry)))
    ]


def test_it_translates_every_message():
    untranslated = [entry.msgid for entry in _entries() if not all(_translations(entry) or [""])]
    assert untranslated == []


def test_it_has_no_fuzzy_entry_and_a_finished_header():
    catalogue = _catalogue()
    assert [entry.msgid for entry in _entries() if "fuzzy" in entry.flags] == []
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == "zh_Hant"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "draft" in catalogue.metadata["Last-Translator"]


def test_it_gives_plural_messages_their_one_form():
    plurals = [entry for entry in _entries() if entry.msgid_plural]
    assert plurals
    assert {entry.msgid: sorted(entry.msgstr_plural) for entry in plurals} == {
        entry.msgid: [0] for entry in plurals
    }


def test_it_keeps_the_placeholders_of_every_message():
    assert _placeholder_mismatches(_entries()) == []


def test_it_would_notice_a_dropped_or_added_placeholder():
    dropped = polib.POEntry(
        msgid="Saved on %(date)s at %(time)s", msgstr="已於 %(date)s 儲存", flags=["python-format"]
    )
    added = polib.POEntry(msgid="Note on “{}”", msgstr="「{}」的備註 {extra}")
    renamed = polib.POEntry(
        msgid="%(count)d indicator not answered",
        msgid_plural="%(count)d indicators not answered",
        msgstr_plural={0: "%(counter)d 項指標未回答"},
        flags=["python-format"],
    )
    kept = polib.POEntry(msgid="Case %(ref)s", msgstr="個案 %(ref)s", flags=["python-format"])
    assert len(_placeholder_mismatches([dropped, added, renamed, kept])) == 3


def test_it_keeps_the_html_markup_of_every_message():
    assert _markup_mismatches(_entries()) == []


def test_it_passes_msgfmt_check():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install gettext (make system-packages)"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "--output-file", os.devnull, str(PO)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LC_ALL": "C"},  # the statistics below in English, whatever the locale
    )
    assert result.returncode == 0, result.stderr
    # The statistics go to stderr, e.g. "441 translated messages."
    assert re.fullmatch(r"\d+ translated messages?\.\s*", result.stderr), result.stderr


def _copy_of_the_sources(destination: Path) -> Path:
    def not_scanned(directory: str, names: list[str]) -> list[str]:
        return [
            name
            for name in names
            if name in NOT_COPIED
            or name.endswith(".egg-info")
            or ((Path(directory) / name).is_file() and Path(name).suffix not in SCANNED)
        ]

    return Path(shutil.copytree(ROOT, destination, ignore=not_scanned))


def test_it_is_up_to_date_with_the_sources(tmp_path, monkeypatch):
    # makemessages writes into the locale folders of the tree it walks (the current directory) and
    # of LOCALE_PATHS: both must be the copy's, never the project's own .po.
    copy = _copy_of_the_sources(tmp_path / "project")
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command(
            "makemessages",
            locale=["zh_Hant"],
            no_obsolete=True,
            ignore_patterns=IGNORED,
            verbosity=0,
        )
    extracted = {_key(entry) for entry in _entries(copy / PO.relative_to(ROOT))}
    shipped = {_key(entry) for entry in _entries()}
    assert {
        "in the sources, not in the .po (run make messages and translate)": extracted - shipped,
        "in the .po, gone from the sources (run make messages)": shipped - extracted,
    } == {
        "in the sources, not in the .po (run make messages and translate)": set(),
        "in the .po, gone from the sources (run make messages)": set(),
    }


# Looked up through variables: a literal gettext("...") here would be collected by `make messages`
# and keep its message in the .po after the code stops using it.
EXPECTED = {
    "Quick exit": "快速離開",
    "Confidential": "機密",
    "Danger now": "現在有危險",
    "Sign in": "登入",
    "Sign out": "登出",
}
PAGE = "Page %(number)s of %(total)s"
NOT_ANSWERED = ("%(count)d indicator not answered", "%(count)d indicators not answered")
MEANS = ("Palermo element", "means")


def test_it_speaks_hong_kong_chinese_for_zh_hant():
    with translation.override("zh-hant"):
        chinese = {english: translation.gettext(english) for english in EXPECTED}
        page = translation.gettext(PAGE) % {"number": 2, "total": 5}
        not_answered = translation.ngettext(*NOT_ANSWERED, 3) % {"count": 3}
        means = translation.pgettext(*MEANS)
    assert chinese == EXPECTED, "are the messages compiled? make compile-messages"
    assert page == "第 2 頁，共 5 頁"
    assert not_answered == "3 項指標未回答"
    assert means == "手段"
    assert translation.gettext(PAGE) == PAGE


def test_it_names_every_app_of_ours_in_both_languages():
    ours = ["accounts", "definitions", "referrals", "screening"]
    english = {label: str(apps.get_app_config(label).verbose_name) for label in ours}
    with translation.override("zh-hant"):
        chinese = {label: str(apps.get_app_config(label).verbose_name) for label in ours}
    assert english == {
        "accounts": "Accounts",
        "definitions": "Reference content",
        "referrals": "Referrals",
        "screening": "Screenings",
    }
    assert chinese == {
        "accounts": "帳戶",
        "definitions": "參考內容",
        "referrals": "轉介",
        "screening": "篩查記錄",
    }


def test_it_serves_each_browser_its_language_from_the_page_cache(client, catalogue):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-HK").content.decode()
    assert "Quick exit" in english and "快速離開" not in english
    assert '<html lang="zh-Hant-HK">' in chinese and "快速離開" in chinese
    assert "Quick exit" not in chinese


def test_it_shows_the_error_pages_in_chinese(client, catalogue, val):
    not_found = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="zh-HK")
    assert not_found.status_code == 404
    assert "找不到網頁" in not_found.content.decode()

    client.force_login(val)
    forbidden = client.get(reverse("screening:start"), HTTP_ACCEPT_LANGUAGE="zh-HK")
    assert forbidden.status_code == 403
    assert "你的帳戶無法查看這一頁" in forbidden.content.decode()

    with translation.override("zh-hant"):
        broken = server_error(RequestFactory().get("/")).content.decode()
    assert '<html lang="zh-Hant-HK">' in broken
    assert "出現問題" in broken and "請致電 999" in broken
    assert "Something went wrong" not in broken


def test_it_separates_labels_and_errors_with_chinese_punctuation(client, catalogue, alice):
    client.force_login(alice)
    page = client.post(
        reverse("screening:start"), {"setting": "office"}, HTTP_ACCEPT_LANGUAGE="zh-HK"
    ).content.decode()
    assert "請修正以下問題" in page
    assert "個案編號：請輸入個案編號" in page
    assert "即時危險？請選擇" in page
    assert "？:" not in page


def test_it_keeps_date_pickers_in_iso_format_in_chinese():
    day = datetime.date(2026, 11, 26)
    widgets = [
        DetailsForm.base_fields["screened_on"].widget,
        ScreeningFilterForm.base_fields["date_from"].widget,
        ScreeningFilterForm.base_fields["date_to"].widget,
    ]
    with translation.override("zh-hant"):
        assert [widget.format_value(day) for widget in widgets] == ["2026-11-26"] * 3
