"""`reverse`, kept: the same view name and arguments always give the same path while the
URLconf and the script prefix stay the same, so each is worked out once in a process.

Django's `reverse` finds the pattern again on every call; a step page lists nine steps, each a
`reverse` of the screening's id, and shows the list on every step of every screening.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_kept(viewname: str, *args) -> str:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(viewname, args, urlconf, get_script_prefix())


@functools.lru_cache(maxsize=4096)  # nine paths for each of a few hundred screenings in use
def _reverse(viewname: str, args: tuple, urlconf: str, prefix: str) -> str:
    # `prefix` is part of the key only: reverse() reads the same one itself.
    return reverse(viewname, urlconf=urlconf, args=args)
