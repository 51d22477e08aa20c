"""The theme's static files, listed once per process for the folders of installed packages.

At every build MkDocs lists the theme's folders for static files (Files.add_files_from_theme:
every file, less templates, dot files and the like), and mkdocs-static-i18n runs one build per
language. Material's folder holds some 14,000 files, most of them icons, so every build listed
and sifted them once per language, and again at every rebuild under `serve`.

A folder inside the installed packages (Material's) only changes when packages are installed,
and then `serve` must be restarted anyway: its listing is kept for the process. The project's
own folders (overrides/) are listed afresh at every build, since people edit them.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import jinja2

_INSTALLED = tuple(str(Path(sysconfig.get_paths()[key]).resolve()) for key in ("purelib", "platlib"))
_listings: dict[tuple, list[str]] = {}


def _is_installed(folder: str) -> bool:
    return str(Path(folder).resolve()).startswith(_INSTALLED)


def _static_files(folder: str, static_templates: tuple, keep) -> list[str]:
    def listing() -> list[str]:
        return [name for name in jinja2.FileSystemLoader(folder).list_templates() if keep(name)]
    if not _is_installed(folder):
        return listing()
    # MkDocs' `keep` (the filter of add_files_from_theme) depends on the theme's
    # static_templates, and otherwise on constants of MkDocs.
    key = (folder, static_templates)
    if key not in _listings:
        _listings[key] = listing()
    return _listings[key]


def list_installed_theme_files_once(theme) -> None:
    """on_config: the Jinja environments of `theme` list the files of installed folders once per
    process. (on_config runs for every build, also for each language; wrapped once per theme.)"""
    if getattr(theme.get_env, "lists_installed_files_once", False):
        return
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        folders, static_templates = list(env.loader.searchpath), tuple(theme.static_templates)

        def list_templates(extensions=None, filter_func=None) -> list[str]:
            if extensions is not None or filter_func is None:     # (not MkDocs' call: as Jinja does it)
                return jinja2.Environment.list_templates(env, extensions, filter_func)
            return sorted({name for folder in folders
                           for name in _static_files(folder, static_templates, filter_func)})

        env.list_templates = list_templates
        return env

    get_env.lists_installed_files_once = True
    theme.get_env = get_env
