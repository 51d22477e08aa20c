"""Offline checks over the built site and its sources.

Each check module exposes `run(site: BuiltSite) -> list[Finding]`. `python -m scripts.check`
runs them all; tests call them one by one on the real build and on broken copies.
"""
