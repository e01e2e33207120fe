"""Reading our PDFs back in tests: their text, and the fonts embedded in them."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def read(document: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(document))


def text_of(document: bytes) -> str:
    """Every page's text, whitespace collapsed."""
    pages = read(document).pages
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in pages))


def embedded_fonts(document: bytes) -> set[str]:
    """The embedded fonts, named as `pdffonts` names them without the subset tag, squashed.

    WeasyPrint names a font after its family and style ("ABCDEF+Noto-Sans-CJK-HK-Bold"); that
    comes out here as "notosanscjkhkbold", so tests do not depend on the hyphens.
    """
    names: set[str] = set()

    def collect(resources) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            base = str(font.get_object()["/BaseFont"]).lstrip("/")
            names.add(re.sub(r"[^a-z]", "", base.split("+", 1)[-1].lower()))
        for xobject in (resources.get("/XObject") or {}).values():
            collect(xobject.get_object().get("/Resources"))

    for page in read(document).pages:
        collect(page.get("/Resources"))
    return names


def cjk_faces(document: bytes) -> dict[str, set[str]]:
    """The embedded Noto CJK faces by region, e.g. {"hk": {"notosanscjkhk", "...bold"}}."""
    faces: dict[str, set[str]] = {}
    for name in embedded_fonts(document):
        match = re.match(r"noto(?:sans|serif)(?:mono)?cjk(hk|tc|jp|kr|sc)", name)
        if match:
            faces.setdefault(match.group(1), set()).add(name)
    return faces
