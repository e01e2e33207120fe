"""Full-page screenshots of the main pages at a phone's and a desk's width, for a before/after.

    .venv/bin/python scripts/screenshots.py /tmp/shots/before
    (change the CSS)
    .venv/bin/python scripts/screenshots.py /tmp/shots/after
    .venv/bin/python scripts/screenshots.py --compare /tmp/shots/before /tmp/shots/after

Each run sets up a throwaway production-like app (bench.environment: DEBUG off, collectstatic,
gunicorn + whitenoise), so the pages are drawn with the static files as production serves
them. `--compare` lists the screenshots that differ by any pixel. Used when
static/vendor/bootstrap/bootstrap.min.css was trimmed (scripts/trim_bootstrap.sh).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WIDTHS = {"phone": {"width": 360, "height": 780}, "desk": {"width": 1280, "height": 900}}


def compare(before: Path, after: Path) -> int:
    from PIL import Image, ImageChops

    changed = 0
    for old in sorted(before.glob("*.png")):
        new = after / old.name
        if not new.exists():
            print(f"missing after: {old.name}")
            changed += 1
            continue
        a, b = Image.open(old).convert("RGB"), Image.open(new).convert("RGB")
        box = None if a.size != b.size else ImageChops.difference(a, b).getbbox()
        if a.size != b.size or box:
            print(f"differs: {old.name} ({a.size} → {b.size}, changed box {box})")
            changed += 1
    print(f"{changed} of {len(list(before.glob('*.png')))} screenshots differ")
    return 1 if changed else 0


def pages() -> tuple[dict[str, tuple[str, str | None]], dict[str, str]]:
    """(name → (path, who is signed in)), and the sessions by who."""
    from django.urls import reverse

    from bench import data

    worker = data.caseworker()
    boss = data.supervisor()
    full = data.complete_screening(worker, "HK-SHOT-FULL")
    draft = data.new_screening(worker, "HK-SHOT-DRAFT")
    data.answer_every_step(draft, worker)
    sessions = {
        "caseworker": data.session_for(worker),
        "supervisor": data.session_for(boss, **data.verified(boss)),
    }
    found = {
        "home": (reverse("home"), None),
        "indicators": (reverse("definitions:indicators"), None),
        "definitions": (reverse("definitions:definitions"), None),
        "contacts": (reverse("referrals:contacts"), None),
        "login": (reverse("accounts:login"), None),
        "list": (reverse("screening:list"), "caseworker"),
        "details": (draft.step_url(1), "caseworker"),
        "step": (draft.step_url(2), "caseworker"),
        "complete": (draft.step_url(draft.complete_step), "caseworker"),
        "summary": (reverse("screening:summary", args=[full.pk]), "caseworker"),
        "statistics": (reverse("screening:statistics"), "supervisor"),
        "supervisor-list": (reverse("screening:list"), "supervisor"),
    }
    return found, sessions


def shoot(folder: Path) -> None:
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    from bench.environment import production_environment

    workdir = Path(tempfile.mkdtemp(prefix="shots-"))
    os.environ.update(production_environment(workdir))
    import django

    django.setup()
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, interactive=False, stdout=quiet)
    call_command("load_reference", stdout=quiet)
    call_command("load_client_texts", stdout=quiet)
    call_command("collectstatic", verbosity=0, interactive=False, stdout=quiet)
    found, sessions = pages()

    from playwright.sync_api import sync_playwright

    from bench.phone import CHROMIUM, CHROMIUM_ARGS
    from bench.server import Gunicorn

    folder.mkdir(parents=True, exist_ok=True)
    with Gunicorn(workdir, name="shots") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, viewport in WIDTHS.items():
            for name, (path, who) in found.items():
                context = browser.new_context(viewport=viewport)
                if who:
                    cookie = {"name": "sessionid", "value": sessions[who], "url": server.url}
                    context.add_cookies([cookie])
                page = context.new_page()
                page.goto(server.url + path, wait_until="load")
                if not page.url.endswith(path):
                    raise RuntimeError(f"{path} went to {page.url}")
                page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
                context.close()
            # The sign-in page with its error.
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(server.url + found["login"][0])
            page.fill("#id_username", "nobody")
            page.fill("#id_password", "wrong")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.screenshot(path=folder / f"login-error-{width}.png", full_page=True)
            context.close()
        browser.close()
    print(f"{len(list(folder.glob('*.png')))} screenshots in {folder}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("after", type=Path, nargs="?")
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.compare:
        return compare(args.folder, args.after)
    shoot(args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
