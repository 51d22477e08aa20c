"""The handout reads no file and fetches nothing it was not meant to, and the clinic command
never destroys a file or prints what it cannot draw."""

from __future__ import annotations

import pytest
from PIL import Image

from scripts.handout.fetcher import RefusedURL, fetcher_for
from scripts.handout.render import HandoutError, render_pdf
from scripts.config.site import SiteConfig
from tests.conftest import ROOT
from tests.support.clinic_command import run_clinic_command

CONFIG = SiteConfig(ROOT / "mkdocs.yml")


def handout(*args, cwd=ROOT):
    """The clinic command, run in the test process (tests/support/clinic_command.py)."""
    return run_clinic_command(*args, run_from=cwd)


def refused(result) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "No PDF was written." in result.stderr and "Traceback" not in result.stderr
    return result.stderr


# --- The fetcher -------------------------------------------------------------------------------

@pytest.mark.parametrize("url,message", [
    ("file:///etc/passwd", "the handout asked to read /etc/passwd, which is not one of the site's own files"),
    (f"file://{ROOT}/.git/config", f"the handout asked to read {ROOT}/.git/config"),
    (f"file://{ROOT}/docs/assets/../../.git/config", f"the handout asked to read {ROOT}/.git/config"),
    ("https://tracker.example/pixel.png", "the handout asked to fetch https://tracker.example/pixel.png"),
    ("http://127.0.0.1:9/x.png", "never connect to other hosts"),
    ("ftp://example.org/x", "the handout asked to fetch ftp://example.org/x"),
])
def test_the_fetcher_refuses_everything_but_the_projects_own_files(url, message):
    with pytest.raises(RefusedURL) as refusal:
        fetcher_for(CONFIG.docs_dir).fetch(url)
    assert message in str(refusal.value)


def test_the_fetcher_serves_the_sites_own_images():
    response = fetcher_for(CONFIG.docs_dir).fetch((CONFIG.docs_dir / "assets/images/favicon.svg").as_uri())
    assert b"<svg" in response.read()


def test_weasyprint_goes_through_the_fetcher_for_attachments(tmp_path):
    from weasyprint import HTML
    for html in ('<link rel="attachment" href="file:///etc/passwd"><p>x</p>',
                 '<a rel="attachment" href="file:///etc/passwd">x</a>'):
        with pytest.raises(RefusedURL):
            HTML(string=html, url_fetcher=fetcher_for(CONFIG.docs_dir)).write_pdf()


@pytest.mark.parametrize("href,refusal", [
    ("file:///etc/hostname", "the handout asked to read /etc/hostname"),
    ("https://t.example/a.png", "the handout asked to fetch https://t.example/a.png"),
])
def test_an_svg_image_that_refers_to_other_files_is_refused_even_where_weasyprint_would_carry_on(
        tmp_path, href, refusal):
    from weasyprint import HTML
    from scripts.handout.fetcher import ProjectFilesFetcher
    (tmp_path / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
                                    f'<image href="{href}" width="9" height="9"/></svg>')
    fetcher = ProjectFilesFetcher([tmp_path])
    HTML(string='<img src="a.svg">', base_url=tmp_path.as_uri() + "/", url_fetcher=fetcher).write_pdf()
    assert len(fetcher.refusals) == 1 and fetcher.refusals[0].startswith(refusal)
    with pytest.raises(RefusedURL):
        fetcher.check()


def test_an_attachment_in_the_handout_page_is_refused_with_file_and_line(project_copy):
    project_copy.replace("docs/en/handout.md", "## My symptoms",
                         '<link rel="attachment" href="file:///etc/passwd">\n\n## My symptoms')
    config = SiteConfig(project_copy.file("mkdocs.yml"))
    with pytest.raises(HandoutError) as error:
        render_pdf(config, "en", "a4")
    line = next(n for n, text in enumerate(project_copy.file("docs/en/handout.md").read_text().splitlines(), 1)
                if "attachment" in text)
    assert f"docs/en/handout.md:{line}: the page contains a <link> element" in str(error.value)


# --- Logos ---------------------------------------------------------------------------------

@pytest.mark.parametrize("svg,message", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd" width="9" height="9"/></svg>',
     "contains an <image> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href="http://t.example/a.svg#i"/></svg>',
     "contains an <use> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://t.example/p)" width="9" height="9"/></svg>',
     "refers to another file or runs code"),
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
     "declares a DTD or entities"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
     "refers to another file or runs code (onload="),
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "contains an <script> element"),
])
def test_unsafe_svg_logos_are_refused(tmp_path, svg, message):
    logo = tmp_path / "logo.svg"
    logo.write_text(svg)
    assert message in refused(handout("--lang", "en", "--logo", logo, "-o", tmp_path / "out.pdf"))
    assert not (tmp_path / "out.pdf").exists()


def test_a_plain_svg_logo_is_accepted(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" '
                    'height="20" fill="#000"/></svg>')
    result = handout("--lang", "en", "--clinic", "Clinic", "--logo", logo, "-o", tmp_path / "out.pdf")
    assert result.returncode == 0, result.stderr


def test_a_decompression_bomb_png_is_refused_with_its_size_and_the_limit(tmp_path):
    logo = tmp_path / "huge.png"
    Image.new("1", (20000, 20000)).save(logo, optimize=True)
    message = refused(handout("--lang", "en", "--logo", logo, "-o", tmp_path / "out.pdf"))
    assert "is far too large" in message and "the limit is 4000 × 4000 pixels" in message


def test_a_large_png_is_refused_with_its_size(tmp_path):
    logo = tmp_path / "big.png"
    Image.new("1", (5000, 300)).save(logo)
    assert "is 5000 × 300 pixels; the limit is 4000 × 4000" in refused(
        handout("--lang", "en", "--logo", logo, "-o", tmp_path / "out.pdf"))


# --- Files the command writes ---------------------------------------------------------------

def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"precious")
    assert "already exists. Choose another name, or add --force" in refused(handout("--lang", "en", "-o", out))
    assert out.read_bytes() == b"precious"
    assert handout("--lang", "en", "-o", out, "--force").returncode == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_the_output_may_not_be_the_logo(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 30), "black").save(logo)
    message = refused(handout("--lang", "en", "--logo", logo, "-o", logo, "--force"))
    assert "is the logo file itself" in message
    assert logo.read_bytes().startswith(b"\x89PNG")


def test_relative_paths_are_read_from_the_folder_the_command_was_run_in(tmp_path):
    Image.new("RGB", (60, 30), "black").save(tmp_path / "logo.png")
    result = handout("--lang", "en", "--clinic", "Clinic", "--logo", "logo.png", "-o", "mine.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mine.pdf").is_file() and not (ROOT / "mine.pdf").exists()


def test_a_folder_as_output_or_logo_is_reported_as_a_folder(tmp_path):
    assert f"-o {tmp_path} is a folder" in refused(handout("--lang", "en", "-o", tmp_path))
    assert f"Logo {tmp_path} is a folder" in refused(handout("--lang", "en", "--logo", tmp_path,
                                                             "-o", tmp_path / "x.pdf"))


# --- Text in the clinic box ------------------------------------------------------------------

def test_an_address_too_wide_for_the_box_is_caught(tmp_path):
    email = "appointments.and.enquiries.for.neurology.patients@universityhospital.example.org"
    message = refused(handout("--lang", "en", "--clinic", "Clinic", "--phone", email, "-o", tmp_path / "o.pdf"))
    assert "is too wide for the clinic box (120mm) and cannot be broken across lines" in message


def test_emoji_are_reported_instead_of_printed_as_boxes(tmp_path):
    message = refused(handout("--lang", "en", "--clinic", "Happy Feet 🦶 Clinic", "-o", tmp_path / "o.pdf"))
    assert "The clinic name contains characters the handout's fonts cannot print: 🦶 (U+1F9B6)" in message
