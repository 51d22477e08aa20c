#!/usr/bin/env bash
# Lighthouse (mobile) on pages of the built site, served locally under the same sub-path as on
# GitHub Pages and compressed as GitHub Pages does. Not part of the tests: scores vary with the
# machine's load. Each page is run RUNS times (3), and each category judged on the median of its
# runs, as Lighthouse's documentation on variability advises; exits 1 when any median is below
# 100 (lighthouse_scores.py).
#   ./scripts/run build && ./scripts/run bash scripts/tools/lighthouse.sh    # reports in .cache/lighthouse/
#   ./scripts/run bash scripts/tools/lighthouse.sh ar/symptoms/ zh/           # only these pages
# By default: the home, symptoms and handout pages in English, Arabic (right to left) and Chinese.
# Needs Node.js with npm (Lighthouse, pinned below, is installed into .cache/) and Chromium (CHROME_PATH).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/.cache/lighthouse"
port="${PORT:-8765}"
version="12.8.2"
[ -f "$root/site/index.html" ] || { echo "No site/ yet: run ./scripts/run build first." >&2; exit 2; }
mkdir -p "$out"
installed="$(cat "$out/node_modules/lighthouse/package.json" 2>/dev/null | python -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null || true)"
[ "$installed" = "$version" ] || npm install --silent --no-audit --no-fund --prefix "$out" "lighthouse@$version" >&2
pages=("$@")
((${#pages[@]})) || pages=("" symptoms/ handout/ ar/ ar/symptoms/ ar/handout/ zh/ zh/symptoms/ zh/handout/)
cd "$root"
python -m scripts.tools.static_server site --prefix /runners-dystonia/ --port "$port" --gzip >/dev/null &
server=$!
trap 'kill $server' EXIT
sleep 1
# Each page RUNS times (3 unless set), judged by the median: the simulated mobile score varies.
runs="${RUNS:-3}"
reports=()
for page in "${pages[@]}"; do
    name="$(echo "${page:-home}" | tr / - | sed 's/-$//')"
    for run in $(seq 1 "$runs"); do
        CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" "$out/node_modules/.bin/lighthouse" \
            "http://127.0.0.1:$port/runners-dystonia/$page" --form-factor=mobile --quiet \
            --only-categories=performance,accessibility,best-practices,seo \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update" \
            --output=json --output=html --output-path="$out/$name-$run"
        reports+=("$out/$name-$run.report.json")
    done
done
# Exits 1 when any (median) score is below 100 (scripts/tools/lighthouse_scores.py).
python -m scripts.tools.lighthouse_scores "${reports[@]}"
