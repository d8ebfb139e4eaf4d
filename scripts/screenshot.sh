#!/usr/bin/env bash
# Remakes docs/images/dashboard.png: the dashboard of the demo data as the first admin sees it after logging in.
# Starts the packaged portal with -Dportal.demo=true on a free port of 127.0.0.1 and a temporary data directory, waits
# until every demo wallet has been read, logs in through Debian's headless Chromium and its chromedriver (spoken to
# over the W3C WebDriver protocol with python3's standard library), and writes the picture. Stops everything it
# started and removes the data directory. Needs java 17, python3, chromium and chromium-driver.
#
#   bash scripts/screenshot.sh               # builds the jar only if it is missing
#   BUILD=1 bash scripts/screenshot.sh       # rebuild the jar first (after changing a page)
#
# Settings (environment): OUT (docs/images/dashboard.png), WIDTH (1280; the height is the whole page's).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-docs/images/dashboard.png}
WIDTH=${WIDTH:-1280}
JAR=target/quarkus-app/quarkus-run.jar

for tool in java python3 chromium chromedriver; do
  command -v "$tool" >/dev/null || { echo "scripts/screenshot.sh needs $tool (apt-get install chromium chromium-driver)" >&2; exit 1; }
done
if [ ! -f "$JAR" ] || [ "${BUILD:-0}" = 1 ]; then
  echo "== building $JAR"
  ./mvnw -q -B -DskipTests package
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
DRIVER_PORT=$(free_port)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/spend-portal-screenshot.XXXXXX")
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
APP_PID=
DRIVER_PID=

cleanup() {
  local status=$?
  set +e
  for pid in $DRIVER_PID $APP_PID; do
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "$status" -eq 0 ]; then
    rm -rf "$TMP"
  else
    rm -rf "$TMP/data"
    echo "scripts/screenshot.sh failed (exit $status); the portal's log is kept in $TMP/app.log" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting the portal with the demo data on 127.0.0.1:$PORT"
java -Dportal.demo=true -Dportal.data-dir="$TMP/data" -Dportal.admin.password="$PASSWORD" \
     -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dportal.base-url="http://127.0.0.1:$PORT" \
     -jar "$JAR" > "$TMP/app.log" 2>&1 &
APP_PID=$!
chromedriver --port="$DRIVER_PORT" > "$TMP/chromedriver.log" 2>&1 &
DRIVER_PID=$!

python3 - "http://127.0.0.1:$PORT" "http://127.0.0.1:$DRIVER_PORT" "$PASSWORD" "$OUT" "$WIDTH" <<'PY'
import base64, json, sys, time, urllib.request

portal, driver, password, out, width = sys.argv[1:]
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read() or b"null")


def until(what, check, seconds=120):
    deadline = time.time() + seconds
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        if time.time() > deadline:
            sys.exit("timed out waiting for " + what)
        time.sleep(1)


basic = {"Authorization": "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()}


def wallets_read():
    accounts = call("GET", portal + "/api/accounts", headers=basic)
    return accounts and all(a.get("latestSnapshot") for a in accounts)


until("the portal to start and read every demo wallet", wallets_read)
until("chromedriver", lambda: call("GET", driver + "/status")["value"]["ready"])

args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--window-size={width},800"]
session = call("POST", driver + "/session", {"capabilities": {"alwaysMatch": {
    "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}})["value"]["sessionId"]
s = f"{driver}/session/{session}"
try:
    def element(css):
        return call("POST", s + "/element", {"using": "css selector", "value": css})["value"][ELEMENT]

    def type_into(css, text):
        call("POST", f"{s}/element/{element(css)}/value", {"text": text})

    call("POST", s + "/url", {"url": portal + "/login"})
    type_into("#j_username", "admin")
    type_into("#j_password", password + "\ue007")  # Enter submits the form
    until("the dashboard", lambda: call("POST", s + "/execute/sync", {
        "script": "return document.querySelector('h1') && document.querySelector('h1').textContent.trim()",
        "args": []})["value"] == "Accounts", 30)
    # the window as tall as the page, so the picture shows every demo account
    page, inner, outer = call("POST", s + "/execute/sync", {"script": "return [document.documentElement.scrollHeight,"
                              " window.innerHeight, window.outerHeight]", "args": []})["value"]
    call("POST", s + "/window/rect", {"width": int(width), "height": outer + page - inner})
    png = base64.b64decode(call("GET", s + "/screenshot")["value"])
    with open(out, "wb") as f:
        f.write(png)
    print(f"wrote {out} ({len(png):,} bytes)")
finally:
    call("DELETE", s)
PY
