#!/usr/bin/env bash
# Soak of the packaged portal (issue 27): hours-of-use conditions squeezed into DURATION, looking for
# anything that keeps growing. Only talks to 127.0.0.1; stops by itself. Needs java 17 (with jcmd),
# python3, curl and wrk. See docs/performance.md#soak for the criteria and the figures.
#
#   bash bench/soak.sh                          # 20 minutes, 300 accounts; builds the jar first
#   SKIP_BUILD=1 DURATION=180 ACCOUNTS=50 bash bench/soak.sh     # a short run on the jar already built
#
# What runs:
#   - the portal with -Xmx512m -XX:+ExitOnOutOfMemoryError on a free 127.0.0.1 port, a fresh data
#     directory and a generated admin password, polling every account every 2 minutes (poll-tick 5s)
#     from bench/soak_heygen.py, a stand-in of HeyGen's GET /v3/users/me (about 1% 500s, 1% 429s
#     with Retry-After: 5; it counts the 200s it served per key);
#   - ACCOUNTS accounts, each with its own key, a contract and usage from ../shared/acceptance/*.json
#     (dollar-package and usage-based in turn), created through the API with a write token;
#   - wrk -t2 -c8 for DURATION, one run a minute, on the dashboard /, three account pages, /plan (session
#     cookie) and /api/accounts (read token), through bench/soak.lua, which counts every status;
#   - each minute, in the middle of that minute's load: RSS and threads (/proc/PID/status), open file
#     descriptors (/proc/PID/fd), the live heap after a full GC (the total of jcmd GC.class_histogram,
#     which collects first and counts only live objects), the readings served and stored so far and the
#     poller's lag (/q/metrics); one table row a minute.
# At the end (load stopped, the stand-in frozen so its counts stop moving): the pages probed once each,
# the readings stored (FETCHED rows of every account's snapshots.csv) against the 200s served, the live
# heap once more, the top 10 classes of the class histogram at the start and the end and those that
# grew most, then one PASS/FAIL line per criterion (bench/soak_data.py verdict). Exit 1 if any fails.
#
# Settings (environment): DURATION (1200 seconds; "20m" works too), ACCOUNTS (300), SKIP_BUILD (0; 1 reuses
#   target/quarkus-app), SOAK_PORT (a free port), SOAK_XMX (512m), SOAK_WRK_TIMEOUT (10s: a slower answer
#   is a socket error, i.e. a failure), SOAK_JAVA_OPTS (extra JVM options), SOAK_ACCEPTANCE_DIR
#   (../shared/acceptance), SOAK_KEEP (0; 1 keeps the work directory with the app's log, the samples and
#   the class histograms even when the run passes; a failed run always keeps it, without the database).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-1200}
case $DURATION in
  *m) DURATION=$(( ${DURATION%m} * 60 )) ;;
  *s) DURATION=${DURATION%s} ;;
esac
ACCOUNTS=${ACCOUNTS:-300}
XMX=${SOAK_XMX:-512m}
WRK_TIMEOUT=${SOAK_WRK_TIMEOUT:-10s}
POLL_INTERVAL_S=120          # -Dportal.wallet.poll-interval=2m: the report's setting, 2.5 reads a second for 300 accounts
JAR=target/quarkus-app/quarkus-run.jar
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -ge 60 ]] || { echo "DURATION must be at least 60 seconds" >&2; exit 2; }
[[ "$ACCOUNTS" =~ ^[0-9]+$ && "$ACCOUNTS" -ge 3 && "$ACCOUNTS" -le 9999 ]] || { echo "ACCOUNTS must be 3 to 9999" >&2; exit 2; }

for tool in java jcmd python3 curl wrk; do
  command -v "$tool" >/dev/null || { echo "bench/soak.sh needs $tool" >&2; exit 1; }
done

if [ "${SKIP_BUILD:-0}" = 1 ]; then
  [ -f "$JAR" ] || { echo "SKIP_BUILD=1 but $JAR is missing" >&2; exit 1; }
else
  echo "== building $JAR (SKIP_BUILD=1 reuses it)"
  ./mvnw -q -B -DskipTests package
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${SOAK_PORT:-$(free_port)}
BASE="http://127.0.0.1:$PORT"
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "Something already answers on port $PORT; set SOAK_PORT to a free port." >&2
  exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/spend-portal-soak.XXXXXX")
LOG="$TMP/app.log"
APP_PID=
HEYGEN_PID=
WATCHDOG_PID=
WRK_PID=

cleanup() {
  local status=$?
  set +e
  [ -n "$WATCHDOG_PID" ] && kill "$WATCHDOG_PID" 2>/dev/null
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null
  [ -n "$HEYGEN_PID" ] && kill "$HEYGEN_PID" 2>/dev/null
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null
  fi
  if [ "$status" -eq 0 ] && [ "${SOAK_KEEP:-0}" != 1 ]; then
    rm -rf "$TMP"
  else
    rm -rf "$TMP/data"
    echo "bench/soak.sh: exit $status; the app's log, the samples and the histograms are in $TMP" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "[$(date +%H:%M:%S)] $*"; }

# A watchdog: whatever hangs, the run ends DURATION + 30 minutes after this point.
( sleep "$((DURATION + 1800))" & nap=$!; trap 'kill $nap 2>/dev/null; exit 0' TERM; wait $nap
  echo "bench/soak.sh: stopped by its watchdog" >&2; kill -TERM $$ ) &
WATCHDOG_PID=$!

# ---- The stand-in HeyGen (it also stops by itself when this script is gone, or after its own limit)
python3 bench/soak_heygen.py "$TMP/heygen.port" "$TMP/heygen-counts.json" "$ACCOUNTS" $$ "$((DURATION + 2400))" &
HEYGEN_PID=$!
for _ in $(seq 1 50); do [ -s "$TMP/heygen.port" ] && break; sleep 0.2; done
[ -s "$TMP/heygen.port" ] || { echo "The stand-in HeyGen did not start" >&2; exit 1; }
HEYGEN="http://127.0.0.1:$(cat "$TMP/heygen.port")"
heygen_counts() { curl -s --max-time 10 "$HEYGEN/_soak/counts"; }
served_total() { python3 -c 'import json, sys; print(sum(json.load(sys.stdin)["ok"].values()))'; }

# ---- The portal
PASSWORD=$(python3 -c 'import secrets, string; print("".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(20)))')
say "starting the portal on $BASE (-Xmx$XMX, polling every ${POLL_INTERVAL_S}s from $HEYGEN, work directory $TMP)"
# shellcheck disable=SC2086  # SOAK_JAVA_OPTS is a list of options
java "-Xmx$XMX" -XX:+ExitOnOutOfMemoryError ${SOAK_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 "-Dquarkus.http.port=$PORT" \
  "-Dportal.data-dir=$TMP/data" "-Dportal.admin.password=$PASSWORD" "-Dheygen.base-url=$HEYGEN" \
  -Dportal.wallet.poll-interval=2m -Dportal.wallet.poll-tick=5s -Dportal.jobs.poll-interval=2m -Dportal.jobs.poll-tick=5s \
  -jar "$JAR" >"$LOG" 2>&1 &
APP_PID=$!
for i in $(seq 1 181); do
  kill -0 "$APP_PID" 2>/dev/null || { echo "The portal stopped while starting:" >&2; grep -v '^[[:space:]]' "$LOG" | tail -8 >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/q/health/ready")" = 200 ] && break
  [ "$i" = 181 ] && { echo "The portal was not ready after 180 s" >&2; exit 1; }
  sleep 1
done
say "ready (pid $APP_PID, $(awk -F'"' 'NR == 1 { print "Java " $2 }' < <(java -version 2>&1)), $(jcmd "$APP_PID" VM.flags 2>/dev/null | grep -o 'Use[A-Za-z0-9]*GC' | head -1))"

# API tokens, made with Basic (the only call here that pays for bcrypt): write for the setup, read for wrk
token() {
  curl -s -f -u "admin:$PASSWORD" -H 'Content-Type: application/json' -d "{\"name\":\"soak $1\",\"scope\":\"$1\"}" \
    "$BASE/api/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
WRITE_TOKEN=$(token write)
READ_TOKEN=$(token read)

# ---- Accounts
say "creating $ACCOUNTS accounts with keys, contracts and usage"
t0=$SECONDS
SOAK_URL=$BASE SOAK_TOKEN=$WRITE_TOKEN python3 bench/soak_data.py setup "$ACCOUNTS" "$TMP/accounts.txt"
say "  done in $((SECONDS - t0)) s"
# Three account pages: a dollar-package account with a forecast, a usage-based one with a year of usage, a short term
acct() { awk -v c="$1" '$3 == c { print $1; exit }' "$TMP/accounts.txt"; }
P1=$(acct dp-120k-forecast); P2=$(acct ub-5000-published-example); P3=$(acct ub-1000-short-term)
nth() { awk -v n="$1" 'NR == n { print $1 }' "$TMP/accounts.txt"; }   # without those cases: the first three
P1=${P1:-$(nth 1)}; P2=${P2:-$(nth 2)}; P3=${P3:-$(nth 3)}
PATHS=(/ "/accounts/$P1" "/accounts/$P2" "/accounts/$P3" /plan /api/accounts)

# ---- Login through the CSRF-protected form (as bench/load.sh)
login() {
  local jar="$TMP/cookies.txt" code where csrf
  rm -f "$jar"
  curl -s -o /dev/null -c "$jar" "$BASE/login"
  csrf=$(awk -F'\t' '$6 == "portal-csrf" { print $7 }' "$jar")
  read -r code where < <(curl -s -o /dev/null -b "$jar" -c "$jar" -w '%{http_code} %{redirect_url}\n' \
    --data-urlencode "csrf-token=$csrf" --data-urlencode "j_username=admin" --data-urlencode "j_password=$PASSWORD" \
    "$BASE/j_security_check")
  if [ "$code" != 302 ] || [[ "$where" == *error* ]]; then
    echo "Login failed: HTTP $code, redirect to '$where'" >&2; exit 1
  fi
  awk -F'\t' 'NF >= 7 { sub(/^#HttpOnly_/, "", $1); if ($1 ~ /^#/) next; printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar"
}
# The wrk script reads the cookie and the read token from this file and writes the renewed cookie back.
AUTH="$TMP/auth.txt"
SESSION=$(login)
( umask 077; printf '%s\n%s\n' "$SESSION" "$READ_TOKEN" >"$AUTH" )
cookie() { sed -n 1p "$AUTH"; }

# probe: each path once; prints "path status" for those that did not answer 200
probe() {
  local path code
  for path in "${PATHS[@]}"; do
    if [[ "$path" == /api/* ]]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $READ_TOKEN" "$BASE$path")
    else
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Cookie: $(cookie)" "$BASE$path")
    fi
    [ "$code" = 200 ] || printf '%s %s; ' "$path" "$code"
  done
}
bad=$(probe)
[ -z "$bad" ] || { echo "Before the load, not every path answers 200: $bad" >&2; exit 1; }
say "paths under load: ${PATHS[*]}"

# ---- Samples
SAMPLES="$TMP/samples.tsv"
printf 'minute\tphase\trss_mb\tlive_heap_mb\tthreads\tfds\trequests\tnot_2xx\tsocket_errors\tserved\tstored_ok\tpoll_lag_s\n' >"$SAMPLES"
proc_mb() { awk -v k="$1:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$APP_PID/status"; }
# live_heap FILE: runs GC.class_histogram (a full GC, then live objects only) into FILE; prints the total in MB
live_heap() {
  if timeout 120 jcmd "$APP_PID" GC.class_histogram >"$1" 2>&1 && grep -q '^Total' "$1"; then
    awk '$1 == "Total" { printf "%.1f", $3 / 1048576 }' "$1"
  else
    echo NA
  fi
}
metric() {   # metric NAME_AND_LABELS: one value from /q/metrics (read token), NA when absent
  curl -s --max-time 20 -H "Authorization: Bearer $READ_TOKEN" "$BASE/q/metrics" |
    awk -v m="$1" 'index($0, m " ") == 1 { printf "%.0f", $2; found = 1 } END { if (!found) print "NA" }'
}
# figures HISTOGRAM_FILE: "rss live_heap threads fds served stored_ok poll_lag" of the portal now
figures() {
  local rss threads fds heap served ok lag
  kill -0 "$APP_PID" 2>/dev/null || { echo "The portal is gone (see $LOG):" >&2; grep -E 'OutOfMemory|ERROR' "$LOG" | tail -5 >&2; exit 1; }
  heap=$(live_heap "$1")
  rss=$(proc_mb VmRSS); threads=$(awk '$1 == "Threads:" { print $2 }' "/proc/$APP_PID/status")
  fds=$(find "/proc/$APP_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  served=$(heygen_counts | served_total)
  ok=$(metric 'portal_wallet_refreshes_total{outcome="ok"}')
  lag=$(metric portal_wallet_poll_lag_seconds)
  echo "$rss $heap $threads $fds $served $ok $lag"
}
# row MINUTE PHASE REQUESTS NOT_2XX SOCKET_ERRORS FIGURES: one line of samples.tsv and of the table
row() {
  local rss heap threads fds served ok lag
  read -r rss heap threads fds served ok lag <<<"$6"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$rss" "$heap" "$threads" "$fds" "$3" "$4" "$5" \
    "$served" "$ok" "$lag" >>"$SAMPLES"
  printf '%6s %-5s %8s %10s %8s %5s %9s %8s %7s %7s %7s %5s\n' "$1" "$2" "$rss" "$heap" "$threads" "$fds" "$3" "$4" "$5" \
    "$served" "$ok" "$lag"
}
header() {
  printf '%6s %-5s %8s %10s %8s %5s %9s %8s %7s %7s %7s %5s\n' minute phase "RSS MB" "live heap" threads fds \
    requests "not 2xx" "sock er" served stored "lag s"
}

say "baseline before the load (the histogram's full GC takes a moment)"
header
now=$(figures "$TMP/histogram-start.txt")
row 0.0 idle 0 0 0 "$now"

# ---- The load: one wrk run a minute, so the table shows each minute's requests and failures
REQUESTS=0; NOT2XX=0; SOCK=0; STATUSES="$TMP/statuses.txt"; : >"$STATUSES"
SERVED_START=$(heygen_counts | served_total)
LOAD_START=$(date +%s.%N)
elapsed_min() { python3 -c "import time; print(f'{(time.time() - $LOAD_START) / 60:.1f}')"; }
say "load: wrk -t2 -c8 for $DURATION s (timeout $WRK_TIMEOUT), $ACCOUNTS accounts polled every ${POLL_INTERVAL_S}s"
header
left=$DURATION
while [ "$left" -gt 0 ]; do
  seg=$(( left < 60 ? left : 60 ))
  left=$(( left - seg ))
  out="$TMP/wrk.txt"
  wrk -t2 -c8 "-d${seg}s" --timeout "$WRK_TIMEOUT" -s bench/soak.lua "$BASE" -- "$AUTH" "${PATHS[@]}" >"$out" 2>&1 &
  WRK_PID=$!
  # sample in the middle of the minute, under load (the histogram's full GC pauses the portal briefly)
  sleep $(( seg / 2 ))
  at=$(elapsed_min)
  now=$(figures "$TMP/histogram-last.txt")
  wait "$WRK_PID" || true
  WRK_PID=
  grep -q '^Requests/sec:' "$out" || { echo "wrk failed:" >&2; head -c 600 "$out" >&2; exit 1; }
  req=$(awk '/ requests in / { print $1 }' "$out")
  sock=$(sed -n 's/^ *Socket errors: //p' "$out" | tr -dc '0-9 ' | awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print s + 0 }')
  sock=${sock:-0}
  st=$(sed -n 's/^statuses //p' "$out")
  echo "$st" >>"$STATUSES"
  # every status but 2xx is a failure: a 302 (the session lost) as much as a 500. wrk's own line counts
  # 4xx and 5xx only; the Lua script counts every status (the larger of the two, should they differ).
  bad=$(echo "$st" | tr ' ' '\n' | awk -F= '$1 != "" && ($1 < 200 || $1 > 299) { s += $2 } END { print s + 0 }')
  wrk_bad=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
  [ "${wrk_bad:-0}" -le "$bad" ] || bad=$wrk_bad
  REQUESTS=$((REQUESTS + req)); NOT2XX=$((NOT2XX + bad)); SOCK=$((SOCK + sock))
  row "$at" load "$req" "$bad" "$sock" "$now"
done
LOAD_END=$(date +%s.%N)

# ---- The end
PROBE=$(probe)
FROZEN="$TMP/heygen-frozen.json"
curl -s -f --max-time 10 -X POST "$HEYGEN/_soak/freeze" >"$FROZEN"
SERVED_END=$(served_total <"$FROZEN")
sleep 5   # reads answered just before the freeze are being stored
say "load stopped; counting the stored readings (snapshots.csv of $ACCOUNTS accounts)"
SOAK_URL=$BASE SOAK_COOKIE=$(cookie) python3 bench/soak_data.py stored "$TMP/accounts.txt" "$FROZEN" >"$TMP/stored.txt"
grep '^#' "$TMP/stored.txt" || true
header
at=$(elapsed_min)
now=$(figures "$TMP/histogram-end.txt")
row "$at" end 0 0 0 "$now"

echo
python3 - "$TMP/histogram-start.txt" "$TMP/histogram-end.txt" <<'EOF'
import re, sys
def read(path):
    rows = {}
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(.*)$", line)
        if m:
            rows[m.group(3).strip()] = (int(m.group(1)), int(m.group(2)))
    return rows
start, end = read(sys.argv[1]), read(sys.argv[2])
for title, rows in (("start (before the load)", start), ("end (load stopped)", end)):
    print(f"top 10 classes of the live heap at the {title}:")
    for name, (n, b) in sorted(rows.items(), key=lambda kv: -kv[1][1])[:10]:
        print(f"  {b / 1048576:9.1f} MB {n:>11,}  {name}")
grew = sorted(((end.get(k, (0, 0))[1] - start.get(k, (0, 0))[1], k) for k in set(start) | set(end)), reverse=True)[:10]
print("grew most from start to end:")
for d, name in grew:
    print(f"  {d / 1048576:+9.1f} MB {end.get(name, (0, 0))[0] - start.get(name, (0, 0))[0]:>+11,}  {name}")
EOF

echo
echo "statuses over the run: $(tr ' ' '\n' <"$STATUSES" | awk -F= 'NF == 2 { s[$1] += $2 } END { for (k in s) { printf "%s%s=%s", sep, k, s[k]; sep = " " } }')"
echo "app log: $(grep -c ' ERROR ' "$LOG" || true) ERROR lines, $(grep -c ' WARN ' "$LOG" || true) WARN lines"
val() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/stored.txt"; }
SUMMARY="$TMP/summary.txt"
{
  echo "requests $REQUESTS"
  echo "not_2xx $NOT2XX"
  echo "socket_errors $SOCK"
  echo "statuses $(tr ' ' '\n' <"$STATUSES" | awk -F= 'NF == 2 { s[$1] += $2 } END { for (k in s) { printf "%s%s=%s", sep, k, s[k]; sep = " " } }')"
  [ -z "$PROBE" ] || echo "probe_failures after the load: $PROBE"
  echo "final_live_heap_mb $(awk -F'\t' '$2 == "end" { print $4 }' "$SAMPLES")"
  echo "stored $(val stored)"
  echo "served $(val served)"
  echo "short_accounts $(val short_accounts)"
  echo "extra_accounts $(val extra_accounts)"
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("rate_limited", d["rate_limited"]); print("errors", d["errors"]); print("job_pages", d.get("job_pages", 0))' "$FROZEN"
  echo "served_in_window $((SERVED_END - SERVED_START))"
  echo "window_s $(python3 -c "print(round($LOAD_END - $LOAD_START))")"
  echo "accounts $ACCOUNTS"
  echo "interval_s $POLL_INTERVAL_S"
} >"$SUMMARY"
echo "job list pages served by the stand-in: $(awk '$1 == "job_pages" { print $2 }' "$SUMMARY")"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); -Xmx$XMX; $ACCOUNTS accounts; wrk -t2 -c8 for $DURATION s"
echo
python3 bench/soak_data.py verdict "$SAMPLES" "$SUMMARY"
