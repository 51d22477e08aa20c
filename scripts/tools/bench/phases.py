"""Where the time of one build goes: a build run in-process with every plugin and hook event
timed, and the steps of the hooks' on_post_build (handout PDFs, search index split) timed
inside it.

    python -m scripts.tools.bench.phases --out profile.json [--strict] [--inner-steps] \\
        --config-file mkdocs.yml --site-dir /tmp/site

The benchmark runs that in a fresh process per build (profile_build), so that the time before
the build (Python start, importing MkDocs) is the wall time minus the in-process total.

How the events are timed, without changing MkDocs: after load_config, each plugin's (and the
hooks module's) on_* methods are replaced on that object by timing wrappers that keep their
`mkdocs_priority`, and the plugins are added to a new PluginCollection, which registers the
wrappers in the same order, as MkDocs registers any plugin's events. A wrapper records the time
spent in its event minus the time of events nested inside it: mkdocs-static-i18n builds the other
languages from inside its on_post_build. The on_post_build steps are functions of our own,
wrapped where hooks.py looks them up (INNER_STEPS); a name that is no longer there stops the
profile with a message (StepMissing) instead of timing nothing. Every wrapper is removed again
after the build.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from scripts.config.site import ROOT
from scripts.tools.bench.timing import run_timed

HOOKS_ORIGIN = "scripts/build/hooks.py"   # the hooks' name in mkdocs.yml, and so in the plugin collection
# Steps of the hooks' on_post_build, timed inside it: (name as hooks.py sees it, label).
INNER_STEPS = (("HandoutBuild.write", "handout PDFs (wait after the pages)"),
               ("split_search_index", "search index split"))


class StepMissing(RuntimeError):
    """A function the profile times is no longer where it looks for it."""


class EventTimer:
    """Exclusive seconds and calls per (plugin, event), and inclusive seconds per inner step."""

    def __init__(self):
        self.exclusive: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.inner: dict[str, float] = defaultdict(float)
        self._nested = [0.0]   # per open event: seconds of the events that ran inside it

    def event(self, label: str, method):
        """`method` timed as event `label`, exclusive of events nested inside it."""
        @functools.wraps(method)
        def timed(*args, **kwargs):
            self._nested.append(0.0)
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                nested = self._nested.pop()
                self._nested[-1] += elapsed
                self.exclusive[label] += elapsed - nested
                self.calls[label] += 1
        if hasattr(method, "mkdocs_priority"):
            timed.mkdocs_priority = method.mkdocs_priority
        return timed

    def step(self, label: str, function):
        """`function` timed as a step inside an event (inclusive; the event's time keeps it)."""
        @functools.wraps(function)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.inner[label] += time.perf_counter() - start
        return timed

    def as_dict(self) -> dict:
        return {"exclusive": dict(self.exclusive), "calls": dict(self.calls), "inner": dict(self.inner)}


def _replace(stack: contextlib.ExitStack, owner, name: str, value) -> None:
    """Set owner.name = value until `stack` closes, then put back what was there."""
    own = vars(owner)
    had_own, old = name in own, own.get(name)
    setattr(owner, name, value)
    stack.callback(lambda: setattr(owner, name, old) if had_own else delattr(owner, name))


def timed_plugins(plugins, timer: EventTimer, stack: contextlib.ExitStack):
    """A new PluginCollection with the same plugins in the same order, every event timed."""
    from mkdocs.plugins import CombinedEvent, PluginCollection

    timed = PluginCollection()
    for name, plugin in plugins.items():
        for attr in [a for a in dir(plugin) if a.startswith("on_")]:
            method = getattr(plugin, attr, None)
            if isinstance(method, CombinedEvent):
                wrapper = CombinedEvent(*(timer.event(f"{name} {attr}", m) for m in method.methods))
            elif callable(method):
                wrapper = timer.event(f"{name} {attr}", method)
            else:
                continue
            _replace(stack, plugin, attr, wrapper)
        timed[name] = plugin
    registered = sum(map(len, timed.events.values()))
    expected = sum(map(len, plugins.events.values()))
    if registered != expected:
        raise StepMissing(f"timed {registered} event handlers but MkDocs registered {expected}: MkDocs no longer "
                          "registers a plugin's on_* methods when it is added (update timed_plugins)")
    return timed


def wrap_inner_steps(hooks_module, timer: EventTimer, stack: contextlib.ExitStack, steps=INNER_STEPS) -> None:
    """Time each step where the hooks module looks it up ('split_search_index' is a name in
    its globals, 'HandoutBuild.write' a method of a class it imported)."""
    for dotted, label in steps:
        *path, name = dotted.split(".")
        owner = hooks_module
        for part in path:
            owner = getattr(owner, part, None)
        if owner is None or not callable(getattr(owner, name, None)):
            raise StepMissing(f"{getattr(hooks_module, '__file__', hooks_module)} has no {dotted} any more: the "
                              "benchmark times that step of on_post_build; update INNER_STEPS in "
                              "scripts/tools/bench/phases.py")
        _replace(stack, owner, name, timer.step(label, getattr(owner, name)))


def profile_in_process(config_file: Path, site_dir: Path, strict: bool, inner_steps: bool) -> dict:
    """`mkdocs build` in this process as its command line runs it (load_config, on_startup,
    build, on_shutdown), every event timed. Seconds: total, load_config (which imports the
    plugins and hooks.py), exclusive per "<plugin> on_<event>", inner steps."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timer = EventTimer()
    start = time.perf_counter()
    config = load_config(str(config_file), strict=strict, site_dir=str(site_dir))
    loaded = time.perf_counter()
    with contextlib.ExitStack() as stack:
        config["plugins"] = timed_plugins(config["plugins"], timer, stack)
        if inner_steps:
            hooks = config["hooks"].get(HOOKS_ORIGIN)
            if hooks is None:
                raise StepMissing(f"mkdocs.yml lists no hooks {HOOKS_ORIGIN!r}: update HOOKS_ORIGIN")
            wrap_inner_steps(hooks, timer, stack)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    total = time.perf_counter() - start
    return {"total": total, "load_config": loaded - start, **timer.as_dict()}


def profile_build(config_file: Path, strict: bool, inner_steps: bool, cwd: Path = ROOT) -> dict:
    """One profiled build in a fresh Python process; adds its wall time ("wall")."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        out = Path(folder) / "profile.json"
        cmd = [sys.executable, "-m", "scripts.tools.bench.phases", "--out", str(out),
               *(["--strict"] if strict else []), *(["--inner-steps"] if inner_steps else []),
               "--config-file", str(config_file), "--site-dir", str(Path(folder) / "site")]
        result = run_timed(cmd, cwd)
        if result["returncode"] != 0 or not out.is_file():
            raise RuntimeError(f"profiled build failed (exit {result['returncode']}):\n{result['output'][-4000:]}")
        return {**json.loads(out.read_text(encoding="utf-8")), "wall": result["seconds"]}


def phases(profile: dict, hooks_origin: str = HOOKS_ORIGIN) -> dict[str, float]:
    """A profile as named phases that add up to the in-process total: each hooks.py event
    (on_post_build split into its steps), the search plugin, loading mkdocs.yml, and the rest."""
    result: dict[str, float] = {}
    for key, seconds in profile["exclusive"].items():
        origin, event = key.rsplit(" ", 1)
        if origin == hooks_origin:
            result[f"hooks {event}"] = result.get(f"hooks {event}", 0.0) + seconds
        elif origin.endswith("search"):
            result["search plugin (all events)"] = result.get("search plugin (all events)", 0.0) + seconds
    post_build = result.pop("hooks on_post_build", None)
    if post_build is not None:
        inner = profile.get("inner", {})
        for label, seconds in inner.items():
            result[f"hooks on_post_build: {label}"] = seconds
        result["hooks on_post_build: rest"] = max(0.0, post_build - sum(inner.values()))
    if "load_config" in profile:
        result["load mkdocs.yml (imports plugins, hooks.py)"] = profile["load_config"]
    result["MkDocs, theme templates, i18n (rest)"] = profile["total"] - sum(result.values())
    result["total in-process"] = profile["total"]
    result["Python start and imports"] = profile["wall"] - profile["total"]
    small = [name for name, seconds in result.items()   # the on_post_build steps are always shown
             if name.startswith("hooks") and not name.startswith("hooks on_post_build") and seconds < 0.01]
    if len(small) > 1:
        result["hooks, other events (each < 0.01 s)"] = sum(result.pop(name) for name in small)
    return result


def median_phases(profiles: list[dict[str, float]]) -> dict[str, float]:
    names = {name for p in profiles for name in p}
    return {name: statistics.median(p.get(name, 0.0) for p in profiles) for name in names}


def phase_breakdown(runs: int) -> dict:
    """Median seconds per phase of the full build and of the bare build, over `runs` profiled runs."""
    from scripts.tools.bench.bare import write_bare_config

    full = [phases(profile_build(ROOT / "mkdocs.yml", strict=True, inner_steps=True)) for _ in range(runs)]
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as folder:
        config = write_bare_config(Path(folder), Path(folder) / "site")
        bare = [phases(profile_build(config, strict=False, inner_steps=False)) for _ in range(runs)]
    return {"runs": runs, "full": median_phases(full), "bare": median_phases(bare)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.bench.phases", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="JSON file for the seconds by event")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--inner-steps", action="store_true", help="also time the steps of the hooks' on_post_build")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()   # what `mkdocs build` prints, as its command line sets it up
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    profile = profile_in_process(args.config_file, args.site_dir, args.strict, args.inner_steps)
    args.out.write_text(json.dumps(profile, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
