"""A page on a slow phone: Chromium with DevTools' network and CPU emulation, cold and warm.

Each cold load is a new browser context (empty cache, no connections kept); the warm load is a
reload in the same context, as a caseworker coming back to a page. Largest contentful paint is
read from a `PerformanceObserver`; bytes are the `encodedDataLength` of every response that
came over the network (headers and compressed body, as they crossed the wire).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

CHROMIUM = "/usr/bin/chromium"
# As tests/browser/conftest.py launches it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A mid-range phone on a poor mobile connection (DevTools' figures, as in issue 24).
LATENCY_MS = 150
DOWNLOAD_BITS = 1_600_000
UPLOAD_BITS = 750_000
CPU_SLOWDOWN = 4
VIEWPORT = {"width": 360, "height": 780}

LCP_SCRIPT = """
window.__lcp = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__lcp = entry.startTime;
}).observe({type: "largest-contentful-paint", buffered: true});
"""


@dataclass
class Load:
    """One page load: LCP in ms, bytes over the network, requests over the network."""

    lcp_ms: float
    bytes: int
    requests: int


@dataclass
class PhoneRun:
    """Several cold loads and the warm reload after each; figures are medians."""

    cold: list[Load] = field(default_factory=list)
    warm: list[Load] = field(default_factory=list)
    # The page's HTML as served (uncompressed) and gzipped, to show what compressing it would save.
    html_bytes: int = 0
    html_gzip_bytes: int = 0

    @staticmethod
    def _median(loads: list[Load], name: str) -> float:
        return statistics.median(getattr(load, name) for load in loads) if loads else 0.0

    def cold_lcp_ms(self) -> float:
        return self._median(self.cold, "lcp_ms")

    def warm_lcp_ms(self) -> float:
        return self._median(self.warm, "lcp_ms")

    def cold_kb(self) -> float:
        return self._median(self.cold, "bytes") / 1000

    def warm_kb(self) -> float:
        return self._median(self.warm, "bytes") / 1000

    def cold_requests(self) -> int:
        return round(self._median(self.cold, "requests"))

    def warm_requests(self) -> int:
        return round(self._median(self.warm, "requests"))


class Traffic:
    """What came over the network during one load, from the DevTools protocol's events."""

    def __init__(self, cdp):
        self.bytes = 0
        self.requests = 0
        self.cached: set[str] = set()
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", self._finished)

    def _finished(self, event) -> None:
        if event["requestId"] in self.cached or not event.get("encodedDataLength"):
            return
        self.bytes += int(event["encodedDataLength"])
        self.requests += 1

    def reset(self) -> None:
        self.bytes = self.requests = 0
        self.cached.clear()


def _settle(page) -> float:
    """Wait until the page is loaded and quiet, then read its largest contentful paint."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # LCP entries are queued to the observer after the paint
    return float(page.evaluate("window.__lcp"))


def load_on_a_phone(browser, url: str, cookies: list[dict] | None = None) -> tuple[Load, Load]:
    """One cold load in a new context, then one reload with its cache: (cold, warm)."""
    context = browser.new_context(
        viewport=VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        if cookies:
            context.add_cookies(cookies)
        context.add_init_script(LCP_SCRIPT)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": LATENCY_MS,
                "downloadThroughput": DOWNLOAD_BITS / 8,
                "uploadThroughput": UPLOAD_BITS / 8,
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        traffic = Traffic(cdp)
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200 or response.url != url:
            status = response.status if response else "nothing"
            raise RuntimeError(f"{url} answered {status} at {page.url}, not the page")
        cold = Load(_settle(page), traffic.bytes, traffic.requests)
        traffic.reset()
        page.reload(wait_until="load")
        warm = Load(_settle(page), traffic.bytes, traffic.requests)
        return cold, warm
    finally:
        context.close()


def measure_pages(
    pages: dict[str, tuple[str, list[dict] | None]], runs: int
) -> dict[str, PhoneRun]:
    """Each page `runs` times (cold, then warm), taking turns so each shares the machine's load."""
    from playwright.sync_api import sync_playwright

    results = {key: PhoneRun() for key in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            for _ in range(runs):
                for key, (url, cookies) in pages.items():
                    cold, warm = load_on_a_phone(browser, url, cookies)
                    results[key].cold.append(cold)
                    results[key].warm.append(warm)
        finally:
            browser.close()
    return results
