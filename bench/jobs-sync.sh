#!/usr/bin/env bash
# The job list sync of the packaged portal (DESIGN §18, issue 29): a first sync of JOBS jobs (10,000: 100 pages of
# 100) served by bench/jobs_heygen.py, a stand-in of HeyGen's job list, then a second sync of the unchanged list,
# which must read one page. Each sync is one POST /api/accounts/{id}/jobs/sync, timed by curl (the call answers when
# the sync is done: pages read, jobs stored, job_day refolded, folder names read). Prints both answers and times, the
# requests the stand-in served, and PASS/FAIL against the targets (first sync under 20 s; the second reads 1 page).
# Only talks to 127.0.0.1 and stops by itself. Needs java 17, python3 and curl.
#
#   bash bench/jobs-sync.sh                   # builds the jar only if it is missing
#   BENCH_BUILD=1 bash bench/jobs-sync.sh     # rebuild it first (after changing the app)
#
# Settings (environment): JOBS (10000), BENCH_PORT (18081), BENCH_XMX (512m), BENCH_JAVA_OPTS (extra JVM options),
#   BENCH_JAR (target/quarkus-app/quarkus-run.jar; the PostgreSQL build with BENCH_JAVA_OPTS naming its database
#   works too). The app's log is kept in a temporary directory when the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."

JOBS=${JOBS:-10000}
PORT=${BENCH_PORT:-18081}
XMX=${BENCH_XMX:-512m}
JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
BASE="http://127.0.0.1:$PORT"
TARGET_S=20

for tool in java python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench/jobs-sync.sh needs $tool" >&2; exit 1; }
done
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "Something already answers on port $PORT; set BENCH_PORT to a free port." >&2
  exit 1
fi
if [ ! -f "$JAR" ] || [ "${BENCH_BUILD:-0}" = 1 ]; then
  echo "== building $JAR"
  ./mvnw -q -B -DskipTests package
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/spend-portal-jobs-bench.XXXXXX")
LOG="$TMP/app.log"
APP_PID=
FAKE_PID=
cleanup() {
  local status=$?
  set +e
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null
  fi
  [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null
  if [ "$status" -eq 0 ]; then
    rm -rf "$TMP"
  else
    rm -rf "$TMP/data"
    echo "bench/jobs-sync.sh failed (exit $status); the app's log is kept in $LOG" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "[$(date +%H:%M:%S)] $*"; }

KEY="sk_bench_jobs_$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
python3 bench/jobs_heygen.py "$TMP/fake.port" "$KEY" "$JOBS" $$ 1800 &
FAKE_PID=$!
for _ in $(seq 1 50); do [ -s "$TMP/fake.port" ] && break; sleep 0.2; done
FAKE="http://127.0.0.1:$(cat "$TMP/fake.port")"
say "the stand-in serves $JOBS jobs at $FAKE"

PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(15))')
say "starting the portal on $BASE (-Xmx$XMX, data in $TMP/data)"
# shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of options
java "-Xmx$XMX" -XX:+ExitOnOutOfMemoryError ${BENCH_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 "-Dquarkus.http.port=$PORT" \
  "-Dportal.data-dir=$TMP/data" "-Dportal.admin.password=$PASSWORD" "-Dheygen.base-url=$FAKE" \
  -Dportal.wallet.poller-enabled=false -Dportal.jobs.poller-enabled=false -jar "$JAR" >"$LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 180); do
  kill -0 "$APP_PID" 2>/dev/null || { echo "The portal stopped while starting:" >&2; tail -8 "$LOG" >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/q/health/ready")" = 200 ] && break
  sleep 1
done
say "ready"

api() { curl -s -u "admin:$PASSWORD" -H 'Content-Type: application/json' "$@"; }
ID=$(api -d "{\"name\":\"Jobs bench\",\"apiKey\":\"$KEY\"}" "$BASE/api/accounts" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')

sync() {  # prints "seconds<TAB>body"
  api -X POST -o "$TMP/answer.json" -w '%{time_total}' "$BASE/api/accounts/$ID/jobs/sync" >"$TMP/time.txt"
  printf '%s\t%s\n' "$(cat "$TMP/time.txt")" "$(cat "$TMP/answer.json")"
}
counts() { curl -s "$FAKE/_bench/counts"; }

say "first sync of $JOBS jobs"
FIRST=$(sync)
AFTER_FIRST=$(counts)
say "second sync of the unchanged list"
SECOND=$(sync)
AFTER_SECOND=$(counts)

python3 - "$FIRST" "$SECOND" "$AFTER_FIRST" "$AFTER_SECOND" "$JOBS" "$TARGET_S" <<'PY'
import json, sys
first, second, c1, c2, jobs, target = sys.argv[1:7]
t1, b1 = first.split("\t", 1)
t2, b2 = second.split("\t", 1)
a1, a2, c1, c2 = json.loads(b1), json.loads(b2), json.loads(c1), json.loads(c2)
jobs, target = int(jobs), float(target)
print()
print("%-14s %8s %6s %9s %8s %8s %8s %8s  %s" % ("sync", "seconds", "pages", "jobsRead", "jobsNew", "updated", "lookups", "skipped", "error"))
for name, t, a in (("first", t1, a1), ("second", t2, a2)):
    print("%-14s %8.2f %6d %9d %8d %8d %8d %8d  %s" % (name, float(t), a["pages"], a["jobsRead"], a["jobsNew"],
          a["jobsUpdated"], a["lookups"], a["skipped"], a["error"]))
print("stand-in served: first sync %d pages, %d folders; second sync %d pages" % (c1["pages"], c1["folders"], c2["pages"] - c1["pages"]))
print("first sync: %.0f jobs/s" % (a1["jobsNew"] / float(t1)))
ok1 = a1["error"] is None and a1["jobsNew"] == jobs and float(t1) < target
ok2 = a2["error"] is None and a2["pages"] == 1 and c2["pages"] - c1["pages"] == 1 and a2["jobsNew"] == 0
print("%s first sync stores all %d jobs in under %.0f s" % ("PASS" if ok1 else "FAIL", jobs, target))
print("%s second sync of the unchanged list reads one page" % ("PASS" if ok2 else "FAIL"))
sys.exit(0 if ok1 and ok2 else 1)
PY
