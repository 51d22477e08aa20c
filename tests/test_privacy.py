"""No built page makes a request to another host."""

from scripts.checks import privacy
from scripts.checks import load_site
from tests.conftest import ROOT
from tests.helpers import fake_site
from tests.support.inprocess import build_in_process


def test_no_built_page_loads_anything_from_another_host(built_site):
    assert privacy.run(load_site(built_site, ROOT / "mkdocs.yml")) == []


def test_fonts_scripts_images_and_frames_from_other_hosts_are_errors(tmp_path):
    site = fake_site(tmp_path, {"index.html": (
        '<img src="https://example.org/a.png"><iframe src="//video.example/x"></iframe>'
        '<script src="https://cdn.example/x.js"></script><img src="assets/ok.png">'
        '<a href="https://example.org/">a link is fine: nothing loads until it is clicked</a>')},
        head='<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    findings = privacy.run(site)
    loaded = sorted(f.message.split(":")[0] for f in findings)
    assert loaded == [
        '<iframe> loads //video.example/x', '<img> loads https',
        '<link rel="stylesheet"> loads https', '<script> loads https',
    ]
    assert all(f.severity == "error" and f.file == "site/index.html" for f in findings)


def test_turning_on_google_fonts_fails_the_build_and_the_check(small_project):
    project_copy = small_project
    project_copy.replace("mkdocs.yml", "font: false", "font:\n    text: Roboto")
    result = build_in_process(project_copy.path)
    assert not result.ok
    assert 'a <link rel="stylesheet"> that loads https://fonts.googleapis.com' in result.text
    assert build_in_process(project_copy.path, strict=False).ok   # a preview builds: the check still sees it
    findings = privacy.run(load_site(project_copy.path / "site", project_copy.file("mkdocs.yml")))
    assert any("fonts.googleapis.com" in f.message for f in findings)


def test_srcset_style_urls_and_svg_images_from_other_hosts_are_errors(tmp_path):
    site = fake_site(tmp_path, {"index.html": (
        '<img src="a.png" srcset="https://t.example/a.png 2x">'
        '<p style="background-image:url(https://t.example/b.png)">x</p>'
        '<svg><image href="https://t.example/c.png"/></svg><video poster="https://t.example/d.png"></video>')})
    loaded = sorted(f.message.split(":")[0] for f in privacy.run(site))
    assert loaded == ['<image href> loads https', '<img srcset> loads https',
                      '<video poster> loads https', 'a style= attribute on <p> loads a file from another host']
