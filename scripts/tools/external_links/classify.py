"""What an answer means (ok, warning or error) and what to do about it."""

from __future__ import annotations

from typing import NamedTuple

from scripts.tools.external_links.ask import ERROR_NAMES, Settings
from scripts.tools.external_links.cache import LinkCheck


class Verdict(NamedTuple):
    severity: str       # "ok", "warning" (temporary: asked again on every run) or "error" (broken)
    message: str        # what is wrong; "" when ok
    fix: str            # what to do, with a {where} for the file:line list; "" when ok


def classify(answer: LinkCheck) -> Verdict:
    """What one answer means, and what to do about it."""
    return Verdict(*_verdict(answer))


def _verdict(answer: LinkCheck) -> tuple[str, str, str]:
    status, error, detail = answer.status, answer.error, answer.detail
    fix_it = "Fix or remove the link in {where}."
    by_hand = "Open it in a browser; if it fails there too, fix or remove the link in {where}."
    later = ("Nothing to do if it works next time (it is asked again on every run); "
             "if it keeps failing, check the link in {where} by hand.")
    if error == "dns":
        return "error", "The site's name does not exist any more (or has a typo).", fix_it
    if error == "refused":
        return "error", "Nothing answers at this address.", fix_it
    if error == "too-many-redirects":
        return "error", "The address redirects in a loop.", "Replace the link in {where} with the page's current address."
    if error == "certificate":
        return "error", "The site's HTTPS certificate is not valid; browsers warn readers.", by_hand
    if error == "invalid-url":
        return "error", f"The address is not a valid URL ({detail}).", fix_it
    if error == "timeout":
        return "warning", f"The site did not answer ({detail}).", later
    if error:
        return "warning", f"The check could not finish: {ERROR_NAMES.get(error, error)} ({detail}).", later
    if not isinstance(status, int):
        return "warning", "No result recorded.", later
    if 200 <= status < 300:
        return "ok", "", ""
    if status in (404, 410):
        gone = "is gone for good" if status == 410 else "does not exist"
        return "error", f"The page {gone}.", \
            "Fix or remove the link in {where} (look for the page's new address, or an archived copy)."
    tries = f"{answer.tries} {'try' if answer.tries == 1 else 'tries'}"
    if status == 429:
        wait = answer.retry_after
        if wait is not None and wait > Settings.retry_after_cap:
            return "warning", f"The site asked us to wait {wait:g} s before asking again ({tries}).", later
        return "warning", f"The site asked us to slow down ({tries}).", later
    if status >= 500:
        return "warning", f"The site has a problem on its side ({tries}).", later
    if 400 <= status < 500:
        return "error", "The site refused the request.", by_hand
    return "warning", "Unexpected answer.", by_hand


def describe(answer: LinkCheck) -> str:
    """The result in a few words: "HTTP 404 Not Found", "connection refused", …"""
    error, status = answer.error, answer.status
    if not error:
        return f"HTTP {status} {answer.detail}".strip()
    name = ERROR_NAMES.get(error, error)
    return f"{name} (HTTP {status})" if status else name
