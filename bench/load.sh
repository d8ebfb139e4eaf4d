#!/usr/bin/env bash
# Load benchmark of the packaged portal: starts it on a fresh data directory (with -XX:+ExitOnOutOfMemoryError, as in
# production: an OutOfMemoryError ends the portal, and the run, rather than leave it answering errors), loads two data
# sets through the JSON API and measures pages with wrk. Prints a table of requests/second, each as a
# percentage of /login measured in the same run (figures are noisy on a shared machine; the ratios
# are what to compare). Needs java 17, python3, curl and wrk. Only talks to 127.0.0.1.
#
#   bash bench/load.sh                        # full sizes; builds the jar only if it is missing
#   BENCH_BUILD=1 bash bench/load.sh          # rebuild the jar first (do this after changing the app)
#
# Phase A: 10 dollar-package accounts with a year of 15-minute wallet readings each (350,400 in all),
#          backfilled in calls of 10,000 by 2 concurrent loaders (timed). Phase B: 1,000 usage-based
#          accounts with 11 months of usage, plus one 60-month account. Phase C: the portal stopped, a year of HeyGen's
#          job list (100 jobs a day) for 100 of those accounts, 3.65 million jobs, written into its H2 file by
#          bench/JobsLoader.java; then started again, and 200 cost centres made through the API over all the
#          accounts. Pages are measured after each.
#
# Settings (environment): JIT_WARMUP (8s on /login and each page before phase A), BENCH_PORT (18080), BENCH_XMX (512m), BENCH_DURATION (10s), BENCH_WARMUP (3s),
#   BENCH_WRK_TIMEOUT (wrk's own default, 2s: slower answers count as socket timeouts), BENCH_JAVA_OPTS
#   (extra JVM options), BENCH_TIMEOUT_MIN (45: the whole run is stopped after this; 0 = never),
#   and for smaller data sets BENCH_READINGS_ACCOUNTS (10), BENCH_READINGS (35040 per account),
#   BENCH_CHUNK (10000 per call), BENCH_LOADERS (2), BENCH_ACCOUNTS (1000), BENCH_WORKERS (6 parallel
#   API callers for setup), BENCH_JOBS_ACCOUNTS (100; 0 skips phase C), BENCH_JOB_DAYS (365), BENCH_JOBS_PER_DAY (100). The app's log stays in a temporary directory when the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18080}
XMX=${BENCH_XMX:-512m}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-3s}
WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-2s}
TIMEOUT_MIN=${BENCH_TIMEOUT_MIN:-45}
IDLE_MAX=${BENCH_IDLE_MAX:-60}
export BENCH_READINGS=${BENCH_READINGS:-35040}
BASE="http://127.0.0.1:$PORT"
JAR=target/quarkus-app/quarkus-run.jar

for tool in java python3 curl wrk; do
  command -v "$tool" >/dev/null || { echo "bench/load.sh needs $tool" >&2; exit 1; }
done
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "Something already answers on port $PORT; set BENCH_PORT to a free port." >&2
  exit 1
fi

if [ ! -f "$JAR" ] || [ "${BENCH_BUILD:-0}" = 1 ]; then
  echo "== building $JAR"
  ./mvnw -q -B -DskipTests package
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/spend-portal-bench.XXXXXX")
LOG="$TMP/app.log"
APP_PID=
WATCHDOG_PID=
FAILED=0
REPORTED=
ROWS=

cleanup() {
  local status=$?
  set +e
  [ -n "$WATCHDOG_PID" ] && kill "$WATCHDOG_PID" 2>/dev/null || true
  if [ "$status" -ne 0 ] && [ -z "$REPORTED" ] && [ -s "${ROWS:-}" ]; then
    echo; echo "INCOMPLETE RUN: figures measured before the failure"; report
  fi
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  if [ "$status" -eq 0 ]; then
    rm -rf "$TMP"
  else
    rm -rf "$TMP/data"
    echo "bench/load.sh failed (exit $status); the app's log is kept in $LOG" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "[$(date +%H:%M:%S)] $*"; }

PASSWORD=$(python3 -c 'import secrets, string; print("".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(20)))')
BASIC="Basic $(printf '%s' "admin:$PASSWORD" | base64 | tr -d '\n')"
export BENCH_URL="$BASE" BENCH_USER=admin BENCH_PASSWORD="$PASSWORD"

# start_app [keep]: starts the portal on a fresh data directory (or on the one there with "keep") and waits until it
# is ready; 1 if it is not
start_app() {
  [ "${1:-}" = keep ] || rm -rf "$TMP/data"
  say "starting the portal on $BASE (-Xmx$XMX, data in $TMP/data, log $LOG)"
  # shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of options
  java "-Xmx$XMX" -XX:+ExitOnOutOfMemoryError ${BENCH_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 "-Dquarkus.http.port=$PORT" \
    "-Dportal.data-dir=$TMP/data" "-Dportal.admin.password=$PASSWORD" -Dportal.wallet.poller-enabled=false \
    -jar "$JAR" >"$LOG" 2>&1 &
  APP_PID=$!
  echo "$APP_PID" >"$TMP/app.pid"
  for _ in $(seq 1 180); do
    kill -0 "$APP_PID" 2>/dev/null || { echo "The portal stopped while starting:" >&2; grep -v '^[[:space:]]' "$LOG" | tail -8 >&2; return 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/q/health/ready")" = 200 ] && return 0
    sleep 1
  done
  echo "The portal was not ready after 180 s" >&2
  kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null
  return 1
}

# stop_app: stops the portal (SIGTERM: H2 closes its file) and waits for it
stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
  ! kill -0 "$APP_PID" 2>/dev/null || { echo "The portal did not stop within 60 s" >&2; exit 1; }
}

if [ "$TIMEOUT_MIN" != 0 ]; then
  # Stops a run that hangs: killing the app makes any waiting loader or wrk fail at once.
  ( sleep "$((TIMEOUT_MIN * 60))" & nap=$!; trap 'kill $nap 2>/dev/null; exit 0' TERM; wait $nap
    echo "bench/load.sh: stopped after $TIMEOUT_MIN minutes" >&2
    kill "$(cat "$TMP/app.pid" 2>/dev/null)" 2>/dev/null; kill -TERM $$ ) &
  WATCHDOG_PID=$!
fi
# A start can fail on a machine busy with other work (e.g. Flyway's connection times out); try once more.
if ! start_app; then
  mv "$LOG" "$TMP/app-first-start.log"
  say "the first start failed (its log: $TMP/app-first-start.log); starting once more"
  start_app
fi
say "ready"
# A read token for the Bearer measurement, created the way a script would (the value is in this answer only)
TOKEN=$(curl -s -u "admin:$PASSWORD" -H 'Content-Type: application/json' -d '{"name":"bench","scope":"read"}' \
  "$BASE/api/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
BEARER="Bearer $TOKEN"

# Waits until requests left over from the previous wrk run have finished: 2 s in a row in which the
# app used less than a quarter of a core and (on a machine busy with other work, where a waiting app
# uses little CPU) had at most one thread runnable in 5 samples. At most IDLE_MAX seconds.
ticks_per_s=$(getconf CLK_TCK)
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$APP_PID/stat"; }
runnable() { cat /proc/"$APP_PID"/task/*/stat 2>/dev/null | awk '{ sub(/^.*\) /, "") } $1 == "R" { n++ } END { print n + 0 }'; }
wait_idle() {
  local before after calm=0 waited=0 r i
  before=$(cpu_ticks)
  while [ "$calm" -lt 2 ] && [ "$waited" -lt "$IDLE_MAX" ]; do
    r=0
    for i in 1 2 3 4 5; do sleep 0.2; r=$((r + $(runnable))); done
    waited=$((waited + 1))
    after=$(cpu_ticks)
    if [ $((after - before)) -lt $((ticks_per_s / 4)) ] && [ "$r" -le 1 ]; then calm=$((calm + 1)); else calm=0; fi
    before=$after
  done
  [ "$calm" -ge 2 ] || say "  (the app was still busy after ${IDLE_MAX} s; measuring anyway)"
}

COOKIE=
login() {
  local jar="$TMP/cookies.txt" code where csrf
  rm -f "$jar"
  # the login form is CSRF-protected: its token is the portal-csrf cookie the login page sets
  curl -s -o /dev/null -c "$jar" "$BASE/login"
  csrf=$(awk -F'\t' '$6 == "portal-csrf" { print $7 }' "$jar")
  read -r code where < <(curl -s -o /dev/null -b "$jar" -c "$jar" -w '%{http_code} %{redirect_url}\n' \
    --data-urlencode "csrf-token=$csrf" --data-urlencode "j_username=admin" --data-urlencode "j_password=$PASSWORD" \
    "$BASE/j_security_check")
  if [ "$code" != 302 ] || [[ "$where" == *error* ]]; then
    echo "Login failed: HTTP $code, redirect to '$where'" >&2; exit 1
  fi
  # Every cookie of the jar (curl marks HttpOnly ones with a #HttpOnly_ prefix)
  COOKIE=$(awk -F'\t' 'NF >= 7 { sub(/^#HttpOnly_/, "", $1); if ($1 ~ /^#/) next; printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
  [ -n "$COOKIE" ] || { echo "Login set no cookie" >&2; exit 1; }
}

ROWS="$TMP/rows.txt"
: >"$ROWS"
LOGIN_RPS=
log_count() { grep -c -- "$1" "$LOG" || true; }
# measure PHASE LABEL PATH [cookie|basic|bearer|none]
measure() {
  local phase=$1 label=$2 path=$3 auth=${4:-cookie} header=() out="$TMP/wrk.txt" probe rps requests non2xx sock errors detail
  local oom_before errors_before oom_new errors_new
  case $auth in
    cookie) login; header=(-H "Cookie: $COOKIE") ;;
    basic) header=(-H "Authorization: $BASIC") ;;
    bearer) header=(-H "Authorization: $BEARER") ;;
  esac
  wait_idle
  oom_before=$(log_count OutOfMemoryError); errors_before=$(log_count ' ERROR ')
  # one request first: its status and time say whether the page works at all
  probe=$(curl -s -o /dev/null "${header[@]}" --max-time 60 -w '%{http_code} %{time_total}' "$BASE$path" || true)
  probe="${probe%% *} $(awk -v t="${probe#* }" 'BEGIN { printf "%.0f", t * 1000 }')"
  say "phase $phase $label: first request HTTP ${probe% *} in ${probe#* } ms; warm-up $WARMUP, then $DURATION"
  wrk -t2 -c16 "-d$WARMUP" --timeout "$WRK_TIMEOUT" "${header[@]}" "$BASE$path" >/dev/null 2>&1 || true
  wait_idle
  wrk -t2 -c16 "-d$DURATION" --timeout "$WRK_TIMEOUT" "${header[@]}" "$BASE$path" >"$out" 2>&1 || true
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out"); rps=${rps:-0}
  requests=$(awk '/ requests in / { print $1 }' "$out"); requests=${requests:-0}
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out"); non2xx=${non2xx:-0}
  sock=$(sed -n 's/^ *Socket errors: //p' "$out")
  errors=$((non2xx + $(echo "${sock:-x 0}" | tr -dc '0-9 ' | awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print s }')))
  # wrk counts an answer slower than its --timeout both as a request and as a "timeout" socket error
  detail=""
  [ "$non2xx" != 0 ] && detail="non-2xx/3xx $non2xx"
  [ -n "$sock" ] && detail="${detail:+$detail, }$(echo "$sock" | sed 's/[a-z]* 0\(, \)\{0,1\}//g; s/, $//;
    s/timeout \([0-9]*\)/\1 slower than '"$WRK_TIMEOUT"' (wrk timeout)/')"
  [ "$requests" = 0 ] && detail="${detail:+$detail; }no answer within the run"
  grep -q '^Requests/sec:' "$out" || detail="wrk failed: $(head -c 200 "$out" | tr '\n' ' ')"
  # what the app logged meanwhile (the first request, warm-up and measurement)
  oom_new=$(($(log_count OutOfMemoryError) - oom_before)); errors_new=$(($(log_count ' ERROR ') - errors_before))
  [ "$oom_new" -gt 0 ] && detail="${detail:+$detail; }OutOfMemoryError in app log"
  [ "$errors_new" -gt 0 ] && detail="${detail:+$detail; }$errors_new ERROR lines in app log"
  [ "$path" = /login ] && LOGIN_RPS=$rps
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$label" "$rps" "$LOGIN_RPS" "$requests" "$errors" \
    "${probe% *} in ${probe#* } ms" "$detail" >>"$ROWS"
  say "  $rps req/s ($requests requests), $errors errors ${detail:+($detail)}"
}

check_dashboard() {
  login
  local code
  code=$(curl -s -o /dev/null -H "Cookie: $COOKIE" --max-time 300 -w '%{http_code}' "$BASE/")
  [ "$code" = 200 ] || { echo "The dashboard answers HTTP $code with the session cookie; cannot measure pages." >&2; exit 1; }
}

CHECKS=()
TIMES=()
report() {
  REPORTED=1
  local hwm rss cpu jv c
  hwm=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status" 2>/dev/null || true)
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status" 2>/dev/null || true)
  cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  jv=$(java -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')
  echo
  echo "machine: $(nproc) cores, ${cpu:-unknown cpu}, Java $jv, -Xmx$XMX; wrk -t2 -c16 -d$DURATION (warm-up $WARMUP, timeout $WRK_TIMEOUT)"
  [ -z "${BACKFILL_LINE:-}" ] || echo "$BACKFILL_LINE"
  [ -z "${PHASE_B_LINE:-}" ] || echo "$PHASE_B_LINE"
  [ -z "${PHASE_C_LINE:-}" ] || echo "$PHASE_C_LINE"
  [ -z "${CENTRES_LINE:-}" ] || echo "$CENTRES_LINE"
  for c in "${CHECKS[@]}"; do echo "check: $c"; done
  for c in "${TIMES[@]}"; do echo "time: $c"; done
  python3 - "$ROWS" <<'EOF'
import sys
print(f"{'phase':<6} {'page':<44} {'req/s':>10} {'% of /login':>12} {'requests':>9} {'errors':>7}  {'1st request':<17} notes")
api = {}
for line in open(sys.argv[1]):
    phase, page, rps, login, requests, errors, first, notes = line.rstrip("\n").split("\t")
    rps, login = float(rps), float(login or 0)
    pct = f"{100 * rps / login:.1f}%" if login else "-"
    print(f"{phase:<6} {page:<44} {rps:>10,.1f} {pct:>12} {requests:>9} {errors:>7}  {first:<17} {notes}")
    api[(phase, page.rsplit(" ", 1)[-1])] = rps
for phase in sorted({p for p, _ in api}):
    basic, token = api.get((phase, "(Basic)")), api.get((phase, "(token)"))
    if basic and token:
        print(f"phase {phase}: GET /api/accounts/{{id}} with a token at {token / basic:.1f} times the rate of Basic")
EOF
  echo "peak RSS: ${hwm:-?} MB (VmHWM); RSS after run: ${rss:-?} MB"
}

pages() {
  local phase=$1
  check_dashboard
  measure "$phase" /login /login none
  measure "$phase" "/ (dashboard)" /
  measure "$phase" "/accounts/$PKG (package, $BENCH_READINGS readings)" "/accounts/$PKG"
  measure "$phase" "/accounts/$PKG/snapshots.csv" "/accounts/$PKG/snapshots.csv"
  measure "$phase" /accounts.csv /accounts.csv
  # the plan portfolio: every account's plan, computed on the first view after a change, then kept
  curl -s -o /dev/null -H "Cookie: $COOKIE" "$BASE/plan"
  measure "$phase" "/plan (portfolio)" /plan
  measure "$phase" "GET /api/accounts/$PKG (Basic)" "/api/accounts/$PKG" basic
  measure "$phase" "GET /api/accounts/$PKG (token)" "/api/accounts/$PKG" bearer
  if [ "$phase" = A ]; then
    measure "$phase" "/accounts/$PKG/daily-spend.csv" "/accounts/$PKG/daily-spend.csv"
  fi
  if [ "$phase" = B ]; then
    measure "$phase" "/accounts/$ID60 (60-month account)" "/accounts/$ID60"
    measure "$phase" "/accounts/$ID60/statement.pdf (60 months)" "/accounts/$ID60/statement.pdf"
    one_by_one "$phase" "/accounts/$ID60/statement.pdf (60 months)" "/accounts/$ID60/statement.pdf"
    measure "$phase" "/plan.pdf (portfolio)" /plan.pdf
  fi
}

# one_by_one PHASE LABEL PATH: the time of one request with nothing else running (10 in a row after 3
# warm-ups; best and median), for documents whose promise is a time, not a rate (the 60-month PDF, DESIGN §16)
one_by_one() {
  login
  time_requests "$1" "$2" "$3" "Cookie: $COOKIE"
}

# time_requests PHASE LABEL PATH HEADER: one_by_one's measurement with the given credentials header
time_requests() {
  local phase=$1 label=$2 path=$3 header=$4 times
  wait_idle
  for _ in 1 2 3; do curl -s -o /dev/null -H "$header" --max-time 60 "$BASE$path"; done
  times=$(for _ in $(seq 10); do
    curl -s -o /dev/null -H "$header" --max-time 60 -w '%{time_total}\n' "$BASE$path"; done | sort -n)
  TIMES+=("phase $phase $label, one request at a time: best $(echo "$times" | head -1 | awk '{ printf "%.0f", $1 * 1000 }') ms,"\
" median $(echo "$times" | sed -n 5p | awk '{ printf "%.0f", $1 * 1000 }') ms, worst $(echo "$times" | tail -1 | awk '{ printf "%.0f", $1 * 1000 }') ms (10 requests)")
  say "${TIMES[-1]}"
}

# api_time PHASE LABEL PATH: like one_by_one, for an API route with the read token; a failed check if not 200
api_time() {
  local code
  code=$(curl -s -o /dev/null -H "Authorization: $BEARER" --max-time 60 -w '%{http_code}' "$BASE$3")
  [ "$code" = 200 ] || { CHECKS+=("phase $1 $2: HTTP $code: FAILED"); FAILED=1; say "${CHECKS[-1]}"; return; }
  time_requests "$1" "$2" "$3" "Authorization: $BEARER"
}

# ---- Phase A
say "phase A: loading $((${BENCH_READINGS_ACCOUNTS:-10} * BENCH_READINGS)) wallet readings"
python3 bench/load_data.py phase-a "$TMP/phase-a.txt"
val() { awk -v k="$2" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$1"; }
A="$TMP/phase-a.txt"
PKG=$(val "$A" package_ids | awk '{ print $1 }')
READINGS=$(val "$A" readings)
BACKFILL_S=$(val "$A" backfill_seconds)
BACKFILL_LINE=$(python3 -c 'import sys
n, s, calls, chunk, loaders, med, rate, mx = sys.argv[1:]
print(f"backfill: {int(n)} readings in {float(s):.1f} s = {int(n) / float(s):,.0f} readings/s "
      f"({calls} calls of up to {chunk} readings, {loaders} loaders; per call: median {med} s, "
      f"max {mx} s, median {int(rate):,} readings/s)")' "$READINGS" "$BACKFILL_S" "$(val "$A" calls)" "$(val "$A" chunk)" \
  "$(val "$A" loaders)" "$(val "$A" call_seconds_median)" "$(val "$A" call_rate_median)" "$(val "$A" call_seconds_max)")
say "$BACKFILL_LINE"

login
lines=$(curl -s -H "Cookie: $COOKIE" --max-time 300 "$BASE/accounts/$PKG/snapshots.csv" | tr -d '\r' | grep -c . || true)
if [ "$lines" = $((BENCH_READINGS + 1)) ]; then
  CHECKS+=("snapshots.csv of account $PKG: $lines lines (header + $BENCH_READINGS readings): ok")
else
  CHECKS+=("snapshots.csv of account $PKG: $lines lines, expected $((BENCH_READINGS + 1)): FAILED")
  FAILED=1
fi
say "${CHECKS[-1]}"
# A fresh JVM compiles its hot paths during the first tens of seconds: warm every page up first, so
# that phase A's /login (measured first) is not slowed by it more than the pages after it.
say "warming the JIT up: ${JIT_WARMUP:-8s} on /login and on each page"
wrk -t2 -c16 "-d${JIT_WARMUP:-8s}" "$BASE/login" >/dev/null 2>&1 || true
for path in / "/accounts/$PKG" /accounts.csv /plan; do
  wrk -t2 -c16 "-d${JIT_WARMUP:-8s}" -H "Cookie: $COOKIE" "$BASE$path" >/dev/null 2>&1 || true
done
pages A

# ---- Phase B
say "phase B: loading ${BENCH_ACCOUNTS:-1000} usage-based accounts and the 60-month account"
python3 bench/load_data.py phase-b "$TMP/phase-b.txt"
ID60=$(val "$TMP/phase-b.txt" id60)
PHASE_B_LINE="phase B load: $(val "$TMP/phase-b.txt" usage_accounts) usage-based accounts + 60-month account (id $ID60, from $(val "$TMP/phase-b.txt" start60)) in $(val "$TMP/phase-b.txt" load_seconds) s"
say "$PHASE_B_LINE"
pages B

# ---- Phase C: a year of HeyGen's job list (DESIGN §18), then cost centres over it (§19)
if [ "${BENCH_JOBS_ACCOUNTS:-100}" != 0 ]; then
  say "phase C: loading ${BENCH_JOB_DAYS:-365} days of ${BENCH_JOBS_PER_DAY:-100} jobs a day for ${BENCH_JOBS_ACCOUNTS:-100} accounts (the portal stopped)"
  stop_app
  H2JAR=$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar | head -1)
  java -cp "$H2JAR" bench/JobsLoader.java "jdbc:h2:$TMP/data/portal" "${BENCH_JOB_DAYS:-365}" "${BENCH_JOBS_PER_DAY:-100}" \
    "${BENCH_JOBS_ACCOUNTS:-100}" >"$TMP/phase-c.txt"
  PHASE_C_LINE="phase C load: $(head -1 "$TMP/phase-c.txt")"
  say "$PHASE_C_LINE"
  JOBS_ID=$(val "$TMP/phase-c.txt" account_ids | awk '{ print $1 }')
  start_app keep
  say "ready again; warming the JIT up"
  login
  wrk -t2 -c16 "-d${JIT_WARMUP:-8s}" "$BASE/login" >/dev/null 2>&1 || true
  for path in / "/accounts/$JOBS_ID" "/accounts/$JOBS_ID/jobs"; do
    wrk -t2 -c16 "-d${JIT_WARMUP:-8s}" -H "Cookie: $COOKIE" "$BASE$path" >/dev/null 2>&1 || true
  done
  check_dashboard
  measure C /login /login none
  measure C "/ (dashboard)" /
  measure C "/accounts/$JOBS_ID (a year of jobs)" "/accounts/$JOBS_ID"
  measure C "/accounts/$JOBS_ID/jobs" "/accounts/$JOBS_ID/jobs"
  YEAR_FROM=$(date -u -d '365 days ago' +%F); YEAR_TO=$(date -u -d 'yesterday' +%F)
  api_time C "GET /api/accounts/$JOBS_ID/job-days (a year)" "/api/accounts/$JOBS_ID/job-days?from=$YEAR_FROM&to=$YEAR_TO"

  say "phase C: ${BENCH_CENTRES:-200} cost centres over the accounts"
  BENCH_JOB_IDS="$(val "$TMP/phase-c.txt" account_ids)" python3 bench/load_data.py centres "$TMP/centres.txt"
  CENTRES_LINE="phase C centres: $(val "$TMP/centres.txt" centres) cost centres in $(val "$TMP/centres.txt" load_seconds) s"
  say "$CENTRES_LINE"
  LAST_MONTH=$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%Y-%m)
  login
  for path in /cost-centres "/cost-centres?month=$LAST_MONTH"; do
    wrk -t2 -c16 "-d${JIT_WARMUP:-8s}" -H "Cookie: $COOKIE" "$BASE$path" >/dev/null 2>&1 || true
  done
  measure C /login /login none
  measure C "/ (dashboard, with centres)" /
  measure C "/cost-centres (this month)" /cost-centres
  measure C "/cost-centres?month=$LAST_MONTH" "/cost-centres?month=$LAST_MONTH"
  api_time C "GET /api/showback (this month)" /api/showback
  api_time C "GET /api/showback?month=$LAST_MONTH" "/api/showback?month=$LAST_MONTH"
fi

# ---- Report
report
exit "$FAILED"
