"""The signs search reads the questions for the person too, in every language they are in."""

from __future__ import annotations

from client_texts.models import SELF_QUESTION_PREFIX, ClientText

QUESTION_PREFIX = "question."


def signs_asked_about(terms: list[str]) -> set[str]:
    """The slugs of the signs with a question for the person that contains every term."""
    texts = ClientText.objects.filter(key__startswith=QUESTION_PREFIX) | ClientText.objects.filter(
        key__startswith=SELF_QUESTION_PREFIX
    )
    for term in terms:
        texts = texts.filter(text__icontains=term)
    return {_sign_of(key) for key in texts.values_list("key", flat=True)}


def _sign_of(key: str) -> str:
    # question.<slug>.<number>, or self.question.<slug>
    if key.startswith(SELF_QUESTION_PREFIX):
        return key.removeprefix(SELF_QUESTION_PREFIX)
    return key.removeprefix(QUESTION_PREFIX).rsplit(".", 1)[0]
