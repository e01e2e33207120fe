from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def client_texts(catalogue):
    """The shipped texts for the person, in all eight languages."""
    call_command("load_client_texts", verbosity=0)
