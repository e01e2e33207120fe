"""Contacts live in the database, where an administrator keeps them current: no template and no
Python module writes down a phone number or an address, except 999 in the referral rules (the
brief requires "call 999" even when no emergency contact has been entered)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
APPS = ["accounts", "config", "definitions", "lib", "referrals", "screening", "templates"]
# A Hong Kong eight-digit number, standing alone (not inside a longer run of letters or digits).
PHONE = re.compile(r"(?<![\w.])\d{4}[ -]?\d{4}(?![\w.])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _shipped_contacts() -> set[str]:
    contacts = json.loads((BASE / "fixtures" / "referral_contacts.json").read_text())
    ways = {row["fields"].get(key, "") for row in contacts for key in ("phone", "email")}
    return {way.lower() for way in ways if way}


def _our_files():
    for app in APPS:
        for path in (BASE / app).rglob("*"):
            if (
                path.suffix in {".py", ".html", ".txt", ".css", ".js"}
                and "migrations" not in path.parts
            ):
                yield path


def test_it_writes_no_contact_in_a_template_or_module():
    shipped = _shipped_contacts()
    assert {"999", "2343 2255", "2157 9537", "2625 0020", "2537 7677"} <= shipped
    assert "connect@100storieshk.org" in shipped
    for path in _our_files():
        text = path.read_text(encoding="utf-8").lower()
        for way in shipped - {"999"}:
            assert way not in text, f"{path} writes down {way}"
        assert not PHONE.search(text), f"{path}: {PHONE.search(text).group()}"
        for email in EMAIL.findall(text):
            assert email.endswith(("example.org", "example.com")), f"{path} writes down {email}"


def test_it_writes_999_only_in_the_rules():
    for path in _our_files():
        if path.suffix == ".py" and path.name != "rules.py":
            assert not re.search(r"['\"]999['\"]", path.read_text(encoding="utf-8")), path
