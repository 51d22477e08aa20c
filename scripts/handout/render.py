"""Render a handout PDF for one language and paper size, optionally with a clinic's details."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import segno
from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.utils.meta import get_data

from scripts.build.review import review_context
from scripts.config.options import PAPER_SIZES, unknown_paper
from scripts.config.pages import language_prefix, page_url
from scripts.config.site import SiteConfig
from scripts.handout.bilingual import PairingProblem, paired_html
from scripts.handout.clinic_field import clinic_text_html, field_size, fill_clinic_field, layout_problem
from scripts.handout.fields import finish_fields, with_form_fields
from scripts.handout.fonts import atkinson_folder, undrawable
from scripts.handout.paper_windows import PAPER_MM, SharedLayout, write_papers
from scripts.problems import Problem, ProblemError
from scripts.sources import allowlist, strings as site_strings
from scripts.sources.page_meta import read_source
from scripts.translations.notices import notice_context
from scripts.translations.state import page_state

HERE = Path(__file__).resolve().parent
PAPERS = {code: paper.name for code, paper in PAPER_SIZES.items()}     # (a4: "A4")
# Both papers get the same text block, A4's width and US Letter's height, so that one layout serves
# both: laid out and painted once on A4, then written onto each paper as a window on that drawing
# (paper_windows.py). On each paper the block is centred, between at least 14mm above it and the
# 22mm bottom margin that holds the footer (no ink within 12mm of an edge).
MIN_TOP_MM, BOTTOM_MM = 14, 22
TEXT_BLOCK_MM = (180, PAPER_MM["letter"][1] - MIN_TOP_MM - BOTTOM_MM)
# (on US Letter 14mm from the top; on a taller paper lower, by half the difference)
LAYOUT = SharedLayout(TEXT_BLOCK_MM, lambda paper_height: MIN_TOP_MM + (paper_height - PAPER_MM["letter"][1]) / 2)
MAX_PAGES = 2
NOTES_HEIGHTS = ("40mm", "28mm", "16mm")   # tried in this order; see render_pdf
# Clinic box limits, checked by laying the box out on its own (see clinic_box_problem).
CLINIC_BOX_SIZE = ("120mm", "26mm")


class HandoutError(ProblemError):
    """Bad input for a handout: the problem says what is wrong and how to fix it. Most come from
    the clinic command's options, which have no file or line; content problems keep theirs."""

    def __init__(self, problem: str | Problem | list[Problem]):
        super().__init__(Problem("handout", problem) if isinstance(problem, str) else problem)


@dataclass(frozen=True)
class Clinic:
    name: str = ""
    phone: str = ""
    address: str = ""
    logo: Path | None = None


MAX_PAGES_WITH_ENGLISH = 4


def pdf_filename(language: str, paper: str, with_english: bool = False) -> str:
    return f"runners-dystonia-{language}-{paper}{'-with-english' if with_english else ''}.pdf"


def pdf_site_path(config: SiteConfig, language: str, paper: str, with_english: bool = False) -> str:
    """Where the build puts the PDF, relative to site/ (next to the handout page)."""
    return (f"{language_prefix(language, config.source_language)}"
            f"{page_url(config.options.handout.page)}{pdf_filename(language, paper, with_english)}")


def _markdown_to_html(config: SiteConfig, body: str, language: str, source: str, path: str) -> tuple[str, str]:
    """The page's HTML without its H1, and the H1's text (the handout's title)."""
    md = markdown.Markdown(extensions=config.mkdocs.markdown_extensions,
                           extension_configs=config.mkdocs.mdx_configs)
    html = md.convert(body)
    # The same allow-list, and the same messages, as the web page: the PDF is published too.
    problems, _ = allowlist.content_problems(html, source, path)
    if problems:
        raise HandoutError(problems)
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


MAX_LOGO_BYTES = 2_000_000
MAX_LOGO_PIXELS = (4000, 4000)
SVG_FORBIDDEN = {"script", "image", "foreignObject", "use", "style", "iframe", "feImage", "a"}


def _logo_data_uri(logo: Path) -> str:
    from PIL import Image, UnidentifiedImageError

    if logo.is_dir():
        raise HandoutError(f"Logo {logo} is a folder. Give the path of a PNG, JPEG or SVG file.")
    if not logo.is_file():
        raise HandoutError(f"Logo file not found: {logo}. Give the path of a PNG, JPEG or SVG image.")
    size = logo.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise HandoutError(f"Logo {logo} is {size / 1e6:.1f} MB; the limit is {MAX_LOGO_BYTES / 1e6:.0f} MB. "
                           "Save a smaller copy (a logo needs about 600 pixels across at most).")
    data = logo.read_bytes()
    if logo.suffix.lower() == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        _check_svg_logo(logo, data)
        return "data:image/svg+xml;base64," + base64.b64encode(data).decode()
    try:
        with Image.open(logo) as image:
            kind = (image.format or "png").lower()
            width, height = image.size
            if width > MAX_LOGO_PIXELS[0] or height > MAX_LOGO_PIXELS[1]:
                raise HandoutError(f"Logo {logo} is {width} × {height} pixels; the limit is "
                                   f"{MAX_LOGO_PIXELS[0]} × {MAX_LOGO_PIXELS[1]}. Save a smaller copy.")
            image.verify()
    except HandoutError:
        raise   # (a ValueError too: not to be taken for an unreadable image below)
    except Image.DecompressionBombError:
        raise HandoutError(f"Logo {logo} is far too large (more pixels than an image should have); the limit "
                           f"is {MAX_LOGO_PIXELS[0]} × {MAX_LOGO_PIXELS[1]} pixels. Save a smaller copy.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise HandoutError(f"Logo {logo} is not an image this tool can read. Use a PNG, JPEG or SVG file.") from None
    if kind not in ("png", "jpeg", "gif", "webp"):
        raise HandoutError(f"Logo {logo} is a {kind.upper()} image. Use a PNG, JPEG or SVG file.")
    return f"data:image/{kind};base64," + base64.b64encode(data).decode()


def _check_svg_logo(logo: Path, data: bytes) -> None:
    """An SVG logo may draw, nothing more: no entities, no scripts, no references to other files."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring
    from xml.etree.ElementTree import ParseError

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise HandoutError(f"Logo {logo} declares a DTD or entities, which can read other files. Export "
                           "the SVG again as plain SVG (for example 'Plain SVG' in Inkscape).") from None
    except ParseError as error:
        raise HandoutError(f"Logo {logo} is not a valid SVG file ({error}). Use a PNG, JPEG or SVG file.") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise HandoutError(f"Logo {logo} is not an image (no <svg> in it). Use a PNG, JPEG or SVG file.")
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag in SVG_FORBIDDEN:
            raise HandoutError(f"Logo {logo} contains an <{tag}> element. A logo for the handout may only draw "
                               "shapes and text: export it again without links, embedded images or scripts, "
                               "or use a PNG.")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local == "href" and not value.startswith("#") or local.startswith("on") or \
                    "url(" in value.replace(" ", "") and "url(#" not in value.replace(" ", ""):
                raise HandoutError(f"Logo {logo} refers to another file or runs code ({local}=\"{value[:60]}\"). "
                                   "A logo must be self-contained: export it again as plain SVG, or use a PNG.")


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html"]))


def _font_face_css() -> str:
    """Atkinson Hyperlegible (shipped by a PyPI package) for Latin text; Noto from Debian for the rest."""
    files = atkinson_folder()
    faces = []
    for style, weight, name in (("normal", 400, "Regular"), ("normal", 700, "Bold"),
                                ("italic", 400, "Italic"), ("italic", 700, "BoldItalic")):
        faces.append(f"@font-face {{ font-family: 'Atkinson Hyperlegible'; font-style: {style}; "
                     f"font-weight: {weight}; src: url('{(files / f'AtkinsonHyperlegible-{name}.ttf').as_uri()}'); }}")
    return "\n".join(faces)


def _clinic_context(clinic: Clinic | None) -> dict | None:
    if clinic is None or not any((clinic.name, clinic.phone, clinic.address, clinic.logo)):
        return None
    for label, text in (("clinic name", clinic.name), ("phone", clinic.phone), ("address", clinic.address)):
        missing = undrawable(text)
        if missing:
            shown = " ".join(f"{char} (U+{ord(char):04X})" for char in missing)
            raise HandoutError(f"The {label} contains characters the handout's fonts cannot print: {shown}. "
                               "They would come out as empty boxes; leave them out (emoji cannot be printed).")
    return {"name": clinic.name, "phone": clinic.phone, "address": clinic.address,
            "logo": _logo_data_uri(clinic.logo) if clinic.logo else None}


def clinic_lines(clinic: Clinic, strings: dict[str, str], right_to_left: bool = False) -> list[str]:
    """What the clinic field holds: name, phone and address, one to a line. On a right-to-left
    page the phone number is isolated as left-to-right text (U+2066 … U+2069): otherwise the
    bidirectional algorithm shows "+20 100 1234" as "1234 100 20+", a number nobody can call."""
    phone = f"\u2066{clinic.phone}\u2069" if right_to_left else clinic.phone
    lines = [clinic.name, f"{strings['handout_phone']}: {phone}" if clinic.phone else "", clinic.address]
    return [line for line in lines if line]


def handout_html(config: SiteConfig, language: str, clinic: Clinic | None = None,
                 with_english: bool = False) -> str:
    """The handout as HTML, the same for every paper size (see TEXT_BLOCK_MM)."""
    if language not in config.codes:
        raise HandoutError(f"Unknown language '{language}'. Choose one of: {', '.join(config.codes)} "
                           "(the languages in mkdocs.yml).")
    page_file = config.docs_dir / language / config.options.handout.page
    if not page_file.is_file():
        raise HandoutError(f"{page_file} is missing: translate docs/{config.source_language}/"
                           f"{config.options.handout.page} into that file.")
    source = read_source(page_file)
    body, meta = get_data(source)
    strings = site_strings.load(language, config.docs_dir)
    settings = config.language_settings(language)
    site_url = config.language_url(language)
    relative = page_file.relative_to(config.root).as_posix() if page_file.is_relative_to(config.root) else str(page_file)
    content, heading = _markdown_to_html(config, body, language, source, relative)
    english_title = ""
    if with_english:
        content, english_title = _with_english(config, content, relative)
    content = with_form_fields(content)
    return _environment().get_template("template.html").render(
        language=language,
        direction="rtl" if language in config.rtl_languages else "ltr",
        title=heading or meta.get("title", ""),
        english_title=english_title,
        author=settings.author or settings.site_name,
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
        page_css=LAYOUT.page_css,
        font_faces=_font_face_css(),
    )


def _with_english(config: SiteConfig, content: str, translated_file: str) -> tuple[str, str]:
    """The translated content with the English beside each part, and the English title."""
    if translated_file.startswith(f"docs/{config.source_language}/"):
        raise HandoutError(f"The handout is already in English ({config.source_language}); --with-english is "
                           "for the other languages. Leave it out, or choose another --lang.")
    english_file = config.docs_dir / config.source_language / config.options.handout.page
    english_source = read_source(english_file)
    english_body, _ = get_data(english_source)
    english_relative = f"docs/{config.source_language}/{config.options.handout.page}"
    english, english_title = _markdown_to_html(config, english_body, config.source_language,
                                               english_source, english_relative)
    try:
        return paired_html(english, content, english_relative, translated_file), english_title
    except PairingProblem as error:
        raise HandoutError(error.problem) from None


def _translation_notice(config: SiteConfig, language: str, strings: dict[str, str]) -> dict | None:
    """What the web page's translation notice says, for the first page of the PDF."""
    if language == config.source_language:
        return None
    page = config.options.handout.page
    state = page_state(config.root, config.docs_dir, config.source_language, language, page)
    english_url = config.language_url(config.source_language, page_url(page))
    return notice_context(state, strings, english_url)


def render_pdfs(config: SiteConfig, language: str, papers: list[str], clinic: Clinic | None = None,
                with_english: bool = False, html: str | None = None) -> dict[str, bytes]:
    """{paper: PDF}: the handout of one language on each paper size, from one layout. `html`:
    handout_html() of the same arguments when the caller has it already (the build does)."""
    # Imported here: the site build renders PDFs in worker processes, and the page build
    # itself should not pay for loading WeasyPrint.
    from weasyprint import CSS, HTML

    from scripts.handout.fetcher import RefusedURL, fetcher_for

    problem = unknown_paper(papers)
    if problem:
        raise HandoutError(problem)
    if html is None:
        html = handout_html(config, language, clinic, with_english)
    max_pages = MAX_PAGES_WITH_ENGLISH if with_english else MAX_PAGES
    fetcher = fetcher_for(config.docs_dir)
    try:
        # Relative image paths in the page resolve against its language folder, as on the site.
        page = HTML(string=html, base_url=(config.docs_dir / language).as_uri() + "/", url_fetcher=fetcher)
        style = CSS(filename=str(HERE / "handout.css"), url_fetcher=fetcher)
        # The lines for the patient's notes take what room is left: a longer translation, or a
        # notice that English has changed, makes them shorter instead of adding a third page.
        for notes in NOTES_HEIGHTS:
            document = page.render(stylesheets=[style, CSS(string=f".content .notes-lines {{ height: {notes} }}")])
            if len(document.pages) <= max_pages:
                break
        if len(document.pages) > max_pages:
            raise HandoutError(f"The {language} handout{' with English' if with_english else ''} takes "
                               f"{len(document.pages)} pages; it must fit on {max_pages}. "
                               f"Shorten docs/{language}/{config.options.handout.page}.")
        details = clinic_lines(clinic, site_strings.load(language, config.docs_dir),
                               language in config.rtl_languages) if clinic else []
        look = _clinic_appearance(details, language, config, document, fetcher) if details else None
        pdfs = write_papers(document, {paper: LAYOUT.window(paper) for paper in papers}, finisher=finish_fields,
                            pdf_variant="pdf/ua-1", pdf_forms=True)
        fetcher.check()   # attachments are fetched by write_pdf
    except RefusedURL as error:
        raise HandoutError(f"docs/{language}/{config.options.handout.page}: {error}") from None
    if look:
        return {paper: fill_clinic_field(pdf, "\n".join(details), look) for paper, pdf in pdfs.items()}
    return pdfs


def render_pdf(config: SiteConfig, language: str, paper: str, clinic: Clinic | None = None,
               with_english: bool = False) -> bytes:
    return render_pdfs(config, language, [paper], clinic, with_english)[paper]


def _clinic_appearance(lines: list[str], language: str, config: SiteConfig, document, fetcher) -> bytes:
    """The clinic field's look, laid out at the field's size; refused if the details do not fit."""
    from weasyprint import CSS, HTML

    direction = "rtl" if language in config.rtl_languages else "ltr"
    size = field_size(document)
    look = HTML(string=clinic_text_html(lines, language, direction, size), url_fetcher=fetcher).render(
        stylesheets=[CSS(string=_font_face_css(), url_fetcher=fetcher),
                     CSS(filename=str(HERE / "handout.css"), url_fetcher=fetcher)])
    problem = layout_problem(look)
    if problem == "tall":
        raise HandoutError("The clinic details do not fit in the clinic box "
                           f"({CLINIC_BOX_SIZE[0]} × {CLINIC_BOX_SIZE[1]}). Shorten the name, phone "
                           "or address (for example, leave out the country), or use a smaller logo.")
    if problem:
        raise HandoutError(f"'{problem[5:]}' is too wide for the clinic box ({CLINIC_BOX_SIZE[0]}) and "
                           "cannot be broken across lines. Shorten it (for example a shorter e-mail "
                           "address), or put spaces where it may break.")
    return look.write_pdf()
