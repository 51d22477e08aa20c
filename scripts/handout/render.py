"""Render a handout PDF for one language and paper size, optionally with a clinic's details."""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import segno
from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.utils.meta import get_data

from scripts import site_strings
from scripts.review import review_context
from scripts.site_config import SiteConfig, language_prefix, page_url
from scripts.translations.notices import notice_context
from scripts.translations.state import page_state

HERE = Path(__file__).resolve().parent
PAPERS = {"a4": ("A4", "210mm 297mm"), "letter": ("US Letter", "8.5in 11in")}
MAX_PAGES = 2
# Clinic box limits, checked by laying the box out on its own (see clinic_box_fits).
CLINIC_BOX_SIZE = ("120mm", "26mm")


class HandoutError(Exception):
    """Bad input for a handout: the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Clinic:
    name: str = ""
    phone: str = ""
    address: str = ""
    logo: Path | None = None


def pdf_filename(language: str, paper: str) -> str:
    return f"runners-dystonia-{language}-{paper}.pdf"


def pdf_site_path(config: SiteConfig, language: str, paper: str) -> str:
    """Where the build puts the PDF, relative to site/ (next to the handout page)."""
    return (f"{language_prefix(language, config.source_language)}"
            f"{page_url(config.extra['handout']['page'])}{pdf_filename(language, paper)}")


def _markdown_to_html(config: SiteConfig, body: str, language: str) -> tuple[str, str]:
    """The page's HTML without its H1, and the H1's text (the handout's title)."""
    md = markdown.Markdown(extensions=config.mkdocs.markdown_extensions,
                           extension_configs=config.mkdocs.mdx_configs)
    html = md.convert(body)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.DOTALL)
    title = re.sub(r"<[^>]+>", "", heading.group(1)).strip() if heading else ""
    if heading:
        html = html[:heading.start()] + html[heading.end():]  # the title goes in the masthead

    def absolute(match: re.Match) -> str:
        target, anchor = match.group(1), match.group(2) or ""
        return f'href="{config.language_url(language, page_url(target))}{anchor}"'

    # Links between pages must work on paper too: make them absolute URLs of the site.
    return re.sub(r'href="([\w./-]+\.md)(#[\w-]+)?"', absolute, html), title


def _qr_data_uri(url: str) -> str:
    # Vector QR code (SVG), black on white, with the standard quiet zone.
    return segno.make(url, error="m").svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


def _logo_data_uri(logo: Path) -> str:
    from PIL import Image, UnidentifiedImageError

    if not logo.is_file():
        raise HandoutError(f"Logo file not found: {logo}. Give the path of a PNG, JPEG or SVG image.")
    data = logo.read_bytes()
    if logo.suffix.lower() == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        if b"<svg" not in data[:2048]:
            raise HandoutError(f"Logo {logo} is not an image (no <svg> in it). Use a PNG, JPEG or SVG file.")
        return "data:image/svg+xml;base64," + base64.b64encode(data).decode()
    try:
        with Image.open(logo) as image:
            image.verify()
            kind = (image.format or "png").lower()
    except (UnidentifiedImageError, OSError):
        raise HandoutError(f"Logo {logo} is not an image this tool can read. Use a PNG, JPEG or SVG file.") from None
    if kind not in ("png", "jpeg", "gif", "webp"):
        raise HandoutError(f"Logo {logo} is a {kind.upper()} image. Use a PNG, JPEG or SVG file.")
    return f"data:image/{kind};base64," + base64.b64encode(data).decode()


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html"]))


def _font_face_css() -> str:
    """Atkinson Hyperlegible (shipped by a PyPI package) for Latin text; Noto from Debian for the rest."""
    import fontpkg_atkinson_hyperlegible

    files = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
    faces = []
    for style, weight, name in (("normal", 400, "Regular"), ("normal", 700, "Bold"),
                                ("italic", 400, "Italic"), ("italic", 700, "BoldItalic")):
        faces.append(f"@font-face {{ font-family: 'Atkinson Hyperlegible'; font-style: {style}; "
                     f"font-weight: {weight}; src: url('{(files / f'AtkinsonHyperlegible-{name}.ttf').as_uri()}'); }}")
    return "\n".join(faces)


def _clinic_context(clinic: Clinic | None) -> dict | None:
    if clinic is None or not any((clinic.name, clinic.phone, clinic.address, clinic.logo)):
        return None
    return {"name": clinic.name, "phone": clinic.phone, "address": clinic.address,
            "logo": _logo_data_uri(clinic.logo) if clinic.logo else None}


def handout_html(config: SiteConfig, language: str, paper: str, clinic: Clinic | None = None) -> str:
    if language not in config.codes:
        raise HandoutError(f"Unknown language '{language}'. Choose one of: {', '.join(config.codes)} "
                           "(the languages in mkdocs.yml).")
    if paper not in PAPERS:
        raise HandoutError(f"Unknown paper size '{paper}'. Choose one of: {', '.join(PAPERS)}.")
    page_file = config.docs_dir / language / config.extra["handout"]["page"]
    if not page_file.is_file():
        raise HandoutError(f"{page_file} is missing: translate docs/{config.source_language}/"
                           f"{config.extra['handout']['page']} into that file.")
    body, meta = get_data(page_file.read_text(encoding="utf-8"))
    strings = site_strings.load(language, config.docs_dir)
    site_url = config.language_url(language)
    content, heading = _markdown_to_html(config, body, language)
    return _environment().get_template("template.html").render(
        language=language,
        direction="rtl" if language in config.rtl_languages else "ltr",
        title=heading or meta.get("title", ""),
        author=config.mkdocs.site_author or config.mkdocs.site_name,
        description=meta.get("description", ""),
        content=content,
        strings=strings,
        site_url=site_url,
        short_url=site_url.split("://", 1)[-1].rstrip("/"),
        qr=_qr_data_uri(site_url),
        review=review_context(meta, strings, language),
        translation=_translation_notice(config, language, strings),
        clinic=_clinic_context(clinic),
        clinic_box_size=CLINIC_BOX_SIZE,
        paper_size=PAPERS[paper][1],
        font_faces=_font_face_css(),
        printed=dt.date.today().isoformat(),
    )


def _translation_notice(config: SiteConfig, language: str, strings: dict[str, str]) -> dict | None:
    """What the web page's translation notice says, for the first page of the PDF."""
    if language == config.source_language:
        return None
    page = config.extra["handout"]["page"]
    state = page_state(config.root, config.docs_dir, config.source_language, language, page)
    english_url = config.language_url(config.source_language, page_url(page))
    return notice_context(state, strings, english_url)


def clinic_box_fits(config: SiteConfig, html_box: str) -> bool:
    """Lay the clinic box out alone on a page of exactly its size: more than one page means overflow."""
    from weasyprint import CSS, HTML
    width, height = CLINIC_BOX_SIZE
    # The box alone, grown to its natural height, on a page of the box's size: a second page means overflow.
    box_page = CSS(string=f"{_font_face_css()} @page {{ size: {width} {height}; margin: 0 }} "
                          ".clinic-box { height: auto !important; overflow: visible !important; margin: 0 !important; "
                          "page-break-inside: auto !important; }")
    document = HTML(string=html_box).render(stylesheets=[CSS(filename=str(HERE / "handout.css")), box_page])
    return len(document.pages) == 1


def render_pdf(config: SiteConfig, language: str, paper: str, clinic: Clinic | None = None) -> bytes:
    # Imported here: the site build renders PDFs in worker processes, and the page build
    # itself should not pay for loading WeasyPrint.
    from weasyprint import CSS, HTML

    html = handout_html(config, language, paper, clinic)
    if clinic is not None and _clinic_context(clinic):
        box = re.search(r"<section class=\"clinic-box\".*?</section>", html, re.DOTALL).group(0)
        if not clinic_box_fits(config, f'<html lang="{language}"><body>{box}</body></html>'):
            raise HandoutError("The clinic details do not fit in the clinic box "
                               f"({CLINIC_BOX_SIZE[0]} × {CLINIC_BOX_SIZE[1]}). Shorten the name, phone "
                               "or address (for example, leave out the country), or use a smaller logo.")
    document = HTML(string=html, base_url=str(HERE)).render(
        stylesheets=[CSS(filename=str(HERE / "handout.css"))])
    if len(document.pages) > MAX_PAGES:
        raise HandoutError(f"The {language} handout takes {len(document.pages)} pages; it must fit on "
                           f"{MAX_PAGES}. Shorten docs/{language}/{config.extra['handout']['page']}.")
    return document.write_pdf(pdf_variant="pdf/ua-1")
