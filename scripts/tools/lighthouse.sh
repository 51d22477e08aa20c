#!/usr/bin/env bash
# Lighthouse (mobile) on the home and symptoms pages of the built site, served locally under
# the same sub-path as on GitHub Pages and compressed as GitHub Pages does.
# Not part of the tests: scores vary with the machine's load.
#   ./scripts/run build && ./scripts/run bash scripts/tools/lighthouse.sh    # reports in .cache/lighthouse/
# Needs Node.js with npm (Lighthouse is installed into .cache/) and Chromium (CHROME_PATH).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/.cache/lighthouse"
port="${PORT:-8765}"
[ -f "$root/site/index.html" ] || { echo "No site/ yet: run ./scripts/run build first." >&2; exit 2; }
mkdir -p "$out"
[ -x "$out/node_modules/.bin/lighthouse" ] || npm install --silent --prefix "$out" lighthouse@12 >&2
cd "$root"
python -m scripts.tools.static_server site --prefix /runners-dystonia/ --port "$port" --gzip >/dev/null &
server=$!
trap 'kill $server' EXIT
sleep 1
for page in home: symptoms:symptoms/; do
    name="${page%%:*}"
    CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" "$out/node_modules/.bin/lighthouse" \
        "http://127.0.0.1:$port/runners-dystonia/${page#*:}" --form-factor=mobile --quiet \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update" \
        --output=json --output=html --output-path="$out/$name"
    python - "$out/$name.report.json" "$name" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
print(f"{sys.argv[2]:9}", "  ".join(f"{key} {value}" for key, value in scores.items()))
PY
done
