"""Hong Kong context, complete and fair (issue 25, item 6): beside the NGO view, the Government's
position; and the labour facts a caseworker needs. Each fact names its source and the date it was
checked, in English and in Chinese."""

from __future__ import annotations

from django.urls import reverse

from definitions.models import Note
from tests.definitions.pages import between, text_of

URL = reverse("definitions:definitions")
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-HK"}

SOURCES = {
    "government-position": [
        "www.sb.gov.hk/",
        "www.info.gov.hk/gia/general/202208/26/P2022082600733.htm",
        "www.news.gov.hk/eng/2024/06/20240625/20240625_103206_087.html",
    ],
    "two-week-rule": ["www.info.gov.hk/gia/general/201211/21/P201211210460.htm"],
    "agency-commission": [
        "www.eaa.labour.gov.hk/en/helpers.html",
        "www.news.gov.hk/eng/2018/02/20180209/20180209_114410_678.html",
    ],
}


def _page(client, **headers) -> str:
    response = client.get(URL, **headers)
    assert response.status_code == 200
    return text_of(response)


def test_it_gives_the_governments_position_beside_the_ngo_view(client, reference):
    text = _page(client)
    section = between(text, '<section aria-labelledby="hong-kong">', "</section>")
    assert section.index("Hong Kong law") < section.index("The Hong Kong Government's position")
    assert "TIP is a prevalent or widespread problem in Hong Kong" in section
    assert "covered and effectively prohibited by various pieces of legislation" in section
    assert "around 11,000 initial screenings in 2023" in section
    assert "three victims identified" in section


def test_it_gives_the_labour_facts_a_caseworker_needs(client, reference):
    text = _page(client)
    section = between(text, '<section aria-labelledby="work-in-hong-kong">', "</section>")
    assert "within two weeks after the contract is terminated" in section
    assert "10% of the first month's wages" in section
    assert "may not charge any other fee or expense" in section
    assert "Overcharging is an offence" in section
    assert "HK$350,000" in section
    assert '<a href="#work-in-hong-kong">' in text  # in the page's contents


def test_it_names_every_source_and_the_date_checked_in_english_and_chinese(client, reference):
    english, chinese = _page(client), _page(client, **CHINESE)
    for slug, urls in SOURCES.items():
        note = Note.objects.get(slug=slug)
        for url in urls:
            assert url in note.body_en and url in note.body_zh_hant, (slug, url)
        assert note.body_en.count("checked 2026-12-05") == len(urls), slug
        assert note.body_zh_hant.count("2026年12月5日查核") >= 1, slug
        assert note.title_en in english
        assert note.title_zh_hant in chinese
    assert "www.sb.gov.hk/chi/special/bound/iimm.htm" in chinese
    assert "販運人口在港亦非普遍或常見" in chinese
    assert "在香港工作：個案工作員須知" in chinese


def test_it_says_nothing_of_a_legal_limit_on_working_hours(reference):
    for note in Note.objects.filter(slug__in=SOURCES):
        assert "maximum working hours" not in note.body_en.lower()
