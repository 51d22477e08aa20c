"""Compiled theme templates kept for the life of the process (Jinja's bytecode cache, in memory).

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs one build per
language, so Material's templates were compiled again for each language and, under `serve`, at
every rebuild: about a second each time. Jinja keys a compiled template by its name and file and
checks a hash of its source, so an edited template is compiled again. What else changes the
compiled code (extensions, delimiters, whitespace options) is part of which cache is used.
"""

from __future__ import annotations

import jinja2

_caches: dict[tuple, "MemoryBytecodeCache"] = {}


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _compile_options(env: jinja2.Environment) -> tuple | None:
    if callable(env.autoescape):
        return None            # decided per template by a function: not shared (compiled as usual)
    return (tuple(sorted(env.extensions)), env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string,
            env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
            env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
            env.autoescape, type(env.loader).__name__)


def reuse_compiled_templates(env: jinja2.Environment) -> jinja2.Environment:
    """on_env: give the build's environment the process's cache for its compile options."""
    options = _compile_options(env)
    if options is not None and env.bytecode_cache is None:
        env.bytecode_cache = _caches.setdefault(options, MemoryBytecodeCache())
    return env
