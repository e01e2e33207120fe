"""Plain HTTP on loopback for what a load generator can't do: checks, forms and writers."""

from __future__ import annotations

import http.client
import re
import ssl
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def han_characters(text: str) -> int:
    """How many Chinese characters (CJK ideographs) `text` holds: shows what a run measured.

    A page or PDF asked for in Chinese with no translations compiled comes out in English, and
    would be timed as English.
    """
    return len(HAN.findall(text))


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def cookie(self, name: str) -> str | None:
        for header in self.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            if name in jar:
                return jar[name].value
        return None


def fetch(
    base_url: str,
    path: str,
    *,
    method: str = "GET",
    cookies: dict[str, str] | None = None,
    form: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
    tls: ssl.SSLContext | None = None,
) -> Reply:
    """One request on a fresh connection (gunicorn's sync workers close it after each reply).

    An https:// `base_url` (nginx in front, bench/nginx.py) is reached over TLS with `tls`.
    """
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=tls
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=form, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def _hidden(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0)) if tag else None
    if not value:
        raise ValueError(f"No hidden input {name!r} on the page.")
    return value.group(1)


@dataclass
class FormState:
    """What a browser holds after loading a form: the CSRF cookie and field, and the version."""

    csrf_cookie: str
    csrf_token: str
    version: int


def open_form(
    base_url: str, path: str, session: str, tls: ssl.SSLContext | None = None
) -> FormState:
    reply = fetch(base_url, path, cookies={"sessionid": session}, tls=tls)
    if reply.status != 200:
        raise RuntimeError(f"GET {path} answered {reply.status}, expected the form (200).")
    html = reply.body.decode()
    csrf_cookie = reply.cookie("csrftoken")
    if not csrf_cookie:
        raise RuntimeError(f"GET {path} set no csrftoken cookie.")
    return FormState(
        csrf_cookie, _hidden(html, "csrfmiddlewaretoken"), int(_hidden(html, "version"))
    )
