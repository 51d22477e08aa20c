"""Translation state of every page in every language, and the translator commands.

    python -m scripts.translations status [--lang es] [--json] [--diff]
    python -m scripts.translations sync es symptoms.md      # record that es/symptoms.md matches English now
"""
