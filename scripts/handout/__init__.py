"""The printable handout: docs/<lang>/handout.md turned into a two-page PDF with WeasyPrint.

The build hook makes every language × paper size; `python -m scripts.handout` makes one for a
clinic, with its name, phone, address and logo in the marked box.
"""
