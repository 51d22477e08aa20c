"""Build code, checks and commands of the site (see README, "Layout of the repository").

The code imports the `mkdocs` API. Under ProperDocs (the maintained fork of MkDocs 1.x) that
name is an alias ProperDocs sets up for `properdocs`; importing it here first makes every
command work when only ProperDocs is installed, too.
"""

try:
    import mkdocs  # noqa: F401
except ImportError:  # ProperDocs only: mkdocs.* imports are served by properdocs.*
    import properdocs.replacement  # noqa: F401
