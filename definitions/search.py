"""How the signs search reads a query: words folded so that plurals and singulars meet.

The signs are searched with a case-insensitive "contains" on their text, so a query word only
needs folding to a stem that begins both its singular and its plural: "passports" and "passport"
both become "passport", "injuries" and "injury" both become "injur", which the text's "injuries"
and "injury" both contain. A full stemmer (Porter, Snowball) gives stems such as "injuri" that
the text does not contain, so it would need a stemmed copy of every sign kept beside it; for a
few dozen signs this light folding is enough, and it adds no dependency. Everyday words the text
does not use ("helper", "salary") are each sign's `keywords`, kept as content in the admin.

Chinese is written without spaces and has no plurals: a run of Chinese characters is looked for
as it is, as a part of the text ("護照" finds "扣起當事人的護照"), and punctuation between words
(，、。？) separates them as a space does. A phrase typed as it is said ("我的護照") is split at
characters such as 的 and 我 that carry no meaning of their own. A query may mix both
("HKID 護照").

The questions for the person in their own language are searched too (`search_more_text`):
"paspor" or "pasaporte" finds the sign about documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Chinese characters (the unified ideographs, extension A and the compatibility ideographs).
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Chinese characters, or a run of anything else that is not a space.
TERM = re.compile(rf"[{CJK}]+|[^\s{CJK}]+")
# What separates words besides spaces: CJK punctuation (、。「」) and the ASCII marks that
# fullwidth punctuation becomes under NFKC (，→ , ？→ ?). Apostrophes and hyphens stay in words.
SEPARATORS = re.compile(r'[\u3000-\u303f,;:!?()\[\]"“”]+')
# Characters a person typing a phrase puts between the words that matter: pronouns, the
# possessive, aspect and question particles, conjunctions ("我的護照", "老闆拿了我的證件嗎").
# Not 冇 or 唔 (no, not), which change what a phrase means.
FUNCTION_CHARACTERS = re.compile("[我你佢他她它們的了是在被嗎呢吧啊呀和與及或也都就很]+")
VOWELS = frozenset("aeiou")
# Endings a word keeps: "status", "business", "analysis", not plurals.
KEPT = ("ss", "us", "is")


def fold(word: str) -> str:
    """The stem of `word` that its singular and plural forms both start with."""
    word = word.lower()
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3]  # injuries -> injur
    if word.endswith("y") and len(word) > 4 and word[-2] not in VOWELS:
        return word[:-1]  # injury -> injur, salary -> salar
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]  # watches -> watch
    if word.endswith("s") and not word.endswith(KEPT):
        return word[:-1]  # passports -> passport, wages -> wage
    return word


def is_chinese(term: str) -> bool:
    return bool(re.fullmatch(rf"[{CJK}]+", term))


def chinese_terms(run: str) -> list[str]:
    """A run of Chinese characters as the parts a sign must contain: split where a character
    that carries no meaning of its own stands ("我的護照" → "護照"), the run itself if that
    leaves nothing. Each part is a part of the run, so a run that matched still matches."""
    return [part for part in FUNCTION_CHARACTERS.split(run) if part] or [run]


def search_words(query: str) -> list[str]:
    """The terms of a query, each of which a sign must contain, without repeats: English words
    folded, runs of Chinese characters split at characters such as 的 and 我."""
    text = SEPARATORS.sub(" ", unicodedata.normalize("NFKC", query))
    terms: list[str] = []
    for term in TERM.findall(text):
        terms.extend(chinese_terms(term) if is_chinese(term) else [fold(term)])
    return list(dict.fromkeys(terms))


# Apps that hold more text about the signs register a lookup here (client_texts: the questions
# in the person's language), so that definitions imports none of them: the search terms in, the
# slugs of the signs whose text contains every term out.
_more_text: list[Callable[[list[str]], set[str]]] = []


def search_more_text(lookup: Callable[[list[str]], set[str]]) -> None:
    """Search the text `lookup` reads too, whenever signs are searched."""
    if lookup not in _more_text:
        _more_text.append(lookup)


def slugs_in_more_text(terms: list[str]) -> set[str]:
    """The slugs of the signs that a registered lookup finds for `terms`."""
    if not terms:
        return set()
    return set().union(*(lookup(terms) for lookup in _more_text))
