"""YAML as the project reads it: PyYAML's safe loaders, in libyaml's C version (PyYAML's wheels
include it; the pure-Python one where they do not), which reads a file several times faster.
Both are the same YAML and the same safe constructors: no tag can make either run code."""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)    # every value a string


def load_with_lines(text: str) -> tuple[object, yaml.Node | None]:
    """The data of a YAML document, and its node tree for the line of each key (parsed once).
    Raises yaml.YAMLError, whose problem_mark is where the text went wrong."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()
