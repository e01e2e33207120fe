"""Public pages are served from memory to anonymous readers until the content changes."""

from __future__ import annotations

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from definitions.models import ContentEdition, Indicator, Note, PalermoElement
from lib.page_cache import (
    ContentEditionMiddleware,
    cached_for_the_public,
    cached_per_edition,
    current_edition,
)
from referrals.models import ReferralContact
from tests.definitions.pages import between
from tests.factories import admin_url

PUBLIC_PAGES = [
    reverse("home"),
    reverse("definitions:definitions"),
    reverse("definitions:indicators"),
    reverse("definitions:indicators") + "?q=passport",
    reverse("definitions:indicator", args=["not-free-to-leave"]),
    reverse("definitions:card"),
    reverse("definitions:card_pdf"),
    reverse("referrals:contacts"),
]


def between_main(content: str) -> str:
    # The footer names connect@100storiesHK.org on every page; the contacts list is in <main>.
    return between(content, "<main", "</main>")


@pytest.fixture
def reader():
    """An anonymous reader: a browser with no cookies of ours."""
    return Client()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_serves_a_second_anonymous_read_from_memory(
    reader, catalogue, path, django_assert_max_num_queries
):
    first = reader.get(path)
    assert first.status_code == 200
    # Only the content edition is read: the page itself is not rendered again.
    with django_assert_max_num_queries(1):
        second = reader.get(path)
    assert second.status_code == 200
    assert second.content == first.content
    assert "Cookie" in second["Vary"]


def test_it_shows_an_admin_edit_on_the_next_read(reader, admin_client, catalogue):
    page = reverse("definitions:indicators")
    assert "Appears malnourished" in reader.get(page).content.decode()
    indicator = Indicator.objects.get(slug="appears-malnourished")
    form = admin_client.get(admin_url(Indicator, "change", indicator.pk)).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        wording_en="Looks underfed",
        elements=[e.pk for e in form.initial["elements"]],
        ilo_indicators=[i.pk for i in form.initial["ilo_indicators"]],
    )
    response = admin_client.post(admin_url(Indicator, "change", indicator.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    content = reader.get(page).content.decode()
    assert "Looks underfed" in content
    assert "Appears malnourished" not in content


def _rename_element():
    element = PalermoElement.objects.get(slug="act")
    element.name = "The act"
    element.save()


def _deactivate_contact():
    contact = ReferralContact.objects.get(slug="100storieshk")
    contact.active = False
    contact.save()


@pytest.mark.parametrize(
    "change",
    [
        _rename_element,
        lambda: Note.objects.get(slug="caveat").delete(),
        lambda: Indicator.objects.get(slug="appears-malnourished").elements.clear(),
        lambda: Indicator.objects.get(slug="appears-malnourished").ilo_indicators.clear(),
        _deactivate_contact,
        lambda: call_command("load_reference"),
    ],
    ids=["save", "delete", "relink-elements", "relink-ilo", "contact", "load-reference"],
)
def test_it_starts_a_new_edition_on_every_kind_of_change(catalogue, change):
    before = ContentEdition.current()
    change()
    assert ContentEdition.current() != before


def test_it_shows_a_changed_contact_on_the_next_read(reader, catalogue):
    page = reverse("referrals:contacts")
    assert "connect@100storiesHK.org" in reader.get(page).content.decode()
    _deactivate_contact()
    assert "connect@100storiesHK.org" not in between_main(reader.get(page).content.decode())


def test_it_renders_a_deleted_note_away_at_once(reader, catalogue):
    page = reverse("definitions:indicators")
    caveat = Note.objects.get(slug="caveat")
    assert caveat.body[:40] in reader.get(page).content.decode()
    caveat.delete()
    assert caveat.body[:40] not in reader.get(page).content.decode()


def test_it_renders_afresh_for_signed_in_readers(reader, client, alice, catalogue):
    page = reverse("definitions:indicators")
    assert "Sign out" not in reader.get(page).content.decode()
    client.force_login(alice)
    assert "Sign out" in client.get(page).content.decode()
    # And the signed-in page is not what anonymous readers get next.
    assert "Sign out" not in reader.get(page).content.decode()


def test_it_renders_afresh_for_a_reader_with_a_message_waiting(
    reader, catalogue, django_assert_max_num_queries
):
    page = reverse("home")
    reader.get(page)
    request = RequestFactory().get(page)
    storage = CookieStorage(request)
    storage.add(constants.INFO, "You have signed out.")
    response = HttpResponse()
    storage.update(response)
    reader.cookies["messages"] = response.cookies["messages"].value
    content = reader.get(page).content.decode()
    assert "You have signed out." in content
    # The message was shown once and did not become part of anyone else's page.
    assert "You have signed out." not in Client().get(page).content.decode()


def test_it_does_not_keep_pages_that_are_not_found(reader, catalogue):
    page = reverse("definitions:indicator", args=["no-such-sign"])
    assert reader.get(page).status_code == 404
    call_command("load_reference")  # nothing new named no-such-sign
    assert reader.get(page).status_code == 404


def test_it_keeps_a_page_per_query_string(reader, catalogue):
    page = reverse("definitions:indicators")
    everything = reader.get(page).content.decode()
    passport = reader.get(page, {"q": "passport"}).content.decode()
    assert passport != everything
    assert "1 sign found." in passport or "signs found." in passport
    assert "signs found." not in reader.get(page).content.decode()


class Edition:
    """An edition kept in memory, to show that lib reads it only through the setting."""

    token = "first"

    @classmethod
    def current(cls) -> str:
        return cls.token

    @classmethod
    def start_new(cls) -> None:
        cls.token = f"{cls.token}+"


def test_it_keys_pages_by_the_edition_the_setting_names(settings, rf):
    settings.PUBLIC_PAGE_EDITION = "tests.lib.test_page_cache.Edition"
    renders = []

    @cached_for_the_public
    def view(request):
        renders.append(request)
        return HttpResponse(f"render {len(renders)}")

    assert view(rf.get("/page/")).content == b"render 1"
    assert view(rf.get("/page/")).content == b"render 1"
    Edition.start_new()
    assert view(rf.get("/page/")).content == b"render 2"


def test_it_starts_a_new_edition_through_the_setting(settings, catalogue):
    before, before_in_the_database = Edition.current(), ContentEdition.current()
    settings.PUBLIC_PAGE_EDITION = "tests.lib.test_page_cache.Edition"
    Note.objects.get(slug="caveat").save()
    assert Edition.current() != before
    assert ContentEdition.current() == before_in_the_database


def test_it_keeps_a_value_until_the_edition_changes(settings):
    settings.PUBLIC_PAGE_EDITION = "tests.lib.test_page_cache.Edition"
    made = []

    def make():
        made.append(Edition.current())
        return f"value {len(made)}"

    assert cached_per_edition("probe", make) == "value 1"
    assert cached_per_edition("probe", make) == "value 1"
    Edition.start_new()
    assert cached_per_edition("probe", make) == "value 2"


class CountedEdition(Edition):
    reads = 0

    @classmethod
    def current(cls) -> str:
        cls.reads += 1
        return super().current()


def test_it_reads_the_edition_once_a_request(settings, rf):
    settings.PUBLIC_PAGE_EDITION = "tests.lib.test_page_cache.CountedEdition"
    before = CountedEdition.reads

    def view(request):
        assert current_edition() == current_edition() == Edition.current()
        cached_per_edition("probe", lambda: "value")
        return HttpResponse("ok")

    ContentEditionMiddleware(view)(rf.get("/page/"))
    assert CountedEdition.reads == before + 1
    current_edition()  # outside a request: read every time
    assert CountedEdition.reads == before + 2


def test_it_refuses_to_cache_a_page_that_needs_a_csrf_cookie(rf, settings):
    """A token rendered into a cached page would be every visitor's token."""
    from django.middleware.csrf import get_token

    settings.PUBLIC_PAGE_EDITION = "tests.lib.test_page_cache.Edition"
    rendered = []

    @cached_for_the_public
    def view(request):
        rendered.append(get_token(request))
        return HttpResponse(f"token {rendered[-1]}")

    first = view(rf.get("/with-token/"))
    second = view(rf.get("/with-token/"))
    assert len(rendered) == 2
    assert first.content != second.content


def test_it_shows_a_changed_contact_on_signed_in_and_public_pages_of_one_request_alike(
    client, alice, catalogue
):
    """Every process reads the edition on each request: no window in which a signed-in page
    names an older emergency number than a public page."""
    from tests.factories import sign_in

    sign_in(client, alice)
    assert "999" in client.get(reverse("screening:list")).content.decode()
    # Changed as another process would: no signal reaches this one's memory.
    ReferralContact.objects.filter(kind="emergency").update(phone="998")
    ContentEdition.start_new()
    page = client.get(reverse("screening:list")).content.decode()
    assert 'call <a href="tel:998">998</a>' in page


@pytest.mark.parametrize(
    ("path", "busted"),
    [
        (reverse("definitions:card_pdf"), "?nocache=7"),
        (reverse("definitions:indicator", args=["not-free-to-leave"]), "?x=1&y=2"),
        (reverse("definitions:indicators") + "?q=passport", "&nocache=7"),
    ],
)
def test_it_serves_a_cache_busting_query_from_memory(
    reader, catalogue, path, busted, django_assert_max_num_queries
):
    # Issue 30, finding 6: `?nocache=N` rendered a PDF afresh each time (a quarter of a second
    # of CPU for anyone) and pushed other pages out. Only the parameters a page reads count.
    first = reader.get(path)
    with django_assert_max_num_queries(1):
        again = reader.get(path + busted)
    assert again.status_code == 200
    assert again.content == first.content


def test_it_compresses_a_public_page_for_a_browser_that_accepts_gzip(reader, catalogue):
    import gzip

    page = reverse("definitions:indicators")
    plain = reader.get(page)
    packed = reader.get(page, headers={"Accept-Encoding": "gzip, deflate, br"})
    again = reader.get(page, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"] and "Cookie" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 3
    assert gzip.decompress(packed.content) == plain.content
    # The compressed copy is cached too: the same bytes again, not a fresh compression.
    assert again.content == packed.content


def test_it_never_compresses_a_page_for_signed_in_staff(client, alice, catalogue):
    client.force_login(alice)
    for page in (reverse("definitions:indicators"), reverse("screening:list")):
        response = client.get(page, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert "Content-Encoding" not in response, page


def test_it_does_not_compress_a_public_page_that_carries_a_csrf_token(rf, settings):
    from django.middleware.csrf import get_token

    settings.PUBLIC_PAGE_EDITION = "tests.lib.test_page_cache.Edition"

    @cached_for_the_public
    def view(request):
        return HttpResponse(f"token {get_token(request)} " + "padding " * 100)

    response = view(rf.get("/with-token/", headers={"Accept-Encoding": "gzip"}))
    assert "Content-Encoding" not in response
