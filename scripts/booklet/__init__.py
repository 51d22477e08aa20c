"""The booklet: every page of one language's navigation in one printable PDF, per paper size.

    render.py     the chapters, cover and contents as HTML, then the PDF (WeasyPrint)
    chapters.py   one nav page as a chapter: its Markdown, notices, and ids made unique
    site_links.py the link on the home and handout pages, and its size filled in after the build
"""
