"""The reader's controls in every page's header: `{% language_switcher %}` and
`{% account_links %}` (sign in, or the screenings, your details and sign out).

Drawn in Python rather than by two included templates: they are on every page, and a step page
is drawn again for every answer saved. The language buttons are drawn once per process and
language; the page's path and the CSRF token are put in for each request. Neither control can be
kept whole with `{% cache %}`, because of that token.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from lib.languages import html_lang
from lib.urls import reverse_kept

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switcher(context) -> SafeString:
    """Each other language as a button named in that language.

    A plain POST form, so it works without JavaScript; it comes back to this page without its
    query string (never echoed into a form). Public pages are shared by every anonymous reader,
    so only a signed-in person's form carries a CSRF token (accounts.views.set_language).
    """
    request = context["request"]
    token = _csrf_input(context) if request.user.is_authenticated else ""
    return format_html(
        '<form class="language-switcher" method="post" action="{}">{}'
        '<input type="hidden" name="next" value="{}">{}</form>',
        reverse_kept("set_language"),
        token,
        request.path,
        _language_buttons(get_language()),
    )


@lru_cache(maxsize=8)
def _language_buttons(current: str) -> SafeString:
    buttons = "".join(
        f'<button type="submit" name="language" value="{escape(code)}"'
        f' lang="{escape(html_lang(code))}" class="btn btn-outline-secondary language-button">'
        f"{escape(name)}</button>"
        for code, name in settings.LANGUAGES
        if code != current
    )
    return mark_safe(buttons)  # noqa: S308 (every text escaped above)


@register.simple_tag(takes_context=True)
def account_links(context) -> SafeString:
    """The main menu's items for the reader: "Sign in", or their screenings (for a role that
    has them), their details and a sign-out form."""
    user = context["request"].user
    if not user.is_authenticated:
        return _item(reverse_kept("accounts:login"), gettext("Sign in"))
    screenings = ""
    if user.has_perm("screening.add_screening") or user.has_perm("screening.view_screening"):
        screenings = _item(reverse_kept("screening:list"), gettext("Screenings"))
    return format_html(
        '{}{}<li class="nav-item"><form method="post" action="{}" class="d-inline">{}'
        '<button type="submit" class="btn btn-link nav-link">{}</button></form></li>',
        screenings,
        _item(reverse_kept("accounts:profile"), gettext("Your details")),
        reverse_kept("accounts:logout"),
        _csrf_input(context),
        gettext("Sign out"),
    )


def _item(url: str, text: str) -> SafeString:
    return format_html('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>', url, text)


def _csrf_input(context) -> SafeString:
    # The page's one token (the csrf context processor's, worked out once), as {% csrf_token %}.
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', context.get("csrf_token")
    )
