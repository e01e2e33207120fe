"""Self-answer: the caseworker hands the device over and the person answers alone.

Each sign the person can answer for themselves has one closed, non-leading question in their
language (`client_texts`, key `self.question.<sign slug>`). Some questions ask after the sign
itself ("Do you owe money that you cannot pay back?"), others after its absence ("Can you leave
the place where you live when you want to?"), because that is the plain, non-leading way to ask;
`SELF_QUESTIONS` says which, so a "No" to the second is recorded as a Yes on "not free to leave".

Signs that are seen rather than told (avoids eye contact, appears malnourished, an inconsistent
story, fear shown when the police come up, someone else speaking for them, a lost sense of time)
are not asked; nor are the two signs of commercial sex, which a single yes/no question cannot ask
without leading or without mixing two facts (age and the work): the caseworker asks those.

While the device is handed over, the session says so (`HandOver`, in the session) and every page
of the app but the person's view answers with the hand-back page (`HandOverMiddleware`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from client_texts.models import CONTENT_LANGUAGES, SELF_QUESTION_PREFIX
from referrals import rules

# Sign slug -> whether a "Yes" to its question means the sign is there. In the order asked
# within a step (the catalogue's order decides the steps).
SELF_QUESTIONS: dict[str, bool] = {
    "not-free-to-leave": False,
    "unpaid-or-underpaid": False,
    "excessive-hours": True,
    "no-breaks-or-restrictions": False,
    "large-debt": True,
    "recruited-through-false-promises": False,
    "high-security-measures": True,
    "fearful-or-anxious": True,
    "lacks-health-care": False,
    "signs-of-abuse": True,
    "few-possessions": False,
    "no-control-of-money": False,
    "no-control-of-id-documents": False,
    "unclear-where-staying": False,
    "does-not-know-whereabouts": False,
}

# The four buttons, in the order shown, and their text keys.
YES, NO, DONT_KNOW, RATHER_NOT_SAY = "yes", "no", "dont-know", "rather-not-say"
BUTTONS = (YES, NO, DONT_KNOW, RATHER_NOT_SAY)

# The words of the person's screen, by name, and their text keys (client_texts.SELF_SCREEN_KEYS).
SCREEN_WORDS = {
    YES: "self.answer.yes",
    NO: "self.answer.no",
    DONT_KNOW: "self.answer.dont-know",
    RATHER_NOT_SAY: "self.answer.rather-not-say",
    "progress": "self.progress",
    "start": "self.start",
    "stop": "self.stop",
    "quick_exit": "self.quick-exit",
}

# The question sets a caseworker may hand over; besides these, each active sector's set
# (`client_texts.SectorQuestionSet`), as SECTOR_SET + its slug.
EVERY_QUESTION, NOT_ANSWERED_YET = "all", "unanswered"
SECTOR_SET = "sector:"

SESSION_KEY = "hand_over"


def question_key(slug: str) -> str:
    return f"{SELF_QUESTION_PREFIX}{slug}"


def recorded_value(slug: str, button: str) -> str:
    """The answer recorded on the sign for the person's button on its question.

    "I don't know" is Not sure; "I'd rather not say" is its own value (counted like Not asked,
    never as No); Yes and No are the sign's Yes or No, turned round where the question asks
    after the sign's absence.
    """
    if button == DONT_KNOW:
        return rules.NOT_SURE
    if button == RATHER_NOT_SAY:
        return rules.DECLINED
    sign_there = (button == YES) == SELF_QUESTIONS[slug]
    return rules.YES if sign_there else rules.NO


def askable(screening, texts: dict, which: str, only: list[str] | None = None) -> list[str]:
    """The signs to ask, in the screening's order: those with a self-answer question in the
    language (`texts`, by key), for `NOT_ANSWERED_YET` only those with no answer saved, and with
    `only` (a sector's question set) only those it names."""
    answered = set(screening.answer_values()) if which == NOT_ANSWERED_YET else set()
    chosen = set(SELF_QUESTIONS if only is None else only)
    return [
        indicator.slug
        for indicator in screening.indicators
        if indicator.slug in SELF_QUESTIONS
        and indicator.slug in chosen
        and question_key(indicator.slug) in texts
        and indicator.slug not in answered
    ]


@dataclass
class HandOver:
    """The hand-over in progress, as the session keeps it (plain JSON)."""

    screening: str
    language: str
    slugs: list[str] = field(default_factory=list)
    play_on_arrival: bool = False
    started: bool = False
    position: int = 0  # the next question; len(slugs) once finished or stopped
    # Wrong hand-back PINs so far; at settings.HAND_BACK_PIN_FAILURE_LIMIT only the password works.
    pin_failures: int = 0

    @classmethod
    def of(cls, request: HttpRequest) -> HandOver | None:
        data = request.session.get(SESSION_KEY)
        return cls(**data) if data else None

    def save(self, request: HttpRequest) -> None:
        request.session[SESSION_KEY] = asdict(self)

    @staticmethod
    def end(request: HttpRequest) -> None:
        request.session.pop(SESSION_KEY, None)

    @property
    def finished(self) -> bool:
        return self.position >= len(self.slugs)

    @property
    def current(self) -> str | None:
        return None if self.finished else self.slugs[self.position]

    @property
    def content_language(self):
        return CONTENT_LANGUAGES[self.language]


# What the person may reach while the device is handed over: their view, the hand-back page,
# the recordings their questions play, and Quick exit.
OPEN_WHILE_HANDED_OVER = frozenset(
    {
        "screening:self_answer",
        "screening:hand_back",
        "screening:recording",
        "accounts:quick_exit",
    }
)


class HandOverMiddleware:
    """While a session has the device handed over, every other page answers with hand-back.

    Goes after the authentication and idle-clock middleware: a session that has ended, by the idle
    or the absolute limit or by Quick exit, has lost its hand-over with everything else, and
    sign-in shows as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hand_over = HandOver.of(request) if request.user.is_authenticated else None
        if hand_over is not None and not self._open(request, hand_over):
            return HttpResponseRedirect(reverse("screening:hand_back", args=[hand_over.screening]))
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest, hand_over: HandOver) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        if match.view_name not in OPEN_WHILE_HANDED_OVER:
            return False
        screening = match.kwargs.get("screening_id")
        return screening is None or str(screening) == hand_over.screening
