"""Render one of the theme's partials from a hook, with the theme's own Jinja environment."""

from __future__ import annotations


def render_partial(config, name: str, **context) -> str:
    # config.theme knows overrides/ and Material's templates, in that order.
    return config.theme.get_env().get_template(name).render(**context)
