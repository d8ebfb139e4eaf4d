#!/usr/bin/env python3
"""Stand-in for HeyGen's job list during bench/jobs-sync.sh. Standard library only.

    python3 bench/jobs_heygen.py PORT_FILE KEY JOBS PARENT_PID MAX_SECONDS

Listens on 127.0.0.1 (a free port, written to PORT_FILE once it listens) and answers, for the one key KEY (any
other key gets 401), in the wire format of ../shared/heygen/videos-*.json:
    GET /v3/videos?limit=100[&token=N]   JOBS jobs, newest first, 100 a page (token = the next page's number)
    GET /v3/videos/{id}                  404 (the bench's jobs are all completed or failed)
    GET /v3/folders/{id}                 {"data": {"folder_id", "name"}}
Every 20th job failed, every 7th a translation, folders "fld_0" to "fld_4" and none in turn; pages are made once,
at the start. GET /_bench/counts answers {"pages": n, "lookups": n, "folders": n}: the requests served so far.
It stops by itself after MAX_SECONDS, when PARENT_PID is gone, or on SIGTERM/SIGINT.
"""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PAGE = 100
NOW = 1_765_000_000  # 2025-12-06: jobs one a minute back from here


def make_pages(count):
    jobs = []
    for i in range(count):
        created = NOW - 60 * i
        job = {"id": "bench%06d" % i, "title": "Bench video %d" % i, "created_at": created,
               "video_url": "https://files.example.test/video/%d.mp4" % i, "thumbnail_url": None}
        if i % 20 == 19:
            job.update(status="failed", completed_at=created + 30, failure_code="rendering_failed")
        else:
            job.update(status="completed", completed_at=created + 300, duration=round(30 + (i % 97) * 1.237, 3))
        if i % 6:
            job["folder_id"] = "fld_%d" % (i % 5)
        if i % 7 == 3:
            job["output_language"] = "fr-FR"
        jobs.append(job)
    pages = []
    total = max(1, (count + PAGE - 1) // PAGE)
    for p in range(total):
        more = p + 1 < total
        body = {"data": jobs[p * PAGE:(p + 1) * PAGE], "has_more": more, "next_token": str(p + 1) if more else None}
        pages.append(json.dumps(body).encode())
    return pages


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        server = self.server
        if url.path == "/_bench/counts":
            with server.lock:
                return self.send(200, dict(server.counts))
        if self.headers.get("x-api-key") != server.key:
            return self.send(401, {"error": {"code": "invalid_api_key", "message": "The API key is invalid."}})
        if url.path == "/v3/videos":
            token = parse_qs(url.query).get("token", ["0"])[0]
            if not token.isdigit() or int(token) >= len(server.pages):
                return self.send(400, {"error": {"code": "invalid_parameter", "message": "Unknown token."}})
            with server.lock:
                server.counts["pages"] += 1
            return self.send(200, server.pages[int(token)])
        if url.path.startswith("/v3/videos/"):
            with server.lock:
                server.counts["lookups"] += 1
            return self.send(404, {"error": {"code": "not_found", "message": "Video not found"}})
        if url.path.startswith("/v3/folders/"):
            folder = url.path.rsplit("/", 1)[1]
            with server.lock:
                server.counts["folders"] += 1
            return self.send(200, {"data": {"folder_id": folder, "name": "Folder " + folder[-1]}})
        return self.send(404, {"error": {"code": "not_found", "message": "No such route."}})


def main():
    port_file, key, count, parent, max_seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.key = key
    server.pages = make_pages(count)
    server.lock = threading.Lock()
    server.counts = {"pages": 0, "lookups": 0, "folders": 0}
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))

    def watch():
        end = time.time() + max_seconds
        while time.time() < end:
            try:
                os.kill(parent, 0)
            except OSError:
                break
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
