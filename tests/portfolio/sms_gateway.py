"""A fake SMS gateway for the tests: a tiny http.server in a thread that
answers like the provider's HTTP API (POST /rest/mtsms → {"ids": [n]}) and
records every request it got. `status` makes it refuse (e.g. 500)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeGateway:
    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                gateway.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": json.loads(body or b"{}")}
                )
                answer = json.dumps({"ids": [1000 + len(gateway.requests)]} if gateway.status == 200 else {})
                self.send_response(gateway.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(answer.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/rest/mtsms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def messages(self) -> list[str]:
        return [request["json"]["message"] for request in self.requests]
