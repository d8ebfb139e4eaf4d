#!/usr/bin/env python3
"""Stand-in for HeyGen's GET /v3/users/me during the soak (helper of bench/soak.sh). Standard library only.

    python3 bench/soak_heygen.py PORT_FILE COUNTS_FILE ACCOUNTS PARENT_PID MAX_SECONDS

Listens on 127.0.0.1 (a free port, written to PORT_FILE once it listens) and answers
GET /v3/users/me for the keys soak-key-0001-... to soak-key-NNNN-... (the number picks the account; any
other key gets 401) with the body of heygen/users-me-wallet-usd.json, each key's balance drawing down by
a few dollars a reading and reloading $5,000 below $1,000 as the body's auto-reload says. About 1 answer in
100 is a 500 and 1 in 100 a 429 with Retry-After: 5 (a fixed seed, so runs are alike); answers take 20 to
150 ms. It counts per key the 200s it served (each should become one stored reading), the 429s and the 500s.

It also serves each known key's job list (GET /v3/videos?limit=&token=, GET /v3/folders/{id}, as in
heygen/videos-page-1.json): a list that grows by one job every 30 s per key from the stand-in's start, newest
first, the newest minute's jobs still processing, 1 in 25 failed, three folders and jobs without one; the pages
served are counted ("job_pages").

Control routes, for soak.sh only:
    GET  /_soak/counts   {"ok": {key: n}, "rate_limited": n, "errors": n, "unknown_key": n, "frozen": bool}
    POST /_soak/freeze   from now on /v3/users/me answers 503 and nothing more is counted, so the counts
                         that soak.sh compares with the stored readings stop moving.
The counts are also written to COUNTS_FILE every 10 s and at exit. The stand-in stops by itself after
MAX_SECONDS, when PARENT_PID is gone, or on SIGTERM/SIGINT.
"""
import json
import os
import random
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

KEY = re.compile(r"^soak-key-(\d{4})-[0-9a-f]+$")
ERROR_500 = {"error": {"code": "internal_error", "message": "Something went wrong on our end.",
                       "doc_url": "https://developers.heygen.com/docs/error-codes#internal-error"}}
ERROR_429 = {"error": {"code": "rate_limit_exceeded",
                       "message": "Too many requests. Retry after the number of seconds in the Retry-After header.",
                       "doc_url": "https://developers.heygen.com/docs/error-codes#rate-limit-exceeded"}}
ERROR_401 = {"error": {"code": "invalid_api_key", "message": "The API key is invalid.",
                       "doc_url": "https://developers.heygen.com/docs/error-codes#invalid-api-key"}}


class State:
    def __init__(self, accounts):
        self.accounts = accounts
        self.lock = threading.Lock()
        self.rnd = random.Random(27)
        self.ok = {}             # key -> 200 answers served
        self.balance = {}        # key -> cents
        self.rate_limited = 0
        self.errors = 0
        self.unknown_key = 0
        self.after_freeze = 0
        self.frozen = False
        self.started = time.time()
        self.job_pages = 0

    def snapshot(self):
        with self.lock:
            return {"ok": dict(self.ok), "rate_limited": self.rate_limited, "errors": self.errors,
                    "unknown_key": self.unknown_key, "after_freeze": self.after_freeze, "frozen": self.frozen,
                    "job_pages": self.job_pages}

    def jobs(self, key, query):
        """(status, headers, body) for one page of the key's job list."""
        match = KEY.match(key or "")
        if not match or not 1 <= int(match.group(1)) <= self.accounts:
            return 401, {}, ERROR_401
        n = int(match.group(1))
        now = time.time()
        count = 5 + int((now - self.started) // 30)
        limit = max(1, min(100, int(query.get("limit", ["10"])[0])))
        start = int(query.get("token", ["0"])[0] or 0)
        data = []
        for j in range(count - 1 - start, max(-1, count - 1 - start - limit), -1):
            created = int(self.started) - 150 + 30 * j
            item = {"id": f"soak-{n:04d}-{j:06d}", "title": f"Soak video {j}", "created_at": created,
                    "folder_id": ["fld_marketing", "fld_support", None][j % 3]}
            if now - created < 60:
                item["status"] = "processing"
            elif j % 25 == 7:
                item.update(status="failed", completed_at=created + 60)
            else:
                item.update(status="completed", completed_at=created + 60, duration=30 + (j * 7) % 90 + 0.125)
            data.append(item)
        more = start + limit < count
        with self.lock:
            self.job_pages += 1
        return 200, {}, {"data": data, "has_more": more, "next_token": str(start + limit) if more else None}

    def answer(self, key):
        """(status, headers, body) for one /v3/users/me request; counted here, under the lock."""
        match = KEY.match(key or "")
        with self.lock:
            if self.frozen:
                self.after_freeze += 1
                return 503, {}, ERROR_500
            if not match or not 1 <= int(match.group(1)) <= self.accounts:
                self.unknown_key += 1
                return 401, {}, ERROR_401
            roll = self.rnd.random()
            if roll < 0.01:
                self.errors += 1
                return 500, {}, ERROR_500
            if roll < 0.02:
                self.rate_limited += 1
                return 429, {"Retry-After": "5"}, ERROR_429
            n = int(match.group(1))
            cents = self.balance.get(key, 6_889_945 - 7_919 * n)   # 68,899.45 as in the fixture, less per account
            cents -= self.rnd.randint(0, 4_000)
            if cents < 100_000:                                     # auto-reload: below $1,000, add $5,000
                cents += 500_000
            self.balance[key] = cents
            self.ok[key] = self.ok.get(key, 0) + 1
        body = {"data": {
            "username": f"soak_{n:04d}", "email": f"soak-{n:04d}@example.invalid", "first_name": "Soak",
            "last_name": f"Account {n}", "billing_type": "wallet",
            "wallet": {"currency": "usd", "remaining_balance": float(f"{cents // 100}.{cents % 100:02d}"),
                       "auto_reload": {"enabled": True, "threshold_usd": 1000, "amount_usd": 5000}},
            "subscription": None, "usage_based": None}}
        return 200, {}, body


def main():
    port_file, counts_file, accounts, parent, max_seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        int(sys.argv[4]), float(sys.argv[5])
    state = State(accounts)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):   # no access log: it would be 2.5 lines a second for 20 minutes
            pass

        def send(self, status, headers, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/v3/users/me":
                time.sleep(random.uniform(0.02, 0.15))   # a network round trip, outside the lock
                self.send(*state.answer(self.headers.get("x-api-key")))
            elif self.path.startswith("/v3/videos?") or self.path == "/v3/videos":
                time.sleep(random.uniform(0.02, 0.15))
                query = parse_qs(urlsplit(self.path).query)
                self.send(*state.jobs(self.headers.get("x-api-key"), query))
            elif self.path.startswith("/v3/folders/"):
                folder = self.path.rsplit("/", 1)[-1]
                self.send(200, {}, {"data": {"folder_id": folder, "name": folder[4:].title()}})
            elif self.path == "/_soak/counts":
                self.send(200, {}, state.snapshot())
            else:
                self.send(404, {}, {"error": {"code": "not_found", "message": "No such route in the stand-in."}})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if self.path == "/_soak/freeze":
                with state.lock:
                    state.frozen = True
                self.send(200, {}, state.snapshot())
            else:
                self.send(404, {}, {"error": {"code": "not_found", "message": "No such route in the stand-in."}})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)

    def write_counts():
        with open(counts_file + ".tmp", "w") as f:
            json.dump(state.snapshot(), f)
        os.replace(counts_file + ".tmp", counts_file)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    deadline = time.monotonic() + max_seconds
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            break
        write_counts()
        stop.wait(10)
    write_counts()
    server.shutdown()


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main()
