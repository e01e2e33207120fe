from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def reference(db):
    """The shipped reference content: definitions, signs, notes and referral contacts."""
    call_command("load_reference")
