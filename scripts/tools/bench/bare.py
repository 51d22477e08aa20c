"""The bare build's mkdocs.yml: the site's pages and languages with Material and
mkdocs-static-i18n only, written from the loaded real configuration."""

from __future__ import annotations

from pathlib import Path

import yaml


def _plain(value):
    """A config value as plain YAML data, without unset (None) or empty options."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != {} and v != []}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def i18n_options(mkdocs_config) -> dict:
    """The i18n plugin's options and languages as mkdocs.yml gives them (defaults left out)."""
    return _plain(mkdocs_config.plugins["i18n"].config)


def bare_config(mkdocs_config, docs_dir: Path, site_dir: Path) -> dict:
    """mkdocs.yml for the bare build: the same pages, languages, theme name, features, palette,
    Markdown extensions and excluded files; no custom_dir, hooks or other plugins."""
    theme = mkdocs_config["theme"]
    extensions = [name if name not in mkdocs_config["mdx_configs"] else {name: mkdocs_config["mdx_configs"][name]}
                  for name in mkdocs_config["markdown_extensions"]]
    exclude = mkdocs_config["exclude_docs"]
    return {
        "site_name": mkdocs_config["site_name"],
        "site_url": mkdocs_config["site_url"],
        "use_directory_urls": mkdocs_config["use_directory_urls"],
        "docs_dir": str(Path(docs_dir).resolve()),
        "site_dir": str(site_dir),
        "exclude_docs": "\n".join(p.pattern for p in exclude.patterns) + "\n" if exclude else None,
        "theme": {"name": theme.name, "features": list(theme["features"]), "palette": _plain(theme["palette"])},
        "plugins": ["search", {"i18n": i18n_options(mkdocs_config)}],
        "markdown_extensions": extensions,
        "nav": mkdocs_config["nav"],
    }


def write_bare_config(folder: Path, site_dir: Path) -> Path:
    from scripts.config.site import SiteConfig

    site = SiteConfig()
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(bare_config(site.mkdocs, site.docs_dir, site_dir),
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
