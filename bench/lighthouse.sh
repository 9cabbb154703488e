#!/usr/bin/env bash
# Lighthouse (mobile, simulated throttling) on the participant pages and the staff start pages.
#
#   bench/lighthouse.sh                 build the jar, start a demo server on a free port, measure, stop it
#   bench/lighthouse.sh http://host:port  measure a running server that has the demo logins
#
# Each page is measured RUNS times (default 3); the table shows the median run (by performance score).
# The JSON reports are kept under target/lighthouse/.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-3}
OUT="$ROOT/target/lighthouse"
LH="$ROOT/bench/node_modules/.bin/lighthouse"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
TOTP_SECRET=FINSAMDEMOTOTPHEMLIGHETFINSAM234

if [ ! -x "$LH" ]; then
  npm install --prefix "$ROOT/bench" --no-audit --no-fund >&2
fi

mkdir -p "$OUT"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

BASE=${1:-}
if [ -z "$BASE" ]; then
  if [ ! -f target/finsam-planering.jar ] || [ -n "${BUILD:-}" ]; then
    mvn -B -q -DskipTests package >&2
  fi
  PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
  # A private copy of the jar: the measured server is this script's own process and nothing else's.
  cp target/finsam-planering.jar "$WORK/finsam-planering-lighthouse.jar"
  FINSAM_PORT=$PORT FINSAM_DB="$WORK/lighthouse.db" FINSAM_DEMO=large \
    java -Xmx128m -XX:+UseParallelGC -jar "$WORK/finsam-planering-lighthouse.jar" > "$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  BASE="http://localhost:$PORT"
  echo "Starting the server on $BASE (seeding the demo data) ..." >&2
  for _ in $(seq 1 600); do
    if curl -s -o /dev/null "$BASE/logga-in/deltagare"; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "The server stopped; see $OUT/server.log" >&2; exit 1; fi
    sleep 1
  done
fi
BASE=${BASE%/}

csrf_of() { sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -n 1; }
session_of() { awk '$6 == "finsam_session" { print $7 }' "$1" | tail -n 1; }

login_participant() {
  local jar="$WORK/deltagare.jar" token
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/logga-in/deltagare" | csrf_of)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
    --data-urlencode "anvandarnamn=deltagare" --data-urlencode "pin=246810" "$BASE/logga-in/deltagare"
  session_of "$jar"
}

totp() {
  node -e '
    const crypto = require("crypto");
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let bits = "";
    for (const ch of process.argv[1].replace(/=+$/, "")) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
    const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
    const h = crypto.createHmac("sha1", key).update(counter).digest();
    const o = h[h.length - 1] & 15;
    const n = ((h[o] & 127) << 24 | h[o + 1] << 16 | h[o + 2] << 8 | h[o + 3]) % 1000000;
    console.log(String(n).padStart(6, "0"));
  ' "$TOTP_SECRET"
}

login_staff() {
  local user=$1 jar="$WORK/$1.jar" token location
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/logga-in" | csrf_of)
  location=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
    --data-urlencode "anvandarnamn=$user" --data-urlencode "losenord=finsam-demo" "$BASE/logga-in")
  if [[ "$location" == *"/tvafaktor"* ]]; then
    token=$(curl -s -c "$jar" -b "$jar" "$BASE/tvafaktor" | csrf_of)
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
      --data-urlencode "kod=$(totp)" "$BASE/tvafaktor"
  fi
  session_of "$jar"
}

DELTAGARE=$(login_participant)
HANDLAGGARE=$(login_staff handlaggare)
KOORDINATOR=$(login_staff koordinator)
for pair in "deltagare:$DELTAGARE" "handlaggare:$HANDLAGGARE" "koordinator:$KOORDINATOR"; do
  if [ -z "${pair#*:}" ]; then echo "Login failed for ${pair%%:*}" >&2; exit 1; fi
done

# name|path|session (empty: not logged in)
PAGES=(
  "logga-in-deltagare|/logga-in/deltagare|"
  "min-planering|/min-planering|$DELTAGARE"
  "kontakter|/min-planering/kontakter|$DELTAGARE"
  "mote|/min-planering/mote|$DELTAGARE"
  "mina-uppgifter|/min-planering/mina-uppgifter|$DELTAGARE"
  "vem-har-tittat|/min-planering/vem-har-tittat|$DELTAGARE"
  "start-handlaggare|/|$HANDLAGGARE"
  "start-koordinator|/|$KOORDINATOR"
  "uppfoljning-koordinator|/uppfoljning|$KOORDINATOR"
)

summary() {
  node -e '
    const fs = require("fs");
    const files = process.argv.slice(1);
    const runs = files.map((f) => {
      const r = JSON.parse(fs.readFileSync(f, "utf8"));
      const s = (c) => (r.categories[c] && r.categories[c].score != null ? r.categories[c].score : NaN);
      const n = (a) => (r.audits[a] && r.audits[a].numericValue != null ? r.audits[a].numericValue : NaN);
      return { perf: s("performance"), a11y: s("accessibility"), bp: s("best-practices"),
               tbt: n("total-blocking-time"), lcp: n("largest-contentful-paint"), cls: n("cumulative-layout-shift"),
               url: r.finalDisplayedUrl || r.finalUrl, err: r.runtimeError && r.runtimeError.message };
    });
    const sorted = runs.slice().sort((a, b) => a.perf - b.perf || b.tbt - a.tbt);
    const m = sorted[Math.floor((sorted.length - 1) / 2)];
    const med = (k) => { const v = runs.map((r) => r[k]).sort((a, b) => a - b); return v[Math.floor((v.length - 1) / 2)]; };
    console.log([m.perf.toFixed(2), med("a11y").toFixed(2), med("bp").toFixed(2),
      Math.round(med("tbt")) + " ms", Math.round(med("lcp")) + " ms", med("cls").toFixed(3),
      m.url + (m.err ? " ERROR " + m.err : "")].join("\t"));
  ' "$@"
}

ROWS=()
for entry in "${PAGES[@]}"; do
  IFS='|' read -r name path session <<< "$entry"
  if [ -n "$session" ]; then
    # The start page redirects to the role's own start page; a cookie given as an extra header is not sent
    # again after a redirect, so the page is measured at the address it redirects to.
    target=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Cookie: finsam_session=$session" "$BASE$path")
    if [ -n "$target" ] && [[ "$target" == "$BASE"/* ]] && [[ "$target" != *"/logga-in"* ]]; then
      path=${target#"$BASE"}
    fi
  fi
  files=()
  for run in $(seq 1 "$RUNS"); do
    file="$OUT/$name-$run.json"
    args=(--quiet --output=json --output-path="$file" --form-factor=mobile
          --only-categories=performance,accessibility,best-practices --chrome-flags="$CHROME_FLAGS")
    if [ -n "$session" ]; then
      args+=(--extra-headers="{\"Cookie\":\"finsam_session=$session\"}")
    fi
    if ! curl -s -o /dev/null --max-time 30 "$BASE/logga-in/deltagare"; then
      echo "The server at $BASE does not answer (see $OUT/server.log)" >&2
      exit 1
    fi
    echo "Lighthouse $name ($run/$RUNS) ..." >&2
    "$LH" "$BASE$path" "${args[@]}" >&2 || echo "Lighthouse failed on $name run $run" >&2
    [ -f "$file" ] && files+=("$file")
  done
  if [ ${#files[@]} -gt 0 ]; then
    ROWS+=("$name	$(summary "${files[@]}")")
  else
    ROWS+=("$name	-	-	-	-	-	-	no report")
  fi
done

{
  printf 'page\tperformance\taccessibility\tbest-practices\tTBT\tLCP\tCLS\tfinal URL\n'
  printf '%s\n' "${ROWS[@]}"
} | column -t -s $'\t' | tee "$OUT/summary.txt"
