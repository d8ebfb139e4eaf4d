#!/usr/bin/env python3
"""Loads bench data sets into a running portal through its JSON API (helper of bench/load.sh).

    BENCH_URL=http://127.0.0.1:18080 BENCH_USER=admin BENCH_PASSWORD=... \
        python3 bench/load_data.py phase-a OUT_FILE
    ... python3 bench/load_data.py phase-b OUT_FILE

phase-a: BENCH_READINGS_ACCOUNTS (10) dollar-package accounts, each with a 12-month $120,000 package
         whose term ends today and BENCH_READINGS (35040) 15-minute wallet readings ending now,
         backfilled in calls of BENCH_CHUNK (10000) readings by BENCH_LOADERS (2) concurrent loaders.
phase-b: BENCH_ACCOUNTS (1000) usage-based accounts with 11 months of usage each (the three published
         tiers), plus one 60-month usage-based account with usage in every month of its term so far.
centres: BENCH_CENTRES (200) cost centres over every account (5 whole accounts each, budgets from the
         accounts' commitments), 50 of them also holding the Marketing folder of two accounts whose jobs
         were loaded (BENCH_JOB_IDS, space-separated).

Writes "key value" lines to OUT_FILE (ids, timings) for load.sh. Standard library only; every
call is HTTP Basic (each one costs the server a bcrypt check), so setup runs BENCH_WORKERS (6) in parallel.
Data is pseudo-random with a fixed seed, so every run loads the same figures for the same day.
"""
import base64
import calendar
import datetime as dt
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

URL = urllib.parse.urlsplit(os.environ.get("BENCH_URL", "http://127.0.0.1:18080"))
if URL.hostname not in ("127.0.0.1", "localhost"):
    sys.exit("load_data.py only talks to 127.0.0.1")
AUTH = "Basic " + base64.b64encode(
    (os.environ.get("BENCH_USER", "admin") + ":" + os.environ["BENCH_PASSWORD"]).encode()).decode()
WORKERS = int(os.environ.get("BENCH_WORKERS", "6"))
PREFIX = os.environ.get("BENCH_NAME_PREFIX", "bench")   # account names start with it

# Published usage-based tiers: MMC $, contract rate $/s, included s/month, overage $/s
TIERS = [("1000", "0.00833", 120000, "0.01"),
         ("5000", "0.0075", 600000, "0.00833"),
         ("20000", "0.00667", 2400000, "0.0075")]
PRODUCTS = ["avatar-iv", "video-translation", "photo-avatar"]


def call(method, path, body=None, expect=(200, 201)):
    """One API call; returns the parsed JSON answer. Fails loudly on any unexpected status."""
    conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=600)
    try:
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        headers = {"Authorization": AUTH, "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        if resp.status not in expect:
            raise RuntimeError(f"{method} {path} -> {resp.status}: {text[:500]}")
        return json.loads(text) if text else None
    finally:
        conn.close()


def progress(message):
    print(message, file=sys.stderr, flush=True)


def create_account(name, contract, usage=None):
    account_id = call("POST", "/api/accounts", {"name": name}, expect=(201,))["id"]
    call("PUT", f"/api/accounts/{account_id}/contract", contract)
    if usage:
        call("POST", f"/api/accounts/{account_id}/usage", usage)
    return account_id


def months_back(month_start, n):
    """The first day of the month n months before month_start (a first of month)."""
    y, m = divmod(month_start.year * 12 + month_start.month - 1 - n, 12)
    return dt.date(y, m + 1, 1)


ABORT = threading.Event()   # set by the first failure, so the other workers stop instead of carrying on


def parallel(fn, items, workers):
    def guarded(item):
        if ABORT.is_set():
            raise RuntimeError("stopped after an earlier failure")
        try:
            return fn(item)
        except BaseException:
            ABORT.set()
            raise
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(guarded, items))


def readings(index, count, end):
    """count 15-minute balance readings ending at end: a steady drawdown with daily rhythm and a few top-ups."""
    rnd = random.Random(1000 + index)
    scale = rnd.uniform(0.6, 1.1)            # this account's spending level
    topups = set(rnd.sample(range(count // 10, count), 3))
    cents = 120_000_00
    start = end - dt.timedelta(minutes=15 * (count - 1))
    out = []
    for i in range(count):
        at = start + dt.timedelta(minutes=15 * i)
        if i:
            busy = 8 <= at.hour < 20 and at.weekday() < 5
            if rnd.random() < (0.9 if busy else 0.3):      # many readings move, some do not
                cents -= int(rnd.expovariate(1 / (450 if busy else 150)) * scale)
            if i in topups:
                cents += rnd.choice([10_000_00, 20_000_00, 25_000_00])
            cents = max(cents, 0)
        out.append({"fetchedAt": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "remainingBalance": f"{cents // 100}.{cents % 100:02d}"})
    return out


def phase_a(out):
    n_accounts = int(os.environ.get("BENCH_READINGS_ACCOUNTS", "10"))
    n_readings = int(os.environ.get("BENCH_READINGS", "35040"))
    chunk = int(os.environ.get("BENCH_CHUNK", "10000"))
    loaders = int(os.environ.get("BENCH_LOADERS", "2"))
    now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    end = now - dt.timedelta(minutes=now.minute % 15)
    today = now.date()
    # 12-month term ending today: today minus 12 months plus one day (the last reading day is today)
    year_ago = months_back(today.replace(day=1), 12)
    year_ago = year_ago.replace(day=min(today.day, calendar.monthrange(year_ago.year, year_ago.month)[1]))
    start = year_ago + dt.timedelta(days=1)
    contract = {"model": "DOLLAR_PACKAGE", "startDate": start.isoformat(), "termMonths": "12",
                "packageUsd": "120000", "contractRatePerSecond": "0.0075"}
    t0 = time.monotonic()
    ids = parallel(lambda i: create_account(f"{PREFIX}-package-{i + 1:02d}", contract), range(n_accounts), WORKERS)
    setup_s = time.monotonic() - t0

    batches = []   # (account id, list of chunks), generated before the clock starts
    for i, account_id in enumerate(ids):
        rows = readings(i, n_readings, end)
        batches.append((account_id, [rows[k:k + chunk] for k in range(0, len(rows), chunk)]))

    def backfill(batch):
        account_id, chunks = batch
        timings = []
        for rows in chunks:
            if ABORT.is_set():
                raise RuntimeError("stopped after an earlier failure")
            c0 = time.monotonic()
            stored = call("POST", f"/api/accounts/{account_id}/wallet-snapshots", rows)["count"]
            if stored != len(rows):
                raise RuntimeError(f"account {account_id}: stored {stored} of {len(rows)}")
            timings.append((len(rows), time.monotonic() - c0))
            progress(f"  account {account_id}: {len(rows)} readings in {timings[-1][1]:.1f} s")
        return timings

    progress(f"  {n_accounts} accounts ready in {setup_s:.1f} s; backfilling {n_accounts * n_readings} readings")
    t0 = time.monotonic()
    calls = [c for timings in parallel(backfill, batches, loaders) for c in timings]
    backfill_s = time.monotonic() - t0
    per_call = [n / s for n, s in calls]
    full = [s for n, s in calls if n == chunk] or [s for _, s in calls]
    with open(out, "w") as f:
        f.write(f"package_ids {' '.join(map(str, ids))}\n")
        f.write(f"contract_start {start.isoformat()}\n")
        f.write(f"setup_seconds {setup_s:.1f}\n")
        f.write(f"readings {sum(n for n, _ in calls)}\n")
        f.write(f"readings_per_account {n_readings}\n")
        f.write(f"backfill_seconds {backfill_s:.2f}\n")
        f.write(f"calls {len(calls)}\n")
        f.write(f"chunk {chunk}\n")
        f.write(f"loaders {loaders}\n")
        f.write(f"call_seconds_median {statistics.median(full):.2f}\n")
        f.write(f"call_seconds_max {max(s for _, s in calls):.2f}\n")
        f.write(f"call_rate_median {statistics.median(per_call):.0f}\n")


def phase_b(out):
    n_accounts = int(os.environ.get("BENCH_ACCOUNTS", "1000"))
    today = dt.datetime.now(dt.timezone.utc).date()
    this_month = today.replace(day=1)

    def usage_account(i):
        rnd = random.Random(5000 + i)
        mmc, rate, included, overage = TIERS[rnd.choices(range(3), weights=(5, 4, 1))[0]]
        first = months_back(this_month, 10)                # 11 months of usage, the current one included
        contract = {"model": "USAGE_BASED", "startDate": first.isoformat(), "termMonths": "12",
                    "mmcUsd": mmc, "contractRatePerSecond": rate,
                    "includedSecondsPerMonth": str(included), "overageRatePerSecond": overage}
        heavy = rnd.random() < 0.3                         # about a third run over the pool
        usage = []
        for k in range(11):
            month = months_back(this_month, 10 - k).strftime("%Y-%m")
            seconds = included * (rnd.uniform(0.9, 1.6) if heavy else rnd.uniform(0.4, 1.05))
            if k == 10:
                seconds *= today.day / 31                  # month to date
            if rnd.random() < 0.3:                         # some months split over two products
                a, b = rnd.sample(PRODUCTS, 2)
                part = round(seconds * rnd.uniform(0.2, 0.8))
                usage.append({"month": month, "seconds": str(part), "product": a})
                usage.append({"month": month, "seconds": str(round(seconds) - part), "product": b})
            else:
                usage.append({"month": month, "seconds": str(round(seconds))})
        account_id = create_account(f"{PREFIX}-usage-{i + 1:04d}", contract, usage)
        if (i + 1) % 200 == 0:
            progress(f"  {i + 1} usage-based accounts so far ({time.monotonic() - t0:.0f} s)")
        return account_id

    t0 = time.monotonic()
    ids = parallel(usage_account, range(n_accounts), WORKERS)
    # 60 months, the current one the last: started 59 months before this month's first day
    start60 = months_back(this_month, 59)
    rnd = random.Random(60)
    usage60 = [{"month": months_back(this_month, 59 - k).strftime("%Y-%m"),
                "seconds": str(round(600000 * rnd.uniform(0.5, 1.4)))} for k in range(60)]
    id60 = create_account(f"{PREFIX}-60-months", {
        "model": "USAGE_BASED", "startDate": start60.isoformat(), "termMonths": "60", "mmcUsd": "5000",
        "contractRatePerSecond": "0.0075", "includedSecondsPerMonth": "600000",
        "overageRatePerSecond": "0.00833"}, usage60)
    with open(out, "w") as f:
        f.write(f"usage_accounts {len(ids)}\n")
        f.write(f"id60 {id60}\n")
        f.write(f"start60 {start60.isoformat()}\n")
        f.write(f"load_seconds {time.monotonic() - t0:.1f}\n")


def centres(out):
    n = int(os.environ.get("BENCH_CENTRES", "200"))
    job_ids = [int(i) for i in os.environ.get("BENCH_JOB_IDS", "").split()]
    ids = sorted(a["id"] for a in call("GET", "/api/accounts"))
    per = max(1, len(ids) // n)
    t0 = time.monotonic()

    def centre(k):
        rnd = random.Random(700 + k)
        members = [{"accountId": i} for i in ids[k * per:(k + 1) * per]]
        if k < 50:
            members += [{"accountId": i, "folderId": "fld_marketing"} for i in job_ids[2 * k:2 * k + 2]]
        body = {"name": f"{PREFIX} centre {k + 1:03d}", "ownerEmail": f"lead{k + 1}@example.com",
                "monthlyBudgetUsd": str(rnd.choice([5000, 10000, 25000, 60000])), "members": members}
        return call("POST", "/api/cost-centres", body, expect=(201,))["id"]

    made = parallel(centre, range(n), WORKERS)
    with open(out, "w") as f:
        f.write(f"centres {len(made)}\n")
        f.write(f"load_seconds {time.monotonic() - t0:.1f}\n")


if __name__ == "__main__":
    phases = {"phase-a": phase_a, "phase-b": phase_b, "centres": centres}
    if len(sys.argv) != 3 or sys.argv[1] not in phases:
        sys.exit(__doc__)
    try:
        phases[sys.argv[1]](sys.argv[2])
    except (RuntimeError, OSError) as e:
        sys.exit(f"load_data.py {sys.argv[1]} failed: {e}")
