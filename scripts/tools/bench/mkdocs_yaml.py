"""mkdocs.yml read and written as YAML data, keeping MkDocs' own tags (`!ENV [SITE_URL, …]`,
`!relative`, `!!python/name:…`) as they are, so that a copy of the project can get another
language list and still build exactly like the original. Comments are not kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag that only MkDocs resolves (left unresolved here)."""
    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _Loader.add_multi_constructor(_prefix, _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def load(text: str) -> dict:
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader that keeps unknown tags as data


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def i18n_options(data: dict) -> dict:
    """The i18n plugin's options in the `plugins:` list of a loaded mkdocs.yml (the same dict,
    so that changing it changes `data`)."""
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "i18n" in entry:
            return entry["i18n"]
    raise ValueError("mkdocs.yml has no `i18n` plugin with options under `plugins:`")


def languages(data: dict) -> list[dict]:
    return i18n_options(data)["languages"]


def set_languages(data: dict, entries: list[dict]) -> None:
    """Replace the i18n `languages:` list; keys MkDocs does not know (`source`) are left out."""
    i18n_options(data)["languages"] = [{k: v for k, v in lang.items() if k != "source"} for lang in entries]
