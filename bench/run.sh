#!/usr/bin/env bash
# Measures the statement engine and, when a portal is running, page latency. Prints figures only.
# For throughput under load on a packaged portal with large data sets, see bench/load.sh.
#   bash bench/run.sh                       # engine only
#   PORTAL_URL=http://localhost:8080 PORTAL_USER=admin PORTAL_PASSWORD=... bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
echo "== statement engine (after warm-up, one core)"
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" com.spendportal.statements.StatementBenchmark

if [ -n "${PORTAL_URL:-}" ]; then
  jar=$(mktemp)
  # the login form is CSRF-protected: its token is the portal-csrf cookie the login page sets
  curl -s -c "$jar" -o /dev/null "$PORTAL_URL/login"
  csrf=$(awk -F'\t' '$6 == "portal-csrf" { print $7 }' "$jar")
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf-token=$csrf" -d "j_username=${PORTAL_USER:-admin}" \
    --data-urlencode "j_password=${PORTAL_PASSWORD}" "$PORTAL_URL/j_security_check"
  ids=$(curl -s -u "${PORTAL_USER:-admin}:${PORTAL_PASSWORD}" "$PORTAL_URL/api/accounts" | grep -o '"id":[0-9]*' | cut -d: -f2 | head -5)
  for path in / /accounts.csv $(for i in $ids; do echo "/accounts/$i"; done); do
    for i in $(seq 1 5); do curl -s -b "$jar" -o /dev/null "$PORTAL_URL$path"; done
    times=$(for i in $(seq 1 50); do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$PORTAL_URL$path"; done | sort -n)
    printf '%-24s median %s s  p95 %s s  (50 requests)\n' "$path" "$(echo "$times" | sed -n 25p)" "$(echo "$times" | sed -n 48p)"
  done
  rm -f "$jar"
fi
