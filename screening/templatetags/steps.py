"""`{% step_list screening step %}`: the list of a screening's steps at the top of each of its
pages, with the page's own step marked for screen readers and each saved step ticked.

Drawn in Python rather than by a loop in the template: every step page shows it, and nine links
through the template engine cost as much as the page's nine answer cards.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from screening.models import Screening

register = template.Library()


@register.simple_tag
def step_list(screening: Screening, current: int) -> SafeString:
    saved = escape(gettext("(saved)"))
    tick = f' <span class="visually-hidden">{saved}</span><span aria-hidden="true">✓</span>'
    here = ' aria-current="step"'
    items = "".join(
        f'<li class="list-inline-item"><a href="{escape(link.url)}"'
        f"{here if link.number == current else ''}>{escape(str(link.title))}</a>"
        f"{tick if link.saved else ''}</li>"
        for link in screening.step_links()
    )
    # Every text and address is escaped above.
    return mark_safe(f'<ol class="step-list phone-fold list-inline small mb-0">{items}</ol>')  # noqa: S308
