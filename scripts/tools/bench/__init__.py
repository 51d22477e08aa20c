"""Benchmark of the build, the checks and the pages a first-time visitor downloads.

    python -m scripts.tools.bench              # 3 runs of each measurement, median reported
    python -m scripts.tools.bench --runs 5     # more runs
    python -m scripts.tools.bench --quick      # 1 run of everything: a smoke test, not a measurement

It prints a table and the budgets (PASS/FAIL, the measured value, the rule), writes bench.json
(every number, the date, the machine, the budgets), report.txt (the table) and languages.png
into --out (default bench-output/, git-ignored), and exits 1 when a budget fails or a
measurement could not be made. Not part of the tests: nothing in tests/ times anything.

What is measured, and where:

- timing.py     bare, full and checks: wall and CPU seconds, median of the runs.
                bare = `mkdocs build` of docs/ in every language with Material and
                mkdocs-static-i18n only (no custom_dir, no hooks, no PDFs, no --strict), from a
                mkdocs.yml written by bare.py; full = `mkdocs build --strict` with the real
                mkdocs.yml, as the README builds; checks = `python -m scripts.checks`.
- phases.py     where the time goes: the full and the bare build run in-process with every
                plugin and hook event timed, and the steps of the hooks' on_post_build (handout
                PDFs, search index split) timed inside it.
- languages.py  full build time with 1, 2, 4, 6 (the real site's count), 12 and 24 languages:
                copies of the project whose mkdocs.yml gets another language list
                (mkdocs_yaml.py), the extra languages being copies of the existing translations
                under other codes; built in rounds of every count, median per count.
- page_weight.py  first visit: what a fresh Chromium fetches for the home and symptoms pages in
                every language, served by scripts/tools/static_server.py under the site's
                sub-path; raw, gzip -9 and brotli -q 11 bytes of each response, by type.
- serve.py      `mkdocs serve` of a copy of the project (PDFs on, empty PDF cache): seconds from
                saving a page to the preview serving the new text, median of 3 or more edits,
                for a translated page and for an English page.
                Every other build of the benchmark runs with PDF_CACHE=false (from cold).
- memory.py     peak memory of one full build (largest process, whole process tree).
- suite_time.py the whole test suite against its budget (run on its own: it takes minutes).
- budgets.py    the rules; report.py the table and files; suite.py runs everything in order.
"""
