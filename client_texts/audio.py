"""Checks an uploaded recording by what it contains, never by its name or the browser's word.

The first bytes say the format (Ogg with an Opus or Vorbis stream, MP3, WAV); mutagen then
reads the stream's own header for its length. Anything else, or too long, or too big, is refused
with a message that says what to do.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from mutagen import MutagenError
from mutagen.mp3 import MP3
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from client_texts.models import Recording

MAX_BYTES = 2 * 1024 * 1024
MAX_SECONDS = 60.0

NOT_AUDIO = _(
    "This file is not a recording this app can play: it must be Ogg (Opus or Vorbis), MP3 or WAV "
    "audio. The file's name does not count, only what is inside it. Export the recording again "
    "in one of these formats."
)
TOO_BIG = _("This recording is larger than 2 MB. Export it again at a lower quality (mono).")
TOO_LONG = _("This recording is %(seconds)d seconds long; a recording may last at most 60 seconds.")
EMPTY = _("This recording has no sound in it (its length is zero).")


@dataclass(frozen=True)
class CheckedAudio:
    content_type: str
    duration: float


def _format_of(head: bytes):
    """The mutagen reader and content type the first bytes point to, or None."""
    if head.startswith(b"OggS"):
        if b"OpusHead" in head:
            return OggOpus, Recording.Format.OGG
        if b"\x01vorbis" in head:
            return OggVorbis, Recording.Format.OGG
        return None
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return WAVE, Recording.Format.WAV
    # An ID3 tag, or straight into an MPEG audio frame (11 sync bits set).
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return MP3, Recording.Format.MP3
    return None


def check_audio(data: bytes) -> CheckedAudio:
    """The recording's format and length, or a ValidationError saying what is wrong."""
    if len(data) > MAX_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    found = _format_of(data[:128])
    if found is None:
        raise ValidationError(NOT_AUDIO, code="not_audio")
    reader, content_type = found
    try:
        duration = float(reader(io.BytesIO(data)).info.length)
    except (MutagenError, ValueError, EOFError) as error:
        raise ValidationError(NOT_AUDIO, code="not_audio") from error
    if duration <= 0:
        raise ValidationError(EMPTY, code="empty")
    if duration > MAX_SECONDS:
        raise ValidationError(TOO_LONG, code="too_long", params={"seconds": duration})
    return CheckedAudio(content_type=content_type, duration=duration)
