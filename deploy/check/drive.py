"""Drive the app through nginx over HTTPS, as `make production-check` has started it.

`deploy/check/run` starts PostgreSQL, two gunicorn app servers and nginx in front of them, then
runs this with the app's environment (so it can make the accounts and read the database back)
and these variables: CHECK_BASE_URL (https://localhost:PORT), CHECK_HTTP_URL (the plain HTTP
port), CHECK_CA (the self-signed certificate), CHECK_ACCESS_LOG (nginx's, which names the app
server that answered each request), CHECK_APP_SERVERS (`port:pid` of each app server's master,
comma-separated: the last one is killed in the middle of saves).

Exits non-zero at the first thing that is not as production needs it, saying what it was.
"""

from __future__ import annotations

import gzip
import os
import re
import signal
import ssl
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from http.client import HTTPMessage, HTTPSConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django_otp.oath import TOTP  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench.data import session_for, step_form  # noqa: E402
from bench.writers import Ack, lost_writes, writer_for  # noqa: E402
from referrals.models import ReferralContact  # noqa: E402
from screening import roles, services  # noqa: E402
from screening.models import Screening  # noqa: E402

BASE_URL = os.environ["CHECK_BASE_URL"]
HTTP_URL = os.environ["CHECK_HTTP_URL"]
ACCESS_LOG = Path(os.environ["CHECK_ACCESS_LOG"])
APP_SERVERS = [item.split(":") for item in os.environ["CHECK_APP_SERVERS"].split(",")]
TLS = ssl.create_default_context(cafile=os.environ["CHECK_CA"])
PASSWORD = "a long and private pass phrase"  # noqa: S105 - a throwaway database's accounts


class CheckFailed(Exception):
    pass


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)


@dataclass
class Reply:
    status: int
    headers: HTTPMessage
    body: bytes
    path: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def set_cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


@dataclass
class Browser:
    """Cookies kept per name, as a browser keeps them for one host; one TLS connection a request."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, fields=None, headers=None) -> Reply:
        parts = urlsplit(BASE_URL)
        sent = {"Accept-Language": "en", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            # What a browser sends with a form: Django's CSRF check over HTTPS reads it.
            sent["Origin"] = f"{parts.scheme}://{parts.netloc}"
            sent["Referer"] = f"{BASE_URL}{path}"
        connection = HTTPSConnection(parts.hostname, parts.port, context=TLS, timeout=60)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read(), path)
        finally:
            connection.close()
        for header in reply.set_cookies():
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return reply

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, fields) -> Reply:
        return self.request("POST", path, fields=fields)

    def follow(self, reply: Reply, limit: int = 5) -> Reply:
        while reply.status in (301, 302, 303) and limit:
            location = reply.location
            if location.startswith(BASE_URL):
                location = location[len(BASE_URL) :]
            expect(location.startswith("/"), f"a redirect leaves the site: {reply.location}")
            reply, limit = self.get(location), limit - 1
        return reply


class Forms(HTMLParser):
    """Every form of a page: its action and the values a browser would send as it stands."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}, "radios": {}})
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "radio":
                form["radios"].setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form["fields"][name] = a.get("value", "on")
            elif kind == "checkbox":
                if "checked" in a:
                    form["fields"][name] = a.get("value", "on")
            elif kind not in ("submit", "button", "image", "reset", "file"):
                form["fields"][name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            form["fields"].setdefault(name, None)
        elif tag == "option" and self._select:
            if form["fields"][self._select] is None or "selected" in a:
                form["fields"][self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"][name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def having(self, name: str) -> dict:
        for form in self.forms:
            if name in form["fields"] or name in form["radios"]:
                return form
        raise CheckFailed(f"no form with a field {name!r} on the page")


def form_of(reply: Reply, name: str) -> dict:
    expect(reply.status == 200, f"GET {reply.path} answered {reply.status}")
    return Forms(reply.text).having(name)


def errors_of(reply: Reply) -> str:
    summary = re.search(r'class="error-summary-list">(.*?)</ul>', reply.text, re.S)
    text = re.sub(r"<[^>]+>", " ", summary.group(1)) if summary else reply.text[:300]
    return " ".join(unescape(text).split())[:300]


def submit(browser: Browser, reply: Reply, name: str, **values) -> Reply:
    form = form_of(reply, name)
    fields = {k: v for k, v in form["fields"].items() if v is not None}
    fields.update(values)
    action = form["action"] or reply.path
    answer = browser.post(action, fields)
    expect(
        answer.status in (302, 303),
        f"POST {action} answered {answer.status}, not a redirect: {errors_of(answer)}",
    )
    return answer


def totp_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def upstream_lines() -> list[tuple[str, str, str]]:
    """(method and path, status, app server) of each request nginx passed on, in order."""
    pattern = re.compile(r'"(\S+ \S+)" (\d{3}) .* upstream=(.*?) upstream_status=')
    found = (pattern.search(line) for line in ACCESS_LOG.read_text().splitlines())
    return [match.groups() for match in found if match]


# The steps of the check


def make_accounts():
    users = get_user_model().objects
    made = {}
    for name, role, staff in (
        ("check-caseworker", roles.CASEWORKER, False),
        ("check-supervisor", roles.SUPERVISOR, False),
        ("check-admin", None, True),
    ):
        user = users.filter(username=name).first() or users.create_user(name, password=PASSWORD)
        if role:
            user.groups.add(Group.objects.get(name=role))
        if staff:
            user.is_staff = user.is_superuser = True
            user.save()
        if role == roles.SUPERVISOR or staff:
            device, _made = TOTPDevice.objects.get_or_create(
                user=user, name="phone", confirmed=True
            )
            device.throttle_reset()
        made[name] = user
    return made


def check_headers_and_redirect() -> None:
    browser = Browser()
    home = browser.get("/", headers={"Accept-Encoding": "gzip"})
    expect(home.status == 200, f"GET / through nginx answered {home.status}")
    h = home.headers
    expect("max-age=31536000" in h.get("Strict-Transport-Security", ""), "no year-long HSTS")
    expect("includeSubDomains" in h.get("Strict-Transport-Security", ""), "HSTS without subdomains")
    csp = h.get("Content-Security-Policy", "")
    expect("default-src 'self'" in csp and "frame-ancestors 'none'" in csp, f"CSP is {csp!r}")
    expect(h.get("X-Frame-Options") == "DENY", "X-Frame-Options is not DENY")
    expect(h.get("X-Content-Type-Options") == "nosniff", "no X-Content-Type-Options: nosniff")
    expect(h.get("Referrer-Policy") == "same-origin", "Referrer-Policy is not same-origin")
    expect(h.get("Cross-Origin-Opener-Policy") == "same-origin", "no COOP same-origin")
    expect("Server" not in h or "nginx/" not in h["Server"], "nginx says its version")
    # A public page carries no secret: Django compresses it (lib/page_cache.py).
    expect(h.get("Content-Encoding") == "gzip", "the public home page is not compressed")
    parts = urlsplit(HTTP_URL)
    connection = __import__("http.client").client.HTTPConnection(parts.hostname, parts.port)
    connection.request("GET", "/definitions/?x=1", headers={"Host": urlsplit(BASE_URL).netloc})
    plain = connection.getresponse()
    expect(plain.status == 301, f"plain HTTP answered {plain.status}, not a redirect")
    expect(
        plain.headers["Location"] == f"{BASE_URL}/definitions/?x=1",
        f"plain HTTP redirects to {plain.headers['Location']}",
    )
    connection.close()
    print("   headers: HSTS 1 year, CSP, X-Frame-Options DENY, nosniff, COOP; HTTP -> HTTPS 301")


def check_static() -> None:
    home = Browser().get("/")
    css = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    expect(css is not None, "the home page links no stylesheet")
    path = css.group(1)
    expect(re.search(r"\.[0-9a-f]{12}\.css$", path) is not None, f"{path} has no content hash")
    packed = Browser().get(path, headers={"Accept-Encoding": "gzip"})
    plain = Browser().get(path, headers={"Accept-Encoding": "identity"})
    expect(packed.status == 200 and plain.status == 200, f"{path}: {packed.status}")
    expect(packed.headers.get("Content-Encoding") == "gzip", f"{path} is not served gzipped")
    expect(gzip.decompress(packed.body) == plain.body, f"{path}: gzipped copy differs")
    expect("immutable" in packed.headers.get("Cache-Control", ""), f"{path} is not immutable")
    expect("Strict-Transport-Security" in packed.headers, f"{path} has no HSTS")
    expect("upstream=-" in ACCESS_LOG.read_text().splitlines()[-1], "static went to the app")
    print(
        f"   static: {path} gzipped by nginx from disk, {len(packed.body):,} of "
        f"{len(plain.body):,} bytes, immutable"
    )


def sign_in(username: str, *, then: str) -> tuple[Browser, Reply]:
    browser = Browser()
    page = browser.get(f"/accounts/login/?next={then}")
    answer = submit(browser, page, "username", username=username, password=PASSWORD, next=then)
    cookies = {c.split("=", 1)[0]: c for c in answer.set_cookies()}
    session = cookies.get("sessionid", "")
    for name in ("sessionid", "csrftoken"):
        cookie = cookies.get(name) or next(
            (c for c in page.set_cookies() if c.startswith(name)), ""
        )
        expect(cookie != "", f"signing in set no {name} cookie")
        expect("; Secure" in cookie, f"the {name} cookie is not Secure")
        expect("; HttpOnly" in cookie, f"the {name} cookie is not HttpOnly")
        expect("SameSite=Lax" in cookie, f"the {name} cookie is not SameSite=Lax")
    expect("expires=" not in session.lower(), "the session cookie outlives the browser")
    return browser, browser.follow(answer)


def whole_screening(caseworker: Browser) -> Screening:
    start = caseworker.get("/screenings/new/", headers={"Accept-Encoding": "gzip"})
    expect("no-store" in start.headers.get("Cache-Control", ""), "a screening page is cacheable")
    # Case data and a CSRF token: compressing it over TLS would open it to BREACH.
    expect(start.headers.get("Content-Encoding") is None, "a screening page is compressed")
    reference = f"HK-PROD-{int(time.time()) % 100000:05d}"
    form = form_of(start, "case_reference")
    picks = {
        name: ("no" if name == "immediate_danger" else options[0])
        for name, options in form["radios"].items()
        if name not in form["fields"]
    }
    reply = submit(
        caseworker,
        start,
        "case_reference",
        case_reference=reference,
        language="id",
        consent="on",
        **picks,
    )
    steps = 0
    while "/step/" in reply.location:
        page = caseworker.follow(reply)
        form = form_of(page, "version")
        answers = {
            name: ("yes" if steps % 2 == 0 and i == 0 else "no")
            for i, name in enumerate(n for n in form["radios"] if n.startswith("answer-"))
        }
        reply = submit(caseworker, page, "version", action="continue", **answers)
        steps += 1
    expect(steps >= 5, f"the screening had {steps} steps")
    complete = caseworker.follow(reply)
    expect(complete.path.endswith("/complete/"), f"after the steps came {complete.path}")
    summary = caseworker.follow(submit(caseworker, complete, "version", consent_to_share="yes"))
    expect(summary.status == 200 and reference in summary.text, "the summary does not show")
    expect("no-store" in summary.headers.get("Cache-Control", ""), "the summary is cacheable")
    screening = Screening.objects.get(case_reference=reference)
    expect(screening.status == Screening.Status.COMPLETED, f"status is {screening.status}")
    document = caseworker.get(f"/screenings/{screening.pk}/summary.pdf")
    expect(document.status == 200, f"the PDF answered {document.status}")
    expect(document.body.startswith(b"%PDF"), "the PDF is not a PDF")
    expect(document.headers.get("Content-Type") == "application/pdf", "PDF content type")
    print(
        f"   screening {reference}: details, {steps} steps, completed; summary; "
        f"PDF {len(document.body):,} bytes"
    )
    return screening


def supervisor_review(supervisor, screening: Screening) -> None:
    review = f"/screenings/{screening.pk}/review/"
    browser, page = sign_in(supervisor.username, then=review)
    expect("/accounts/two-factor/" in page.path, f"a supervisor reached {page.path} without 2FA")
    wrong = browser.post(page.path, {**form_of(page, "token")["fields"], "token": "000000"})
    expect(wrong.status == 200, "a wrong code was accepted")
    time.sleep(2.5)  # django-otp refuses every code for a second or two after a wrong one
    answer = submit(browser, page, "token", token=totp_code(supervisor))
    reviewed = browser.follow(submit(browser, browser.follow(answer), "version", comment="OK"))
    expect(reviewed.status == 200, f"after the review: {reviewed.status}")
    screening.refresh_from_db()
    expect(screening.status == Screening.Status.REVIEWED, f"status is {screening.status}")
    print("   supervisor: password, wrong code refused, TOTP code, review saved")


def contact_across_servers(admin, caseworker: Browser) -> None:
    contact = ReferralContact.objects.filter(active=True, kind="referral").exclude(email="")[0]
    new_email = f"referrals-{int(time.time())}@example.org"
    before = caseworker.get("/screenings/")
    expect(contact.email in before.text, f"the footer does not name {contact.email}")
    browser, page = sign_in(admin.username, then="/admin/")
    submit(browser, page, "token", token=totp_code(admin))
    change = browser.get(f"/admin/referrals/referralcontact/{contact.pk}/change/")
    saved = submit(browser, change, "email", email=new_email, _save="Save")
    expect("/change/" not in saved.location, "the admin did not save the contact")
    saved_by = upstream_lines()[-1][2]
    servers = []
    for _ in range(4):
        page = caseworker.get("/screenings/")
        servers.append(upstream_lines()[-1][2])
        expect(new_email in page.text, f"{servers[-1]} still names the old contact")
        expect(contact.email not in page.text, f"{servers[-1]} names the old e-mail too")
        if servers[-1] != saved_by:
            break
    expect(servers[-1] != saved_by, f"every read went to {saved_by}, the server that saved")
    print(
        f"   contact: e-mail changed in the admin through {saved_by}; the next page through "
        f"{servers[-1]} names it (reads: {len(servers)})"
    )


def saves_while_a_server_dies(caseworker_user, seconds: float = 12.0) -> dict:
    """Writers save steps through nginx; the last app server is killed a third of the way in."""
    writers = []
    for number in range(4):
        details = Screening(
            case_reference=f"HK-KILL-{number}",
            setting=Screening.Setting.OFFICE,
            language="en",
            consent=True,
            age_band=Screening.AgeBand.ADULT,
        )
        screening = services.create_screening(details=details, user=caseworker_user)
        writers.append(writer_for(screening, session_for(caseworker_user)))
    acks: list[Ack] = []
    outcomes: Counter = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    killed_at: list[float] = []

    def write(index, writer):
        browser = Browser(cookies={"sessionid": writer.session})
        attempts = 0
        version = None
        while time.monotonic() < deadline:
            step = writer.steps[attempts % len(writer.steps)]
            attempts += 1
            try:
                if version is None:
                    form = form_of(browser.get(step.path), "version")
                    version, token = (
                        form["fields"]["version"],
                        form["fields"]["csrfmiddlewaretoken"],
                    )
                marker = f"[writer {index} save {attempts}]"
                body = step_form(step.group, csrf_token=token, marker=marker)
                fields = {"version": version, **dict(parse_qsl(body))}
                reply = browser.request("POST", step.path, fields=fields)
            except (OSError, CheckFailed) as error:
                with lock:
                    outcomes[f"error {type(error).__name__}"] += 1
                version = None
                continue
            with lock:
                if reply.status == 302 and reply.location.endswith(step.next_path):
                    acks.append(Ack(writer.screening_id, step.group.slug, marker))
                    outcomes["acknowledged" + (" after the kill" if killed_at else "")] += 1
                    version = str(int(version) + 1)
                else:
                    outcomes[f"answered {reply.status}"] += 1
                    version = None  # unknown outcome: read the version back, as a person would

    threads = [threading.Thread(target=write, args=item) for item in enumerate(writers, 1)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 3)
    port, pid = APP_SERVERS[-1]
    os.killpg(int(pid), signal.SIGKILL)  # the app server's whole process group: a crash
    killed_at.append(time.monotonic())
    for thread in threads:
        thread.join()
    lost, missing = lost_writes(writers, acks)
    expect(lost == 0, f"{lost} acknowledged saves are not in the database: {missing[:3]}")
    expect(outcomes["acknowledged after the kill"] > 0, "no save was acknowledged after the kill")
    print(
        f"   saves while 127.0.0.1:{port} was killed: {len(acks)} acknowledged, {len(acks)} "
        f"found in the database, 0 lost; outcomes: {dict(outcomes)}"
    )
    return dict(outcomes)


def main() -> int:
    started = time.monotonic()
    try:
        users = make_accounts()
        check_headers_and_redirect()
        check_static()
        caseworker, _home = sign_in("check-caseworker", then="/screenings/")
        screening = whole_screening(caseworker)
        supervisor_review(users["check-supervisor"], screening)
        contact_across_servers(users["check-admin"], caseworker)
        saves_while_a_server_dies(users["check-caseworker"])
    except CheckFailed as failure:
        print(f"== production-check FAILED: {failure}")
        return 1
    served = Counter(server for _request, _status, server in upstream_lines())
    statuses = Counter(status for _request, status, _server in upstream_lines())
    print(
        f"   requests through nginx: {sum(served.values())}; by app server: "
        f"{', '.join(f'{s} {n}' for s, n in sorted(served.items()))}; statuses: "
        f"{', '.join(f'{s} {n}' for s, n in sorted(statuses.items()))}"
    )
    print(f"   driven in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
