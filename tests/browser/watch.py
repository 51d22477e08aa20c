"""What a page did in the browser: console errors, failed requests, requests to other hosts,
and what axe-core says about its accessibility. Used by the browser tests, and tested on
hand-made bad pages in test_helpers.py so that we know they can report a problem."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

# Schemes that never leave the browser.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class PageWatch:
    """Records, while attached to a page, everything that would mean it is broken or leaky.

    `allowed_origin` is the only origin the page may talk to (http://127.0.0.1:<port>).
    `expected_errors` are URLs that may answer with an error status (the 404 page itself).
    """

    allowed_origin: str
    expected_errors: set[str] = field(default_factory=set)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    in_flight: set = field(default_factory=set)      # requests not answered yet

    def attach(self, page) -> "PageWatch":
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("request", self._on_request)
        page.on("requestfailed", self._on_failed)
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("response", self._on_response)
        return self

    def _on_failed(self, request) -> None:
        self.in_flight.discard(request)
        self.failed_requests.append(f"{request.url} ({request.failure})")

    def wait_until_answered(self, page, quiet_ms: int = 100, timeout_s: float = 10) -> None:
        """Wait until every request the page made is answered and none starts for quiet_ms: its
        late failures are then recorded. (Playwright's "networkidle" waits 500 ms of quiet.)"""
        deadline, quiet = time.monotonic() + timeout_s, 0
        while quiet < quiet_ms:
            page.wait_for_timeout(20)      # (the page's events are handled meanwhile)
            quiet = 0 if self.in_flight else quiet + 20
            if time.monotonic() > deadline:
                raise AssertionError(f"requests still unanswered after {timeout_s} s: "
                                     f"{sorted(request.url for request in self.in_flight)}")

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        location = message.location or {}
        if location.get("url") in self.expected_errors and "status of 404" in message.text:
            return  # Chromium logs the 404 page's own status as a console error
        self.console_errors.append(f"{message.text} [{location.get('url', '')}]")

    def _on_request(self, request) -> None:
        self.in_flight.add(request)
        if not is_allowed(request.url, self.allowed_origin):
            self.foreign_requests.append(request.url)

    def _on_response(self, response) -> None:
        if response.status >= 400 and response.url not in self.expected_errors:
            self.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def reset(self) -> None:
        self.console_errors.clear()
        self.failed_requests.clear()
        self.foreign_requests.clear()
        self.in_flight.clear()

    def problems(self) -> list[str]:
        return ([f"console error: {text}" for text in self.console_errors]
                + [f"failed request: {text}" for text in self.failed_requests]
                + [f"request to another host: {url}" for url in self.foreign_requests])


def is_allowed(url: str, allowed_origin: str) -> bool:
    if url.startswith(LOCAL_SCHEMES):
        return True
    parts, allowed = urlsplit(url), urlsplit(allowed_origin)
    return (parts.scheme, parts.netloc) == (allowed.scheme, allowed.netloc)


def other_hosts_blocked(refusing_port: int) -> list[str]:
    """Chromium's arguments that make every request to a host other than this machine fail at
    once (a leak fails fast, and is still recorded by PageWatch) instead of waiting for DNS or a
    connection on a machine without internet: such requests go to a proxy at `refusing_port`
    on 127.0.0.1, where nothing listens. (Chromium never sends 127.0.0.1 itself to a proxy.)
    Unlike Playwright's request routing, this keeps the browser's HTTP cache on."""
    return [f"--proxy-server=http://127.0.0.1:{refusing_port}"]


def forget_site_data(page, origin: str) -> None:
    """Wipe everything the site stored in the page's browser context (local storage, cookies,
    IndexedDB, caches), as if the reader had never been there; the HTTP cache is kept."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    finally:
        session.detach()


_AXE = Axe()  # axe-core as bundled with axe-playwright-python

# axe-core parses the computed colour of every element it looks at from its text, again for each
# element and each rule (with colorjs.io: a large part of an audit's time on these pages). A text
# always gives the same colour, so each is parsed once per page here; what a colour is, and every
# check made with it, stay axe's own. (axe.commons.color.Color is axe's API for rule authors; if a
# new axe moves parseString, this stops with that message instead of slowing down unnoticed.)
PARSE_EACH_COLOUR_ONCE = """() => {
  const Color = axe.commons && axe.commons.color && axe.commons.color.Color;
  if (!Color || typeof Color.prototype.parseString !== "function") {
    throw new Error("axe.commons.color.Color.prototype.parseString is gone: update tests/browser/watch.py");
  }
  const parse = Color.prototype.parseString, parsed = new Map();
  Color.prototype.parseString = function (text) {
    const known = parsed.get(text);
    if (known === undefined) {
      parse.call(this, text);              // (a text axe cannot parse throws here, as before)
      parsed.set(text, [this.r, this.g, this.b, this.alpha]);
    } else {
      [this.r, this.g, this.b, this.alpha] = known;
    }
    return this;
  };
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations for the page as it is now: every rule axe runs by default,
    every impact (minor included). Nothing is switched off.

    Like Axe.run, but axe-core (half a megabyte of JavaScript) is injected once per document,
    not on every run: the tests run it twice per page (desktop, then phone width)."""
    if not page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(_AXE.axe_script)
        page.evaluate(PARSE_EACH_COLOUR_ONCE)
    # (only the violations leave the page: the whole result, with every rule that passed, is
    # several times bigger, and Playwright checks every value of what it hands back)
    return page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(results => results.violations)")


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


# What the keyboard user sees of the focused element. Material hides some controls and shows
# their <label> instead (the colour-scheme radio buttons), so the label counts for those.
FOCUS_STATE = r"""async () => {
  // Let the page react to the focus, then end transitions. Material reacts to focus changes
  // after a timer (debounceTime(1) in its watchElementFocus: on a phone the search box is shown
  // only then, at opacity 0 before). Two frames alone did not always outlast that timer on a
  // busy machine (the renderer may draw frames before it runs timers), so first wait for a
  // timer due after Material's: timers run in the order they are due. Then two frames for the
  // styles it changed to start their transitions, which are then ended.
  await new Promise(resolve => setTimeout(resolve, 2));
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  document.getAnimations().forEach(animation => animation.finish());
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const empty = node => { const r = node.getBoundingClientRect(); return r.width === 0 || r.height === 0; };
  let shown = element;
  if (empty(element)) {
    const labels = [...(element.labels || []), element.nextElementSibling]
      .filter(node => node && node.tagName === "LABEL" && !empty(node));
    shown = labels[0] || element;
  }
  const rect = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  let opacity = 1;
  for (let node = shown; node instanceof Element; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  const name = (element.getAttribute("aria-label") || element.textContent || "").trim().replace(/\s+/g, " ");
  return {
    element: `<${element.tagName.toLowerCase()} class="${element.className}"`
      + (element.getAttribute("href") ? ` href="${element.getAttribute("href")}"` : "")
      + `> ${name.slice(0, 40)}`,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    visibility: style.visibility,
    opacity: opacity,
    left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom,
    viewportWidth: innerWidth, viewportHeight: innerHeight,
  };
}"""


def focus_problems(state: dict | None) -> list[str]:
    """Why the keyboard focus described by FOCUS_STATE cannot be seen ([] when it can)."""
    if state is None:
        return ["nothing is focused"]
    problems = []
    if state["outlineStyle"] == "none" or state["outlineWidth"] < 2:
        problems.append(f"no outline (outline: {state['outlineStyle']} {state['outlineWidth']}px)")
    if state["visibility"] != "visible" or state["opacity"] < 0.5:
        problems.append(f"invisible (visibility {state['visibility']}, opacity {state['opacity']:.2f})")
    if (state["right"] - state["left"]) * (state["bottom"] - state["top"]) <= 0:
        problems.append("has no size")
    if (state["right"] <= 0 or state["bottom"] <= 0
            or state["left"] >= state["viewportWidth"] or state["top"] >= state["viewportHeight"]):
        problems.append(f"off screen at ({state['left']:.0f}, {state['top']:.0f})")
    return [f"{state['element']}: {problem}" for problem in problems]
