#!/usr/bin/env python3
"""Setup, counting and verdict for bench/soak.sh. Standard library only; only talks to 127.0.0.1.

    SOAK_URL=http://127.0.0.1:PORT SOAK_TOKEN=sp_... python3 bench/soak_data.py setup ACCOUNTS OUT_FILE
        Creates ACCOUNTS accounts through the API (a write token, so no bcrypt per call), each with its own
        key soak-key-NNNN-<random> and a contract and usage taken from ../shared/acceptance/*.json in turn
        (SOAK_ACCEPTANCE_DIR), moved by whole months so that each case's asOf month is this month.
        Writes "id key case" lines to OUT_FILE.

    SOAK_URL=... SOAK_COOKIE='portal-session=...; ...' python3 bench/soak_data.py stored ACCOUNTS_FILE COUNTS_JSON
        Counts the FETCHED rows of every account's /accounts/{id}/snapshots.csv and compares them, account by
        account, with the 200s the stand-in served for its key (COUNTS_JSON, from /_soak/counts).
        Prints "stored N", "served N", "short_accounts N" lines.

    python3 bench/soak_data.py verdict SAMPLES_TSV SUMMARY_FILE
        Reads the per-minute samples and the run's figures and prints one PASS/FAIL line per criterion
        (see docs/performance.md#soak); exits 1 when any criterion fails.
"""
import base64
import calendar
import csv
import datetime as dt
import glob
import http.client
import io
import json
import os
import secrets
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

URL = urllib.parse.urlsplit(os.environ.get("SOAK_URL", "http://127.0.0.1:8080"))


def request(method, path, body=None, headers=None, expect=(200, 201)):
    if URL.hostname != "127.0.0.1":
        sys.exit("soak_data.py only talks to 127.0.0.1")
    conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=120)
    try:
        data = None if body is None else json.dumps(body).encode()
        headers = dict(headers or {})
        if data is not None:
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        if resp.status not in expect:
            raise RuntimeError(f"{method} {path} -> {resp.status}: {text[:300]}")
        return text
    finally:
        conn.close()


def shift_month(day, months):
    """day moved by whole months, the day of the month kept where the month has it (else its last day)."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def cases():
    """(name, contract, usage) of every acceptance case, moved so that its asOf month is this month."""
    folder = os.environ.get("SOAK_ACCEPTANCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "shared",
                                                                  "acceptance"))
    files = sorted(glob.glob(os.path.join(folder, "*.json")))
    if not files:
        sys.exit(f"soak_data.py: no acceptance cases in {folder} (set SOAK_ACCEPTANCE_DIR)")
    today = dt.datetime.now(dt.timezone.utc).date()
    out = []
    for path in files:
        case = json.load(open(path))
        as_of = dt.date.fromisoformat(case["asOf"])
        shift = (today.year * 12 + today.month) - (as_of.year * 12 + as_of.month)
        contract = dict(case["contract"])
        contract["startDate"] = shift_month(dt.date.fromisoformat(contract["startDate"]), shift).isoformat()
        usage = []
        for record in case.get("usage", []):
            record = dict(record)
            if "month" in record:
                record["month"] = shift_month(dt.date.fromisoformat(record["month"] + "-01"), shift).strftime("%Y-%m")
            if "date" in record:
                record["date"] = shift_month(dt.date.fromisoformat(record["date"]), shift).isoformat()
            usage.append(record)
        out.append((os.path.basename(path)[:-5], contract, usage))
    return out


def setup(accounts, out_file):
    auth = {"Authorization": "Bearer " + os.environ["SOAK_TOKEN"], "Accept": "application/json"}
    all_cases = cases()

    def create(i):
        name, contract, usage = all_cases[i % len(all_cases)]
        key = f"soak-key-{i + 1:04d}-{secrets.token_hex(8)}"
        account_id = json.loads(request("POST", "/api/accounts", {"name": f"soak-{i + 1:04d} {name}", "apiKey": key},
                                         auth, expect=(201,)))["id"]
        request("PUT", f"/api/accounts/{account_id}/contract", contract, auth)
        if usage:
            request("POST", f"/api/accounts/{account_id}/usage", usage, auth)
        return account_id, key, name

    with ThreadPoolExecutor(3) as pool:
        rows = list(pool.map(create, range(accounts)))
    with open(out_file, "w") as f:
        for account_id, key, name in rows:
            f.write(f"{account_id} {key} {name}\n")


def stored(accounts_file, counts_json):
    cookie = {"Cookie": os.environ["SOAK_COOKIE"]}
    served = json.load(open(counts_json))["ok"]
    rows = [line.split() for line in open(accounts_file) if line.strip()]

    def count(row):
        text = request("GET", f"/accounts/{row[0]}/snapshots.csv", headers=cookie, expect=(200,))
        reader = csv.DictReader(io.StringIO(text))
        return sum(1 for r in reader if r["source"] == "FETCHED")

    with ThreadPoolExecutor(2) as pool:
        counts = list(pool.map(count, rows))
    total_stored = sum(counts)
    total_served = sum(served.get(row[1], 0) for row in rows)
    short = [(row[0], c, served.get(row[1], 0)) for row, c in zip(rows, counts) if c < served.get(row[1], 0)]
    extra = [(row[0], c, served.get(row[1], 0)) for row, c in zip(rows, counts) if c > served.get(row[1], 0)]
    print(f"stored {total_stored}")
    print(f"served {total_served}")
    print(f"short_accounts {len(short)}")
    print(f"extra_accounts {len(extra)}")
    for account_id, c, s in (short + extra)[:5]:
        print(f"# account {account_id}: stored {c}, served {s}")


def slope(points):
    """Least-squares slope of (x, y) points, y per x."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return 0.0 if sxx == 0 else sum((x - mx) * (y - my) for x, y in points) / sxx


def verdict(samples_tsv, summary_file):
    rows = list(csv.DictReader(open(samples_tsv), delimiter="\t"))
    na = [f"{r['phase']} {r['minute']}" for r in rows if "NA" in (r["live_heap_mb"], r["rss_mb"])]
    rows = [r for r in rows if r["live_heap_mb"] != "NA" and r["rss_mb"] != "NA"]   # a jcmd that failed
    summary = dict(line.rstrip("\n").split(" ", 1) for line in open(summary_file) if " " in line)
    failed, skipped = [], []

    def result(ok, name, text):
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {text}")
        if not ok:
            failed.append(name)

    # 1. Every answer a 2xx: wrk's non-2xx (its "Non-2xx or 3xx" counts 4xx/5xx only), the 3xx the Lua
    #    script counted, and socket errors (a timeout or a dropped connection is no answer).
    requests, bad, sock = int(summary["requests"]), int(summary["not_2xx"]), int(summary["socket_errors"])
    result(bad == 0 and sock == 0 and requests > 0, "every answer 2xx",
           f"{requests} requests, {bad} not 2xx ({summary.get('statuses', '-')}), {sock} socket errors"
           + (f", {summary['probe_failures']}" if summary.get("probe_failures") else ""))
    if summary.get("probe_failures"):
        result(False, "pages probed one by one", summary["probe_failures"])

    # 2. The live heap after a full GC at the end
    final = summary.get("final_live_heap_mb", "NA")
    result(final != "NA" and float(final) < 200, "live heap at the end < 200 MB",
           f"{final} MB after a full GC, load stopped")
    if na:
        print(f"NOTE  samples without a heap figure (jcmd failed): {', '.join(na)}")

    # 3. Readings: what the stand-in answered 200 is what must be stored (429s and 500s store nothing)
    stored, served = int(summary["stored"]), int(summary["served"])
    result(served > 0 and stored >= 0.9 * served, "readings stored >= 90% of the 200s served",
           f"{stored} stored of {served} served ({100 * stored / max(served, 1):.1f}%; "
           f"{summary['short_accounts']} accounts short, {summary['extra_accounts']} with more); "
           f"{summary['rate_limited']} 429s and {summary['errors']} 500s not counted")
    #    and the poller kept its schedule while the load ran: each account about once per poll interval
    window, accounts, interval = float(summary["window_s"]), int(summary["accounts"]), float(summary["interval_s"])
    due = accounts * window / interval
    in_window = int(summary["served_in_window"])
    result(in_window >= 0.85 * due, "poller kept its schedule (>= 85%)",
           f"{in_window} readings served in the {window:.0f} s of load, {due:.0f} due "
           f"({100 * in_window / max(due, 1):.1f}%; {in_window / max(window, 1):.2f} a second)")

    # 4. Nothing keeps growing. Warm-up (caches filling, the JIT, the heap sizing itself) is left out by
    #    judging the later samples only: the second half of the run, and for RSS the minutes after the 8th
    #    (RSS warms up longest: code cache, metaspace, malloc arenas). A metric grows when both
    #    - the least-squares slope over those samples is above a noise floor, and
    #    - the mean of their last 3 is above every sample before them (a slope alone is fooled by one late
    #      bump, a new maximum alone by noise: threads go 49, 50, 51, 50 under load).
    load_rows = [r for r in rows if r["phase"] == "load"]
    end = max(float(r["minute"]) for r in load_rows) if load_rows else 0.0
    checks = [("live heap", "live_heap_mb", 2.0, "MB", end / 2), ("threads", "threads", 0.5, "", end / 2),
              ("file descriptors", "fds", 0.5, "", end / 2), ("RSS", "rss_mb", 4.0, "MB", 8.0)]
    for name, column, floor, unit, start in checks:
        window_rows = [r for r in load_rows if float(r["minute"]) >= start]
        before = [r for r in rows if float(r["minute"]) < start]
        if len(window_rows) < 3 or not before:
            print(f"SKIP  {name} not growing: {len(window_rows)} samples from minute {start:.0f} on, too few to judge "
                  f"(needs 3{', a run of 11 minutes or more' if column == 'rss_mb' else ''})")
            skipped.append(name)
            continue
        points = [(float(r["minute"]), float(r[column])) for r in window_rows]
        s = slope(points)
        tail = sum(y for _, y in points[-3:]) / 3
        peak_before = max(float(r[column]) for r in before)
        growing = s > floor and tail > peak_before
        result(not growing, f"{name} not growing",
               f"slope {s:+.2f}{unit}/min over minutes {points[0][0]:.1f}-{points[-1][0]:.1f} (limit {floor}{unit}/min); "
               f"last 3 samples {tail:.1f}{unit} on average, highest before {peak_before:.1f}{unit}")

    if failed:
        print("RESULT: FAIL (" + ", ".join(failed) + ")")
    else:
        print("RESULT: PASS" + (f" (not judged, the run too short: growth of {', '.join(skipped)})" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        if len(sys.argv) == 4 and sys.argv[1] == "setup":
            setup(int(sys.argv[2]), sys.argv[3])
        elif len(sys.argv) == 4 and sys.argv[1] == "stored":
            stored(sys.argv[2], sys.argv[3])
        elif len(sys.argv) == 4 and sys.argv[1] == "verdict":
            sys.exit(verdict(sys.argv[2], sys.argv[3]))
        else:
            sys.exit(__doc__)
    except (RuntimeError, OSError, KeyError) as e:
        sys.exit(f"soak_data.py {sys.argv[1]} failed: {e!r}")
