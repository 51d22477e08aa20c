"""What a page may contain: an explicit allow-list, enforced by the build.

Two parts, because they come from two kinds of author:

* **Content** (what Markdown, attr_list and md_in_html turn into HTML) is anything a volunteer or a
  stranger's pull request can write. It is cleaned by nh3 (the Rust `ammonia` sanitizer) with the
  allow-list below; if cleaning would change anything, the page breaks the rules. The build then
  reports each thing that broke them, with the Markdown file, the line and what to write instead,
  and publishes the cleaned HTML, so even a preview never runs it.
* **The theme's own markup** (Material's templates and our partials) is trusted, but checked against
  what Material 9.8 is known to output: its scripts, its two forms, no event handlers, no
  `javascript:` URLs, no `<base>` or `<meta http-equiv>`. A Material upgrade that adds a script
  fails the build until someone has read the script and added its fingerprint here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from selectolax.lexbor import LexborHTMLParser

from scripts.problems import Problem
from scripts.sources.page_meta import language_of

# --------------------------------------------------------------------------------------------
# Content: tags, attributes, classes and URL schemes a page's Markdown may produce
# --------------------------------------------------------------------------------------------
CONTENT_TAGS = {
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
CONTENT_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "input": {"disabled", "checked"},
    # the marker that ties a paragraph or list item to docs/facts.yml
    "p": {"data-fact"}, "li": {"data-fact"}, "dd": {"data-fact"}, "div": {"data-fact"},
}
# Material's search reads data-search-exclude on headings: that section is left out of the index.
for _level in range(1, 7):
    CONTENT_ATTRIBUTES[f"h{_level}"] = {"data-search-exclude"}
# Only these values: a tick box is all the handout needs from <input>; images may load lazily.
CONTENT_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox"}}, "img": {"loading": {"lazy"}}}

ADMONITION_TYPES = {"note", "abstract", "info", "tip", "success", "question", "warning", "failure",
                    "danger", "bug", "example", "quote"}
CONTENT_CLASSES = {
    "div": {"admonition", "notes-lines", *ADMONITION_TYPES},
    "details": ADMONITION_TYPES,
    "p": {"admonition-title"},
    "ul": {"task-list"},
    "li": {"task-list-item"},
    "label": {"task-list-control"},
    "span": {"task-list-indicator"},
    "img": {"posture"},
}
LINK_SCHEMES = {"https", "mailto", "tel"}
# Attributes whose URL the browser (or WeasyPrint) fetches by itself: same site only.
FETCHED_URLS = {("img", "src")}

_FIXES = {
    "script": "Pages must not run code. Ask a developer if the site needs a new feature.",
    "style": "Pages cannot change the site's look or hide its notices. Ask a developer to add a style "
             "to docs/assets/stylesheets/extra.css.",
    "iframe": "Frames load other sites and track readers. Link to the page instead.",
    "form": "Pages must not collect data. Link to the page that does.",
    "meta": "Pages must not redirect readers or change how the browser treats the page. Remove it.",
    "base": "<base> would rewrite every link and script address on the page. Remove it.",
    "link": "Pages must not load or attach files. Link to the file with [text](file) instead.",
}


@dataclass(frozen=True)
class Violation:
    found: str      # what the page contains, e.g. 'the attribute onmouseover="…" on <p>'
    fix: str        # what to write instead
    needle: str     # text to look for in the Markdown source, to find the line


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    # nh3 calls this for every allowed attribute: drop URLs that would be fetched from elsewhere.
    if (element, attribute) in FETCHED_URLS and not _same_site(value):
        return None
    return value


def _same_site(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not url.strip().startswith("//")


def clean_content(html: str) -> str:
    """The page content with everything outside the allow-list removed (nh3)."""
    return nh3.clean(
        html,
        tags=CONTENT_TAGS,
        clean_content_tags={"script", "style"},
        attributes=CONTENT_ATTRIBUTES,
        tag_attribute_values=CONTENT_ATTRIBUTE_VALUES,
        allowed_classes=CONTENT_CLASSES,
        attribute_filter=_keep_attribute,
        url_schemes=LINK_SCHEMES,
        strip_comments=False,
        link_rel=None,   # rel="noopener" is added to external links after this check
    )


def _canonical(html: str) -> list:
    """Elements and text as a comparable list, so that serialisation details do not count."""
    tree = LexborHTMLParser(f"<body>{html}</body>")
    items = []
    for node in tree.body.traverse(include_text=True):
        if node.tag == "-text":
            text = node.text_content or ""
            if text.strip():
                items.append(("text", " ".join(text.split())))
        elif node.tag != "-comment":
            items.append((node.tag, tuple(sorted((k, v or "") for k, v in node.attributes.items()))))
    return items


def content_violations(html: str) -> tuple[list[Violation], str]:
    """What in this page content is outside the allow-list, and the cleaned content."""
    cleaned = clean_content(html)
    if _canonical(cleaned) == _canonical(html):
        return [], html
    violations = _explain(html)
    if not violations:  # nh3 saw something our explanation does not name: still refuse it
        violations = [Violation("markup that the HTML sanitizer (nh3) removes",
                                "Write the page in plain Markdown.", "<")]
    return violations, cleaned


def _explain(html: str) -> list[Violation]:
    """Name each tag, attribute, class or URL that nh3 removes, for the person who wrote it."""
    found: list[Violation] = []
    tree = LexborHTMLParser(f"<body>{html}</body>")
    for node in tree.body.traverse(include_text=False):
        tag = node.tag
        if tag == "body" or tag.startswith("-"):  # the wrapper itself; comments
            continue
        if tag not in CONTENT_TAGS:
            found.append(Violation(f"a <{tag}> element", _FIXES.get(tag, "Use plain Markdown instead: "
                                   "headings, lists, links, images with alt text, tables and '!!!' boxes."),
                                   f"<{tag}"))
            continue
        allowed = CONTENT_ATTRIBUTES.get("*", set()) | CONTENT_ATTRIBUTES.get(tag, set())
        for name, value in node.attributes.items():
            value = value or ""
            if name == "class":
                bad = [c for c in value.split() if c not in CONTENT_CLASSES.get(tag, set())]
                if bad:
                    found.append(Violation(
                        f"the class {' '.join(bad)!r} on <{tag}>",
                        "Classes change how the site looks and can hide its notices; only the site's own "
                        f"are allowed here ({', '.join(sorted(CONTENT_CLASSES.get(tag, set()))) or 'none'}).",
                        bad[0]))
            elif name in CONTENT_ATTRIBUTE_VALUES.get(tag, {}):
                if value not in CONTENT_ATTRIBUTE_VALUES[tag][name]:
                    found.append(Violation(f'{name}="{value}" on <{tag}>',
                                           f"Only {', '.join(sorted(CONTENT_ATTRIBUTE_VALUES[tag][name]))} "
                                           "is allowed; write '- [ ] item' for a tick box.", f"{name}"))
            elif name not in allowed:
                found.append(Violation(f'the attribute {name}="{_short(value)}" on <{tag}>', _attribute_fix(name),
                                       name))
            elif name in ("href", "src"):
                problem = _url_problem(tag, name, value)
                if problem:
                    found.append(Violation(problem[0], problem[1], value.strip() or name))
    return found


def _attribute_fix(name: str) -> str:
    if name.startswith("on"):
        return "Remove it: event handlers run code in the reader's browser."
    if name == "style":
        return "Remove it: pages cannot change the site's look or hide its notices."
    if name in ("srcset", "poster", "xlink:href", "background", "action", "formaction"):
        return "Remove it: it can load files from another site. Use ![alt text](../assets/images/file.svg)."
    return "Remove it: the allowed attributes are id, lang, dir and title (and href on links, src and alt on images)."


def _url_problem(tag: str, attribute: str, url: str) -> tuple[str, str] | None:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if (tag, attribute) in FETCHED_URLS and not _same_site(url):
        return (f"an image loaded from another address ({_short(url)})",
                "Images must be part of the site: save the file under docs/assets/images/ and link it "
                "with a relative path, so that no other host learns who reads the page.")
    if scheme and scheme not in LINK_SCHEMES:
        if scheme == "http":
            return (f"an http:// link ({_short(url)})",
                    "Use the https:// address of that page; plain http:// can be read and changed on the way.")
        return (f"a {scheme}: link ({_short(url)})",
                "Links may only go to web pages (https://), e-mail (mailto:) or phones (tel:), or to "
                "other pages of this site.")
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def markdown_problems(mkdocs_config, source: str, source_path: str) -> list[Problem]:
    """The allow-list applied to a Markdown page without building the site (pre-commit, PDFs):
    rendered with the site's own Markdown extensions, each problem at its source line."""
    import markdown
    from mkdocs.utils.meta import get_data

    body, _ = get_data(source)
    html = markdown.Markdown(extensions=mkdocs_config.markdown_extensions,
                             extension_configs=mkdocs_config.mdx_configs).convert(body)
    return content_problems(html, source, source_path)[0]


def content_problems(html: str, source: str, source_path: str) -> tuple[list[Problem], str]:
    """What a page's content may not contain, each at its line in the Markdown, and the cleaned content."""
    violations, cleaned = content_violations(html)
    return [Problem("content", f"the page contains {v.found}, which pages may not contain.", v.fix,
                    file=source_path, line=source_line(source, v.needle), language=language_of(source_path))
            for v in violations], cleaned


def page_problems(page_html: str, source_path: str, url: str) -> list[Problem]:
    """What a whole built page may not contain: markup the theme is not known to write, duplicate ids."""
    problems = [Problem("theme", f"the page (built as /{url}) contains {found}. Content cannot add this, so it "
                                 "comes from overrides/ or from the theme.",
                        "If you changed overrides/ or upgraded Material, read the new markup and update "
                        "scripts/sources/allowlist.py only if it is safe.", file=source_path)
                for found in theme_violations(page_html)]
    problems += [Problem("ids", f"the id '{duplicate}' is used more than once on the page, so links to "
                                f"#{duplicate} go to the wrong place.",
                         "Give each heading its own { #id } (and do not use the ids of the site's own parts, "
                         "such as disclaimer-title).", file=source_path, language=language_of(source_path))
                 for duplicate in duplicate_ids(page_html)]
    return problems


def source_line(source: str, needle: str) -> int:
    """The first line of the Markdown source that contains the needle (case-insensitive), else 1."""
    needle = needle.lower()
    for number, line in enumerate(source.splitlines(), start=1):
        if needle and needle in line.lower():
            return number
    return 1


# --------------------------------------------------------------------------------------------
# The theme: what Material 9.8 (with our overrides) is known to output
# --------------------------------------------------------------------------------------------
# Inline scripts, by the sha256 of their text with the page's relative path taken out.
# Each was read before it was listed. After a Material upgrade, read any new script the build
# names, then add its fingerprint here.
THEME_INLINE_SCRIPTS = {
    "__md_scope (local storage helpers)": "7eb3684fdacd2881f67b9428983273a29d8774d8bc82622af9b65a8ec1032a90",
    "palette (dark mode choice)": "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e",
    "__tabbed_ (open the tab named in the address)": "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",
}
# Scripts loaded by file name: Material's bundle.
THEME_SCRIPT_FILES = {"bundle.a5f9d56c.min.js"}
# Material's two forms (search and the dark-mode switch), by class.
THEME_FORMS = {"md-search__form", "md-header__option"}
_RELATIVE_PATH_LITERAL = re.compile(r'new URL\("[^"]*",location\)')
BAD_URL_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:application", "data:image/svg")
FETCHED_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon",
                     "modulepreload", "manifest", "apple-touch-icon"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset")


def script_fingerprint(text: str) -> str:
    normal = _RELATIVE_PATH_LITERAL.sub('new URL("",location)', text.strip())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def theme_violations(page_html: str) -> list[str]:
    """Problems with a whole built page that content cannot cause (it is checked before)."""
    tree = LexborHTMLParser(page_html)
    known = set(THEME_INLINE_SCRIPTS.values())
    problems = []
    for node in tree.css("script"):
        src = node.attributes.get("src")
        kind = (node.attributes.get("type") or "").lower()
        if src is not None:
            if src.rsplit("/", 1)[-1] not in THEME_SCRIPT_FILES or not _same_site(src):
                problems.append(f"a <script src=\"{_short(src)}\"> that Material 9.8 does not load")
        elif kind == "application/json" and node.attributes.get("id") == "__config":
            continue  # Material's settings: data, not code
        elif script_fingerprint(node.text() or "") not in known:
            problems.append(f"an inline <script> the theme is not known to write (fingerprint "
                            f"{script_fingerprint(node.text() or '')}): {_short(node.text() or '')!r}")
    for node in tree.css("link[href]"):
        rels = set((node.attributes.get("rel") or "").lower().split())
        if rels & FETCHED_LINK_RELS and not _same_site(node.attributes.get("href") or ""):
            problems.append(f"a <link rel=\"{' '.join(sorted(rels))}\"> that loads {_short(node.attributes['href'])} "
                            "from another host (a page makes no request to other hosts; keep theme: font: false)")
    for node in tree.css("base, meta[http-equiv], iframe, frame, object, embed"):
        problems.append(f"a <{node.tag}> element")
    for node in tree.css("form"):
        if not set((node.attributes.get("class") or "").split()) & THEME_FORMS:
            problems.append("a <form> that is not Material's search or colour switch")
    for node in tree.body.traverse(include_text=False) if tree.body else []:
        for name, value in node.attributes.items():
            if name.lower().startswith("on"):
                problems.append(f"an event handler {name}= on <{node.tag}>")
            elif name.lower() in URL_ATTRIBUTES and (value or "").strip().lower().startswith(BAD_URL_SCHEMES):
                problems.append(f"a {name}=\"{_short(value or '')}\" on <{node.tag}>")
    for node in tree.css("style"):
        problems.append("a <style> element")
    return problems


def duplicate_ids(page_html: str) -> list[str]:
    """ids used more than once on a page: links and labels would point at the wrong one."""
    seen: dict[str, int] = {}
    for node in LexborHTMLParser(page_html).css("[id]"):
        key = node.attributes.get("id") or ""
        seen[key] = seen.get(key, 0) + 1
    return sorted(key for key, count in seen.items() if count > 1)
