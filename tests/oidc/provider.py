"""Start the real OpenID provider (npm oidc-provider, tests/oidc/server.mjs)
on a free loopback port, for the single sign-on tests.

Its npm packages are installed by scripts/bootstrap.sh (`npm ci` in
tests/oidc); on a fresh clone without them this runs the same `npm ci` once.
Never skipped: a machine without Node fails these tests (CI has Node 20).
"""

import json
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
STARTUP_SECONDS = 90


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen

    def next_login(self, account_id: str, *, acr: str | None = None, amr: list[str] | None = None) -> None:
        body = {"accountId": account_id, "acr": acr, "amr": amr}
        requests.post(f"{self.issuer}/test/next-login", json=body, timeout=10).raise_for_status()

    def tamper_next_token(self, kind: str) -> None:
        requests.post(f"{self.issuer}/test/tamper", json={"kind": kind}, timeout=10).raise_for_status()


def ensure_installed() -> None:
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, timeout=300)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(clients: list[dict]) -> RunningProvider:
    ensure_installed()
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "KUI_OIDC_CLIENTS": json.dumps(clients),
        "KUI_OIDC_LIFETIME_SECONDS": "1800",
    }
    process = subprocess.Popen(
        ["node", str(HERE / "server.mjs")],
        cwd=HERE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("ready "):
            return RunningProvider(issuer=line.split()[1], process=process)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("the test OpenID provider did not start")


def stop(provider: RunningProvider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()
