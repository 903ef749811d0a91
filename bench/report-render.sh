#!/usr/bin/env bash
# Renders a real report in a real browser: runs the 'compact' lesson (quick) into a fresh store, writes
# 'verdant report' of its run groups as HTML and Markdown, checks the HTML has no external reference, and takes a
# screenshot with Debian's headless chromium (apt-get install -y chromium). Look at the PNG it prints.
# Usage: bench/report-render.sh [OUT_DIR]   (default target/report-render)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/report-render}"
rm -rf "$out" && mkdir -p "$out"
[ -f target/verdant.jar ] || mvn -q -B -o -DskipTests package
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
verdant() { java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "$cp" dev.verdant.Main "$@"; }
db="$out/runs.db"
start=$(date +%s.%N)
verdant lesson run compact --quick --predict 3 --db "$db" > "$out/lesson.txt"
groups=$(grep -o 'verdant report .* --out' "$out/lesson.txt" | sed 's/verdant report //; s/ --out//')
echo "lesson compact (quick): $(echo "$(date +%s.%N) - $start" | bc) s; groups: $groups"
verdant report $groups --db "$db" --out "$out/report.html"
verdant report $groups --db "$db" --out "$out/report.md" > /dev/null
if grep -Eio '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//' "$out/report.html"; then
  echo "FAIL: the report references something outside itself"; exit 1
fi
echo "report.html: $(wc -c < "$out/report.html") bytes, $(grep -o '<svg' "$out/report.html" | wc -l) inline SVG charts"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIPPED the screenshot: no chromium installed (apt-get install -y chromium)"; exit 0
fi
profile=$(mktemp -d)
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --screenshot="$(realpath "$out")/report.png" --window-size=1280,2000 "file://$(realpath "$out/report.html")" \
  2> "$out/chromium.log" || { echo "chromium failed; see $out/chromium.log"; rm -rf "$profile"; exit 1; }
rm -rf "$profile"
echo "screenshot: $out/report.png ($(wc -c < "$out/report.png") bytes); load: $(uptime | sed 's/.*load average: //')"
