"""Which Chromium the browser tests and the first-visit benchmark drive, and how it is started.

Debian's `chromium-headless-shell` by default: Chromium's own headless browser, the one Playwright
itself launches for headless runs. It is the same Blink engine and version as the `chromium`
package (one Debian source package), without the desktop browser around it, so it does less
work for each page the tests open (the suite's time: scripts/tools/bench/suite_time.py).
CHROMIUM_PATH picks another Chromium or Chrome (the GitHub workflow uses the runner's Google
Chrome, as Ubuntu has no Debian Chromium). Never `playwright install`: no browser download.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run",
                 # V8's optimising compilers (Maglev, TurboFan) off: each page here lives for a
                 # second or less, too short to earn back the compiling (on two cores, that work
                 # competes with the tests). The same JavaScript, run by V8's interpreter and
                 # baseline compiler.
                 "--js-flags=--max-opt=1"]


def missing_browser_message() -> str:
    return (f"{CHROMIUM} not found: install Debian's chromium-headless-shell (./scripts/run installs it), "
            "or set CHROMIUM_PATH to a Chromium or Chrome. Never `playwright install`: the tests use "
            "the system's browser.")
