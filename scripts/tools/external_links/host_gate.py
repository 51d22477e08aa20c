"""Politeness towards each site: one request at a time per host, and a delay between two."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager


class HostGate:
    """At most one request at a time per host, and at least `delay` seconds between two."""

    def __init__(self, delay: float):
        self.delay = delay
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str):
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            while (wait := self._next(host) - time.monotonic()) > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self.defer(host, self.delay)

    def defer(self, host: str, seconds: float) -> None:
        """No request to this host for `seconds` from now (politeness delay, backoff, Retry-After)."""
        with self._lock:
            self._next_at[host] = max(self._next_at.get(host, 0.0), time.monotonic() + seconds)

    def _next(self, host: str) -> float:
        with self._lock:
            return self._next_at.get(host, 0.0)
