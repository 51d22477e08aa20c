"""Check the external links (http and https) in the Markdown pages of every language.

    python -m scripts.tools.external_links                    # links not checked in the last few days
    python -m scripts.tools.external_links --max-age-days 0   # check every link now
    python -m scripts.tools.external_links --json             # results for tools

Not one of the offline checks (`./scripts/run check`): it needs the internet, and other sites
change without us, so it runs on its own (weekly on GitHub, .github/workflows/external-links.yml).
Results are kept in .cache/external-links.json; a link checked less than
`extra.checks.external_links.max_age_days` days ago (mkdocs.yml, default 7) is not asked again,
but its last result is still reported. Warnings (timeouts, 429, 5xx) are temporary by nature,
so those links are asked again on every run.

What it reports is one `scripts.problems.Problem` (check "external-links") per link that is
broken (error) or could not be checked this time (warning), at the first file:line that uses it,
its fix naming every file:line; printed by `report_text`, or `report_json` with --json. A link
that is fine is not a problem: --all lists it on an "OK …" line, and --json under "ok".

Exit code 1 when a link is broken (an error), 0 otherwise (warnings are printed only); 2 on bad
usage, when the cache file cannot be read (it is left as it is), or when no site answered at all
(this machine is offline: nothing is recorded).

The modules, in the order a run uses them:
    markdown_links  the links in docs/<language>/**/*.md, with every file:line that uses each
    cache           the answers of earlier runs (.cache/external-links.json)
    checker         which links to ask again, asked by host in turn
    ask             one link: HEAD (or GET), redirects, retries
    host_gate       one request at a time per host, with a delay between two
    classify        what an answer means and what to do about it
    report          the result of each link as the command reports it
    __main__        the command line
"""
